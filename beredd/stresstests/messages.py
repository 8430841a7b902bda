"""What the engine's refusals mean to people: a network path and an engine message in words."""

import re
from typing import Any

from django.utils.translation import gettext as _

from beredd.stresstests import engine_api as engine

_ITEM = re.compile(r"^(units|suppliers|categories|assignments)\[(\d+)\](.*)$")


def describe_path(network_data: dict[str, Any], path: str) -> str:
    """`units[3].stock_days.dry` -> `unit U4 (Ekby skola), stock_days.dry`, for people."""
    match = _ITEM.match(path)
    if not match:
        return path
    kind, index, rest = match.group(1), int(match.group(2)), match.group(3).lstrip(".")
    items = network_data.get(kind) or []
    if index >= len(items) or not isinstance(items[index], dict):
        return path
    item = items[index]
    label = {
        "units": _("unit %(id)s"),
        "suppliers": _("supplier %(id)s"),
        "categories": _("food category %(id)s"),
        "assignments": _("assignment of %(id)s"),
    }[kind] % {"id": item.get("id") or item.get("category") or index + 1}
    if item.get("name"):
        label += f" ({item['name']})"
    return f"{label}, {rest}" if rest else label


def _engine_messages() -> list[tuple[re.Pattern[str], str]]:
    """The engine's most common messages (English codes for people) in the user's language."""
    return [
        (re.compile(r"^must be >= (?P<value>.+)$"), _("must be at least %(value)s")),
        (re.compile(r"^must be <= (?P<value>.+)$"), _("must be at most %(value)s")),
        (re.compile(r"^must be > (?P<value>.+)$"), _("must be greater than %(value)s")),
        (re.compile(r"^is required$"), _("is missing")),
        (re.compile(r"^must not be empty$"), _("must not be empty")),
        (
            re.compile(r"^no assignment for category '(?P<value>.+)'$"),
            _("has no supplier assigned for food category %(value)s"),
        ),
    ]


def engine_message(message: str) -> str:
    for pattern, text in _engine_messages():
        match = pattern.match(message)
        if match:
            return text % match.groupdict()
    return message


def network_error_message(network_data: dict[str, Any], error: engine.NetworkError) -> str:
    where = describe_path(network_data, error.path)
    return _("The network data cannot be stress tested: %(where)s: %(message)s (%(path)s)") % {
        "where": where,
        "message": engine_message(error.message),
        "path": error.path,
    }


def supplier_change(*, supplier_id: str, changes: dict[str, float]) -> tuple[dict[str, Any], str]:
    """A what-if on one supplier's declared values, and its description for the run's name."""
    listed = ", ".join(f"{key} = {value:g}" for key, value in changes.items())
    return {"supplier": supplier_id, "set": changes}, f"{supplier_id}: {listed}"


def added_supplier_description(change: dict[str, Any]) -> str:
    supplier, move = change["add_supplier"], change["move"]
    return _("new supplier %(id)s takes over %(categories)s") % {
        "id": supplier["id"],
        "categories": ", ".join(move["categories"]),
    }
