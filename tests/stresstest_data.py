"""Shared pieces of the stress-test tests (no tests here): a scenario library, immediate tasks.

The fixtures that use them (`scenario_library`, `immediate_tasks`) live in tests/conftest.py.
"""

from dataclasses import dataclass, field
from typing import Any

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
