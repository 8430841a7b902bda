"""Write a buyer's supply network from the database in the engine's network file format."""

from collections import defaultdict
from typing import Any

from beredd.accounts.models import Organisation
from beredd.network.models import (
    FoodCategory,
    MealUnit,
    MenuKind,
    MenuShare,
    Supplier,
    SupplyAssignment,
)

UNIT_NUMBERS = (
    "backup_power_hours",
    "capacity_without_power",
    "capacity_without_water",
    "staff_reserve",
)
SUPPLIER_NUMBERS = (
    "capacity_per_day",
    "upstream_slack",
    "backup_power_hours",
    "capacity_without_power",
    "fuel_reserve_days",
    "manual_ordering_share",
    "staff_reserve",
    "time_to_recover_days",
)


def _menus(organisation: Organisation) -> dict[str, dict[str, float]]:
    menus: dict[str, dict[str, float]] = {MenuKind.NORMAL: {}, MenuKind.CRISIS: {}}
    for share in MenuShare.objects.filter(organisation=organisation).select_related("category"):
        if share.share > 0:
            menus[share.menu][share.category.code] = share.share
    return {str(kind): shares for kind, shares in menus.items()}


def _unit(unit: MealUnit) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": unit.code,
        "name": unit.name,
        "area": unit.area,
        "type": unit.unit_type,
        "criticality": unit.criticality,
        "portions_per_day": unit.portions_per_day,
        "min_service_level": unit.min_service_level,
        "stock_days": dict(unit.stock_days),
        "order_up_to_days": dict(unit.order_up_to_days),
    }
    if unit.loss_weight is not None:
        data["loss_weight"] = unit.loss_weight
    if unit.menus:
        data["menus"] = {
            menu: {code: share for code, share in unit.menus.get(menu, {}).items() if share > 0}
            for menu in ("normal", "crisis")
        }
    data.update({name: getattr(unit, name) for name in UNIT_NUMBERS})
    return data


def _supplier(supplier: Supplier) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": supplier.code,
        "name": supplier.name,
        "area": supplier.area,
        "stock_days": dict(supplier.stock_days),
        "import_share": dict(supplier.import_share),
        "prioritises_critical": supplier.prioritises_critical,
    }
    if supplier.ordering_system:
        data["ordering_system"] = supplier.ordering_system
    data.update({name: getattr(supplier, name) for name in SUPPLIER_NUMBERS})
    return data


def _assignments(organisation: Organisation) -> list[dict[str, Any]]:
    """Group (unit, category) rows sharing the same primary and backups into one entry."""
    chains: dict[tuple[int, int], list[str]] = defaultdict(list)
    rows = (
        SupplyAssignment.objects.filter(organisation=organisation)
        .select_related("unit", "category", "supplier")
        .order_by("unit__code", "category__code", "rank")
    )
    names: dict[tuple[int, int], tuple[str, str]] = {}
    for row in rows:
        chains[(row.unit_id, row.category_id)].append(row.supplier.code)
        names[(row.unit_id, row.category_id)] = (row.unit.code, row.category.code)
    groups: dict[tuple[str, tuple[str, ...]], list[str]] = defaultdict(list)
    for key, chain in chains.items():
        unit_code, category_code = names[key]
        groups[(category_code, tuple(chain))].append(unit_code)
    return [
        {"category": category, "units": units, "primary": chain[0], "backups": list(chain[1:])}
        for (category, chain), units in sorted(groups.items())
    ]


def network_as_dict(organisation: Organisation) -> dict[str, Any]:
    """The organisation's network as the engine reads it (docs/stress-test-model.md)."""
    categories = FoodCategory.objects.filter(organisation=organisation)
    units = MealUnit.objects.filter(organisation=organisation).order_by("code")
    suppliers = Supplier.objects.filter(organisation=organisation).order_by("code")
    areas = sorted({u.area for u in units} | {s.area for s in suppliers})
    return {
        "categories": [{"id": c.code, "cold_hours": c.cold_hours} for c in categories],
        "areas": areas,
        "menus": _menus(organisation),
        "units": [_unit(unit) for unit in units],
        "suppliers": [_supplier(supplier) for supplier in suppliers],
        "assignments": _assignments(organisation),
    }
