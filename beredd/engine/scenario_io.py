"""Loading scenarios: schema check, events and distributions with JSON paths, library ids."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

from beredd.engine.errors import ScenarioError
from beredd.engine.jsonio import read_json, validate_schema
from beredd.engine.model import EVENT_TYPES, Distribution, Event, Param, Scenario

_VALUE_KEY = {
    "road_closure": "access",
    "fuel_shortage": "capacity_when_empty",
    "pandemic": "absence",
}
_TARGET_KEY = {
    "power_outage": "areas",
    "water_outage": "areas",
    "road_closure": "areas",
    "supplier_failure": "suppliers",
    "it_outage": "systems",
    "import_stop": "categories",
}
_DIST_ARITY = {"uniform": 2, "uniform_int": 2, "triangular": 3}


def load_scenario(data: dict[str, Any] | str | Path) -> Scenario:
    """Validate a scenario (dict, JSON file path, or library id) and return a `Scenario`."""
    if isinstance(data, str) and not Path(data).exists():
        from beredd.engine.library import library_path

        found = library_path(data)
        if found is not None:
            data = found
    raw = read_json(data, ScenarioError)
    validate_schema(raw, "scenario.schema.json", ScenarioError)
    events = tuple(_event(e, f"events[{i}]") for i, e in enumerate(raw["events"]))
    return Scenario(
        id=str(raw.get("id", "scenario")),
        horizon_days=int(raw["horizon_days"]),
        events=events,
        name=_text(raw.get("name", {})),
        rationale=_text(raw.get("rationale", {})),
        data=raw,
    )


def _text(value: str | dict[str, str]) -> dict[str, str]:
    return {"sv": value, "en": value} if isinstance(value, str) else dict(value)


def _event(raw: dict[str, Any], path: str) -> Event:
    kind = raw["type"]
    if kind not in EVENT_TYPES:
        raise ScenarioError(f"{path}.type", f"unknown event type {kind!r}")
    start = _param(raw["start_day"], f"{path}.start_day", integer=True, low=0)
    duration = _param(raw["duration_days"], f"{path}.duration_days", integer=True, low=0)
    value = None
    if kind in _VALUE_KEY:
        key = _VALUE_KEY[kind]
        if key not in raw:
            raise ScenarioError(f"{path}.{key}", "is required")
        value = _param(raw[key], f"{path}.{key}", low=0, high=1)
    count = None
    if "count" in raw:
        count = _param(raw["count"], f"{path}.count", integer=True, low=0)
    target = _TARGET_KEY.get(kind)
    if target and target not in raw and not (kind == "supplier_failure" and count is not None):
        raise ScenarioError(f"{path}.{target}", "is required")
    targets = {
        k: _targets(raw[k]) for k in ("areas", "systems", "categories", "suppliers") if k in raw
    }
    return Event(
        type=kind, start_day=start, duration_days=duration, count=count, value=value, **targets
    )


def _targets(value: str | list[str]) -> Any:
    return value if isinstance(value, str) else tuple(value)


def _param(
    raw: Any, path: str, *, integer: bool = False, low: float = -math.inf, high: float = math.inf
) -> Param:
    if isinstance(raw, bool) or not isinstance(raw, int | float | dict):
        raise ScenarioError(path, "must be a number or a distribution")
    dist: Param
    values: list[float]
    if not isinstance(raw, dict):
        dist, values = raw, [float(raw)]
    else:
        values = _distribution(raw, path, integer)
        dist = Distribution(next(iter(raw)), tuple(values))
    for j, v in enumerate(values):
        where = path if not isinstance(raw, dict) else f"{path}.{next(iter(raw))}[{j}]"
        if integer and float(v) != int(v):
            raise ScenarioError(where, "must be an integer")
        if not low <= v <= high:
            raise ScenarioError(where, f"must be between {low:g} and {high:g}")
    return dist


def _distribution(raw: dict[str, Any], path: str, integer: bool) -> list[float]:
    if len(raw) != 1:
        raise ScenarioError(
            path, "a distribution has exactly one of uniform, uniform_int, triangular, choice"
        )
    kind, args = next(iter(raw.items()))
    where = f"{path}.{kind}"
    allowed = (
        ("uniform_int", "choice") if integer else ("uniform", "uniform_int", "triangular", "choice")
    )
    if kind not in allowed:
        raise ScenarioError(where, f"unknown or not allowed here; use one of {', '.join(allowed)}")
    if (
        not isinstance(args, list)
        or not args
        or not all(isinstance(a, int | float) and not isinstance(a, bool) for a in args)
    ):
        raise ScenarioError(where, "must be a non-empty list of numbers")
    if kind in _DIST_ARITY and len(args) != _DIST_ARITY[kind]:
        raise ScenarioError(where, f"must have {_DIST_ARITY[kind]} numbers")
    if kind != "choice" and list(args) != sorted(args):
        raise ScenarioError(where, "numbers must be in increasing order")
    if kind == "uniform_int" and any(float(a) != int(a) for a in args):
        raise ScenarioError(where, "must be integers")
    return [float(a) for a in args]
