"""Write a buyer's supply network from the database in the engine's network file format."""

from collections import defaultdict
from typing import Any

from beredd.accounts.models import Organisation
from beredd.network import percategory
from beredd.network.fields import SUPPLIER_FIELDS, UNIT_FIELDS, NetworkField
from beredd.network.models import (
    FoodCategory,
    MealUnit,
    MenuKind,
    MenuShare,
    Supplier,
    SupplyAssignment,
)


def _menus(organisation: Organisation) -> dict[str, dict[str, float]]:
    menus: dict[str, dict[str, float]] = {MenuKind.NORMAL: {}, MenuKind.CRISIS: {}}
    for share in MenuShare.objects.filter(organisation=organisation).select_related("category"):
        if share.share > 0:
            menus[share.menu][share.category.code] = share.share
    return {str(kind): shares for kind, shares in menus.items()}


def _value(obj: Any, field: NetworkField) -> Any:
    if not field.per_category:
        return getattr(obj, field.model)
    values = percategory.read(obj, field.model)
    if field.engine and field.engine.startswith("menus."):
        # A share of 0 is the same as not naming the category; the engine expects only positives.
        return {code: share for code, share in values.items() if share > 0}
    return values


def _record(obj: Any, fields: tuple[NetworkField, ...]) -> dict[str, Any]:
    """One unit or supplier as the engine reads it, every value named by the fields table."""
    data: dict[str, Any] = {}
    for field in fields:
        if field.engine is None:
            continue
        outer, _dot, inner = field.engine.partition(".")
        if field.omit_empty and getattr(obj, field.model.partition(".")[0]) in (None, "", {}):
            continue
        value = _value(obj, field)
        if inner:
            data.setdefault(outer, {})[inner] = value
        else:
            data[outer] = value
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
        "units": [_record(unit, UNIT_FIELDS) for unit in units],
        "suppliers": [_record(supplier, SUPPLIER_FIELDS) for supplier in suppliers],
        "assignments": _assignments(organisation),
    }
