"""Random but plausible networks (dicts in the file format) for benchmarks and property tests."""

from __future__ import annotations

from typing import Any

import numpy as np

_CATEGORIES = (
    ("dry", None),
    ("chilled", 12.0),
    ("frozen", 48.0),
    ("fresh", 24.0),
    ("dairy", 12.0),
    ("bread", None),
)
_TYPES = (
    ("hospital", 1),
    ("elderly_care", 1),
    ("school", 2),
    ("preschool", 2),
    ("prison", 3),
    ("office", 3),
)
_MIN_SL = {1: 1.0, 2: 0.8, 3: 0.5}


def generate_network(
    rng: np.random.Generator,
    *,
    units: int,
    suppliers: int,
    categories: int,
    group_size: int = 10,
    max_backups: int = 2,
) -> dict[str, Any]:
    """A network with `units` units in blocks of `group_size` per assignment, each block with a
    random primary and 0..`max_backups` backups; capacities 1.1-1.6 x the primary load."""
    cats = [_category(i) for i in range(categories)]
    areas = [f"area{i}" for i in range(max(1, min(50, units // 40)))]
    unit_list = [_unit(rng, i, areas, cats) for i in range(units)]
    assignments = _assignments(rng, unit_list, cats, suppliers, group_size, max_backups)
    load = _primary_load(unit_list, assignments, cats, suppliers)
    sups = [_supplier(rng, s, areas, cats, load[s]) for s in range(suppliers)]
    normal = rng.dirichlet(np.ones(categories))
    dry = [c["id"] for c in cats if c["cold_hours"] is None] or [cats[0]["id"]]
    return {
        "categories": cats,
        "areas": areas,
        "menus": {
            "normal": {c["id"]: round(float(v), 4) for c, v in zip(cats, normal, strict=True)},
            "crisis": {c: round(1 / len(dry), 4) for c in dry},
        },
        "units": unit_list,
        "suppliers": sups,
        "assignments": assignments,
    }


def _category(i: int) -> dict[str, Any]:
    name, cold = _CATEGORIES[i % len(_CATEGORIES)]
    return {"id": name if i < len(_CATEGORIES) else f"{name}{i}", "cold_hours": cold}


def _unit(
    rng: np.random.Generator, i: int, areas: list[str], cats: list[dict[str, Any]]
) -> dict[str, Any]:
    kind, crit = _TYPES[int(rng.integers(len(_TYPES)))]
    stock = {
        c["id"]: round(float(rng.uniform(0.5, 2) if c["cold_hours"] else rng.uniform(1, 7)), 2)
        for c in cats
    }
    return {
        "id": f"U{i}",
        "area": areas[int(rng.integers(len(areas)))],
        "type": kind,
        "criticality": crit,
        "portions_per_day": float(rng.integers(20, 500)),
        "min_service_level": _MIN_SL[crit],
        "stock_days": stock,
        "backup_power_hours": float(rng.choice([0, 0, 24, 72])),
        "capacity_without_power": round(float(rng.uniform(0, 0.5)), 2),
        "capacity_without_water": round(float(rng.uniform(0.3, 0.8)), 2),
        "staff_reserve": round(float(rng.uniform(0, 0.2)), 2),
    }


def _assignments(
    rng: np.random.Generator,
    units: list[dict[str, Any]],
    cats: list[dict[str, Any]],
    n_sups: int,
    group: int,
    max_backups: int,
) -> list[dict[str, Any]]:
    by_area = sorted(range(len(units)), key=lambda i: units[i]["area"])
    out = []
    for c in cats:
        for start in range(0, len(units), group):
            chain = rng.permutation(n_sups)[: 1 + int(rng.integers(0, max_backups + 1))]
            out.append(
                {
                    "category": c["id"],
                    "units": [units[i]["id"] for i in by_area[start : start + group]],
                    "primary": f"S{chain[0]}",
                    "backups": [f"S{s}" for s in chain[1:]],
                }
            )
    return out


def _primary_load(
    units: list[dict[str, Any]],
    assignments: list[dict[str, Any]],
    cats: list[dict[str, Any]],
    n_sups: int,
) -> list[float]:
    portions = {u["id"]: u["portions_per_day"] for u in units}
    load = [0.0] * n_sups
    for a in assignments:
        load[int(a["primary"][1:])] += sum(portions[u] for u in a["units"]) / len(cats)
    return load


def _supplier(
    rng: np.random.Generator, s: int, areas: list[str], cats: list[dict[str, Any]], load: float
) -> dict[str, Any]:
    return {
        "id": f"S{s}",
        "area": areas[int(rng.integers(len(areas)))],
        "capacity_per_day": round(float(load * rng.uniform(1.1, 1.6) + 200), 1),
        "stock_days": {
            c["id"]: round(float(rng.uniform(0, 10)), 1)
            for c in cats
            if c["cold_hours"] is None or c["cold_hours"] >= 48
        },
        "upstream_slack": round(float(rng.uniform(0.2, 1.0)), 2),
        "import_share": {c["id"]: round(float(rng.uniform(0, 0.6)), 2) for c in cats},
        "backup_power_hours": float(rng.choice([0, 24, 72, 168])),
        "capacity_without_power": round(float(rng.uniform(0, 0.4)), 2),
        "fuel_reserve_days": float(rng.integers(0, 8)),
        "manual_ordering_share": round(float(rng.uniform(0.2, 0.7)), 2),
        "staff_reserve": round(float(rng.uniform(0, 0.2)), 2),
        "prioritises_critical": bool(rng.random() < 0.5),
        "ordering_system": f"sys-{'ABCD'[int(rng.integers(4))]}",
        "time_to_recover_days": float(rng.integers(3, 31)),
    }
