"""The shared starter library: requirements we wrote ourselves, in data/starter_library.json.

Loading is idempotent and keyed on `krav_id` + `version`, so the data migration, the demo loader
and tests may all call it; an existing version is never changed (it may be used in lots).
"""

import json
from pathlib import Path
from typing import Any

STARTER_LIBRARY = Path(__file__).parent / "data" / "starter_library.json"


def starter_items() -> list[dict[str, Any]]:
    with STARTER_LIBRARY.open(encoding="utf-8") as file:
        return json.load(file)


def load_starter_library(model: Any = None) -> int:
    """Adds the starter versions that are missing; returns how many it added.

    `model` is the Requirement class, or the historical one inside a migration.
    """
    if model is None:
        from .models import Requirement as model
    # A migration's historical model may lack fields added later: leave those at their defaults.
    field_names = {field.name for field in model._meta.get_fields()}
    added = 0
    for item in starter_items():
        values = {key: value for key, value in item.items() if key in field_names}
        _, created = model.objects.get_or_create(
            krav_id=item["krav_id"], version=item["version"], defaults=values
        )
        added += created
    _mark_current(model, {item["krav_id"] for item in starter_items()})
    return added


def _mark_current(model: Any, krav_ids: set[str]) -> None:
    """Only the newest version of each shared requirement is current."""
    for krav_id in krav_ids:
        versions = model.objects.filter(krav_id=krav_id, organisation__isnull=True)
        newest = versions.order_by("-version").first()
        if newest is None:
            continue
        versions.exclude(pk=newest.pk).filter(is_current=True).update(is_current=False)
        versions.filter(pk=newest.pk, is_current=False).update(is_current=True)
