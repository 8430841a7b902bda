"""Shared pieces of the stress-test tests (no tests here): a scenario library, immediate tasks."""

from dataclasses import dataclass, field
from typing import Any

import pytest

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

POWER_NORTH = {
    "id": "power-north",
    "name": {"sv": "Strömavbrott i norr", "en": "Power cut in the north"},
    "rationale": {"sv": "Två dagar utan ström.", "en": "Two days without power."},
    "horizon_days": 10,
    "events": [
        {"type": "power_outage", "areas": ["north"], "start_day": 1, "duration_days": 2},
        {"type": "pandemic", "start_day": 0, "duration_days": 10, "absence": {"uniform": [0, 0.4]}},
    ],
}
SUPPLIER_DOWN = {
    "id": "s1-down",
    "name": {"sv": "Grossisten slutar leverera", "en": "The wholesaler stops delivering"},
    "rationale": {"sv": "Leverantörsbortfall.", "en": "Supplier failure."},
    "horizon_days": 8,
    "events": [
        {"type": "supplier_failure", "suppliers": ["S1"], "start_day": 2, "duration_days": 4}
    ],
}


@dataclass(frozen=True)
class Info:
    id: str
    name: str
    rationale: str
    horizon_days: int
    event_types: tuple[str, ...] = ()
    data: dict[str, Any] = field(default_factory=dict)


def library(lang: str = "sv") -> list[Info]:
    return [
        Info(s["id"], s["name"][lang], s["rationale"][lang], s["horizon_days"], (), s)
        for s in (POWER_NORTH, SUPPLIER_DOWN)
    ]


@pytest.fixture
def scenario_library(monkeypatch) -> list[Info]:
    from beredd.stresstests import engine_api

    monkeypatch.setattr(engine_api, "scenario_library", library)
    return library()


@pytest.fixture
def immediate_tasks(settings, tmp_path):
    settings.TASKS = IMMEDIATE
    settings.MEDIA_ROOT = tmp_path
    return settings
