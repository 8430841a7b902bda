"""Frozen, validated, index-resolved inputs of the stress-test model (network and scenario).

Build them with `load_network` / `load_scenario`; never mutate them (use `what_if`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

EVENT_TYPES = (
    "power_outage",
    "water_outage",
    "road_closure",
    "fuel_shortage",
    "pandemic",
    "supplier_failure",
    "it_outage",
    "import_stop",
)
DEFAULT_LOSS_WEIGHT = {1: 10.0, 2: 3.0, 3: 1.0}


@dataclass(frozen=True)
class Category:
    id: str
    cold_hours: float | None = None


@dataclass(frozen=True)
class Menus:
    """pe of each category per portion; categories not named have share 0."""

    normal: Mapping[str, float]
    crisis: Mapping[str, float]


@dataclass(frozen=True)
class Unit:
    id: str
    name: str
    area: str
    type: str
    criticality: int
    loss_weight: float
    portions_per_day: float
    min_service_level: float
    stock_days: Mapping[str, float]
    order_up_to_days: Mapping[str, float]
    backup_power_hours: float
    capacity_without_power: float
    capacity_without_water: float
    staff_reserve: float
    menus: Menus | None = None


@dataclass(frozen=True)
class Supplier:
    id: str
    name: str
    area: str | None
    capacity_per_day: float
    stock_days: Mapping[str, float]
    upstream_slack: float
    import_share: Mapping[str, float]
    backup_power_hours: float
    capacity_without_power: float
    fuel_reserve_days: float
    manual_ordering_share: float
    staff_reserve: float
    prioritises_critical: bool
    ordering_system: str | None
    time_to_recover_days: float


@dataclass(frozen=True)
class Assignment:
    category: str
    units: tuple[str, ...]
    primary: str
    backups: tuple[str, ...] = ()


@dataclass(frozen=True, eq=False)
class Network:
    """A validated supply network; `engine.arrays.arrays_of(network)` gives its index-resolved
    numeric form."""

    categories: tuple[Category, ...]
    areas: tuple[str, ...]
    menus: Menus
    units: tuple[Unit, ...]
    suppliers: tuple[Supplier, ...]
    assignments: tuple[Assignment, ...]
    extra: Mapping[str, Any] = field(default_factory=dict)

    @property
    def unit_types(self) -> tuple[str, ...]:
        """The unit types present, in the order of their first unit (the roll-ups' order)."""
        return tuple(dict.fromkeys(u.type for u in self.units))

    @property
    def unit_ids(self) -> tuple[str, ...]:
        return tuple(u.id for u in self.units)

    @property
    def supplier_ids(self) -> tuple[str, ...]:
        return tuple(s.id for s in self.suppliers)

    @property
    def category_ids(self) -> tuple[str, ...]:
        return tuple(c.id for c in self.categories)


@dataclass(frozen=True)
class Distribution:
    """A random parameter, sampled once per draw per event."""

    kind: Literal["uniform", "uniform_int", "triangular", "choice"]
    args: tuple[float, ...]


Param = float | int | Distribution
Targets = tuple[str, ...] | Literal["*"]


@dataclass(frozen=True)
class Event:
    """One scenario event; `value` is access, capacity_when_empty or absence by type."""

    type: str
    start_day: Param
    duration_days: Param
    areas: Targets | None = None
    systems: Targets | None = None
    categories: Targets | None = None
    suppliers: tuple[str, ...] | Literal["*", "largest"] | None = None
    count: Param | None = None
    value: Param | None = None


@dataclass(frozen=True, eq=False)
class Scenario:
    id: str
    horizon_days: int
    events: tuple[Event, ...]
    name: Mapping[str, str] = field(default_factory=dict)
    rationale: Mapping[str, str] = field(default_factory=dict)
    data: Mapping[str, Any] = field(default_factory=dict)
