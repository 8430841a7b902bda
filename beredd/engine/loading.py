"""Loading a network file: schema check, semantic checks with JSON paths, and the way back."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from beredd.engine.errors import NetworkError
from beredd.engine.jsonio import read_json, validate_schema
from beredd.engine.model import (
    DEFAULT_LOSS_WEIGHT,
    Assignment,
    Category,
    Menus,
    Network,
    Supplier,
    Unit,
)

_UNIT_NUMBERS = (
    "backup_power_hours",
    "capacity_without_power",
    "capacity_without_water",
    "staff_reserve",
)
_SUPPLIER_NUMBERS = (
    "backup_power_hours",
    "capacity_without_power",
    "fuel_reserve_days",
    "manual_ordering_share",
    "staff_reserve",
    "time_to_recover_days",
)


def load_network(data: dict[str, Any] | str | Path) -> Network:
    """Validate a network (dict, or path of a JSON file) and return it as a `Network`."""
    raw = read_json(data, NetworkError)
    validate_schema(raw, "network.schema.json", NetworkError)
    categories = tuple(Category(c["id"], c.get("cold_hours")) for c in raw["categories"])
    _check_unique([c.id for c in categories], "categories")
    cat_ids = {c.id for c in categories}
    areas = _areas(raw)
    menus = _menus(raw["menus"], cat_ids, "menus")
    units = tuple(_unit(u, i, cat_ids, areas) for i, u in enumerate(raw["units"]))
    suppliers = tuple(_supplier(s, i, cat_ids, areas) for i, s in enumerate(raw["suppliers"]))
    _check_unique([u.id for u in units], "units")
    _check_unique([s.id for s in suppliers], "suppliers")
    assignments = _assignments(raw["assignments"], cat_ids, units, suppliers)
    extra = {k: v for k, v in raw.items() if k not in _KNOWN_KEYS}
    network = Network(categories, tuple(areas), menus, units, suppliers, assignments, extra)
    _check_coverage(network)
    return network


_KNOWN_KEYS = ("categories", "areas", "menus", "units", "suppliers", "assignments")


def _areas(raw: dict[str, Any]) -> list[str]:
    if "areas" in raw:
        _check_unique(raw["areas"], "areas", ids=False)
        return list(raw["areas"])
    found = [u["area"] for u in raw["units"]] + [s.get("area") for s in raw["suppliers"]]
    return list(dict.fromkeys(a for a in found if a is not None))


def _check_unique(values: list[str], path: str, *, ids: bool = True) -> None:
    seen: set[str] = set()
    for i, item in enumerate(values):
        if item in seen:
            raise NetworkError(
                f"{path}[{i}].id" if ids else f"{path}[{i}]", f"duplicate id {item!r}"
            )
        seen.add(item)


def _check_categories(mapping: dict[str, Any], cat_ids: set[str], path: str) -> None:
    for key in mapping:
        if key not in cat_ids:
            raise NetworkError(f"{path}.{key}", "unknown category")


def _menus(raw: dict[str, Any], cat_ids: set[str], path: str) -> Menus:
    normal, crisis = dict(raw["normal"]), dict(raw.get("crisis", {}))
    _check_categories(normal, cat_ids, f"{path}.normal")
    _check_categories(crisis, cat_ids, f"{path}.crisis")
    return Menus(normal, crisis)


def _unit(raw: dict[str, Any], i: int, cat_ids: set[str], areas: list[str]) -> Unit:
    path = f"units[{i}]"
    if raw["area"] not in areas:
        raise NetworkError(f"{path}.area", f"unknown area {raw['area']!r}")
    stock = dict(raw.get("stock_days", {}))
    _check_categories(stock, cat_ids, f"{path}.stock_days")
    order = dict(raw.get("order_up_to_days", {}))
    _check_categories(order, cat_ids, f"{path}.order_up_to_days")
    menus = raw.get("menus")
    crit = int(raw["criticality"])
    return Unit(
        id=raw["id"],
        name=str(raw.get("name", raw["id"])),
        area=raw["area"],
        type=raw["type"],
        criticality=crit,
        loss_weight=float(raw.get("loss_weight", DEFAULT_LOSS_WEIGHT[crit])),
        portions_per_day=float(raw["portions_per_day"]),
        min_service_level=float(raw.get("min_service_level", 0.0)),
        stock_days=stock,
        order_up_to_days={**stock, **order},
        **{k: float(raw.get(k, 0.0)) for k in _UNIT_NUMBERS},
        menus=None if menus is None else _menus(menus, cat_ids, f"{path}.menus"),
    )


def _supplier(raw: dict[str, Any], i: int, cat_ids: set[str], areas: list[str]) -> Supplier:
    path = f"suppliers[{i}]"
    area = raw.get("area")
    if area is not None and area not in areas:
        raise NetworkError(f"{path}.area", f"unknown area {area!r}")
    stock, imports = dict(raw.get("stock_days", {})), dict(raw.get("import_share", {}))
    _check_categories(stock, cat_ids, f"{path}.stock_days")
    _check_categories(imports, cat_ids, f"{path}.import_share")
    return Supplier(
        id=raw["id"],
        name=str(raw.get("name", raw["id"])),
        area=area,
        capacity_per_day=float(raw["capacity_per_day"]),
        stock_days=stock,
        upstream_slack=float(raw.get("upstream_slack", 0.5)),
        import_share=imports,
        prioritises_critical=bool(raw.get("prioritises_critical", False)),
        ordering_system=raw.get("ordering_system"),
        **{k: float(raw.get(k, 0.0)) for k in _SUPPLIER_NUMBERS},
    )


def _assignments(
    raw: list[dict[str, Any]],
    cat_ids: set[str],
    units: tuple[Unit, ...],
    suppliers: tuple[Supplier, ...],
) -> tuple[Assignment, ...]:
    unit_ids, supplier_ids = {u.id for u in units}, {s.id for s in suppliers}
    out = []
    for i, a in enumerate(raw):
        path = f"assignments[{i}]"
        if a["category"] not in cat_ids:
            raise NetworkError(f"{path}.category", f"unknown category {a['category']!r}")
        for j, uid in enumerate(a["units"]):
            if uid not in unit_ids:
                raise NetworkError(f"{path}.units[{j}]", f"unknown unit {uid!r}")
        chain = [a["primary"], *a.get("backups", [])]
        for j, sid in enumerate(chain):
            where = f"{path}.primary" if j == 0 else f"{path}.backups[{j - 1}]"
            if sid not in supplier_ids:
                raise NetworkError(where, f"unknown supplier {sid!r}")
            if sid in chain[:j]:
                raise NetworkError(where, f"supplier {sid!r} appears twice in this assignment")
        out.append(
            Assignment(a["category"], tuple(a["units"]), a["primary"], tuple(a.get("backups", [])))
        )
    return tuple(out)


def _check_coverage(network: Network) -> None:
    """Every (unit, category) with a positive normal or crisis share in exactly one assignment."""
    seen: dict[tuple[str, str], int] = {}
    for i, a in enumerate(network.assignments):
        for j, uid in enumerate(a.units):
            key = (uid, a.category)
            if key in seen:
                raise NetworkError(
                    f"assignments[{i}].units[{j}]",
                    f"unit {uid!r} is already assigned for {a.category!r} in "
                    f"assignments[{seen[key]}]",
                )
            seen[key] = i
    for i, unit in enumerate(network.units):
        menus = unit.menus or network.menus
        for cat in network.category_ids:
            share = max(menus.normal.get(cat, 0.0), menus.crisis.get(cat, 0.0))
            if share > 0 and (unit.id, cat) not in seen:
                raise NetworkError(f"units[{i}]", f"no assignment for category {cat!r}")


def network_to_dict(network: Network) -> dict[str, Any]:
    """The network in the file format; `load_network(network_to_dict(n))` equals `n`."""
    return {
        **dict(network.extra),
        "categories": [{"id": c.id, "cold_hours": c.cold_hours} for c in network.categories],
        "areas": list(network.areas),
        "menus": _menus_dict(network.menus),
        "units": [_unit_dict(u) for u in network.units],
        "suppliers": [_supplier_dict(s) for s in network.suppliers],
        "assignments": [
            {
                "category": a.category,
                "units": list(a.units),
                "primary": a.primary,
                "backups": list(a.backups),
            }
            for a in network.assignments
        ],
    }


def _menus_dict(menus: Menus) -> dict[str, Any]:
    return {"normal": dict(menus.normal), "crisis": dict(menus.crisis)}


def _unit_dict(u: Unit) -> dict[str, Any]:
    return {
        "id": u.id,
        "name": u.name,
        "area": u.area,
        "type": u.type,
        "criticality": u.criticality,
        "loss_weight": u.loss_weight,
        "portions_per_day": u.portions_per_day,
        "min_service_level": u.min_service_level,
        "stock_days": dict(u.stock_days),
        "order_up_to_days": dict(u.order_up_to_days),
        **{k: getattr(u, k) for k in _UNIT_NUMBERS},
        "menus": None if u.menus is None else _menus_dict(u.menus),
    }


def _supplier_dict(s: Supplier) -> dict[str, Any]:
    return {
        "id": s.id,
        "name": s.name,
        "area": s.area,
        "capacity_per_day": s.capacity_per_day,
        "stock_days": dict(s.stock_days),
        "upstream_slack": s.upstream_slack,
        "import_share": dict(s.import_share),
        "prioritises_critical": s.prioritises_critical,
        "ordering_system": s.ordering_system,
        **{k: getattr(s, k) for k in _SUPPLIER_NUMBERS},
    }
