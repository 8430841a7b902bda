"""Read-logic of the supply network pages."""

import re
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, QuerySet, Sum
from django.utils.text import capfirst

from beredd.accounts.models import Organisation
from beredd.network.imports.columns import PROVENANCE_FIELDS
from beredd.network.models import (
    MAX_RANK,
    FoodCategory,
    MealUnit,
    MenuKind,
    MenuShare,
    Source,
    Supplier,
    SupplyAssignment,
)

DB_INT_MAX = 2**63 - 1  # the largest id any supported database stores
ASCII_DIGITS = re.compile(r"[0-9]{1,19}")


def strict_int(text: str, *, maximum: int = DB_INT_MAX) -> int | None:
    """A whole number written in ASCII digits within 0..maximum, else None.

    `str.isdigit` accepts "²" and int() then fails; an id beyond the database's range fails
    in the query. Both are typing errors, not server errors.
    """
    if not ASCII_DIGITS.fullmatch(text):
        return None
    number = int(text)
    return number if number <= maximum else None


def categories(organisation: Organisation) -> list[FoodCategory]:
    return list(FoodCategory.objects.filter(organisation=organisation))


UNIT_SORTS = ("code", "name", "area", "criticality", "-portions_per_day")


def unit_list(organisation: Organisation, filters: dict[str, Any]) -> QuerySet[MealUnit]:
    sort: str = filters["sort"] if filters.get("sort") in UNIT_SORTS else "code"
    units = MealUnit.objects.filter(organisation=organisation).order_by(sort, "code")
    for name in ("unit_type", "area", "criticality"):
        if filters.get(name) not in (None, ""):
            units = units.filter(**{name: filters[name]})
    return units


def unit_totals(units: QuerySet[MealUnit]) -> dict[str, int]:
    totals = units.aggregate(count=Count("id"), portions=Sum("portions_per_day"))
    return {"count": totals["count"] or 0, "portions": totals["portions"] or 0}


def unit_areas(organisation: Organisation) -> list[str]:
    areas = MealUnit.objects.filter(organisation=organisation).values_list("area", flat=True)
    return sorted(set(areas))


@dataclass
class CategoryRow:
    category: FoodCategory
    normal_share: float | None
    crisis_share: float | None


def category_rows(organisation: Organisation) -> list[CategoryRow]:
    shares: dict[tuple[int, str], float] = {
        (s.category_id, s.menu): s.share
        for s in MenuShare.objects.filter(organisation=organisation)
    }
    return [
        CategoryRow(c, shares.get((c.pk, MenuKind.NORMAL)), shares.get((c.pk, MenuKind.CRISIS)))
        for c in categories(organisation)
    ]


def menu_share_initial(category: FoodCategory) -> dict[str, float | None]:
    shares = {s.menu: s.share for s in category.menu_shares.all()}
    return {
        "normal_share": shares.get(MenuKind.NORMAL),
        "crisis_share": shares.get(MenuKind.CRISIS),
    }


@dataclass
class Chain:
    """A unit's suppliers for one category: primary first, then backups."""

    category: FoodCategory
    needed: bool
    assignments: list[SupplyAssignment]
    stock_days: float | None = None
    order_up_to_days: float | None = None
    own_normal_share: float | None = None
    own_crisis_share: float | None = None


def _organisation_needs(organisation: Organisation) -> set[str]:
    shares = MenuShare.objects.filter(organisation=organisation, share__gt=0)
    return set(shares.values_list("category__code", flat=True))


def needed_codes(unit: MealUnit, organisation_needs: set[str]) -> set[str]:
    """Categories the unit's menus use: its own menus if it has them, else the organisation's."""
    if not unit.menus:
        return organisation_needs
    return {code for menu in unit.menus.values() for code, share in menu.items() if share > 0}


def unit_chains(unit: MealUnit) -> list[Chain]:
    needed = needed_codes(unit, _organisation_needs(unit.organisation))
    rows = unit.assignments.select_related("supplier").order_by("rank")
    by_category: dict[int, list[SupplyAssignment]] = {}
    for row in rows:
        by_category.setdefault(row.category_id, []).append(row)
    return [
        Chain(
            c,
            c.code in needed,
            by_category.get(c.pk, []),
            unit.stock_days.get(c.code),
            unit.order_up_to_days.get(c.code),
            unit.menus.get("normal", {}).get(c.code),
            unit.menus.get("crisis", {}).get(c.code),
        )
        for c in categories(unit.organisation)
    ]


def uncovered_pairs(organisation: Organisation) -> list[tuple[MealUnit, FoodCategory]]:
    """(unit, category) pairs the menus need but nobody serves: the stress test refuses them."""
    organisation_needs = _organisation_needs(organisation)
    all_categories = categories(organisation)
    served = set(
        SupplyAssignment.objects.filter(organisation=organisation).values_list(
            "unit_id", "category_id"
        )
    )
    return [
        (unit, category)
        for unit in MealUnit.objects.filter(organisation=organisation).order_by("code")
        for category in all_categories
        if category.code in needed_codes(unit, organisation_needs)
        and (unit.pk, category.pk) not in served
    ]


# Beyond this many units a group gets no remove button per unit (thousands of forms made the
# page megabytes); the "set the units it serves" form removes them instead.
REMOVE_BUTTONS_UP_TO = 50


@dataclass
class ServedGroup:
    category: FoodCategory
    rank: int
    assignments: list[SupplyAssignment]

    @property
    def has_remove_buttons(self) -> bool:
        return len(self.assignments) <= REMOVE_BUTTONS_UP_TO


def supplier_groups(supplier: Supplier) -> list[ServedGroup]:
    """What the supplier serves, grouped by category and rank."""
    groups: dict[tuple[int, int], ServedGroup] = {}
    rows = supplier.assignments.select_related("unit", "category").order_by(
        "category__sort_order", "category__code", "rank", "unit__code"
    )
    for row in rows:
        key = (row.category_id, row.rank)
        groups.setdefault(key, ServedGroup(row.category, row.rank, [])).assignments.append(row)
    return list(groups.values())


def served_initial(supplier: Supplier, query: Any) -> dict[str, Any]:
    """Initial values of the "set the units it serves" form for ?category=&rank= links."""
    category_id = strict_int(query.get("category", ""))
    rank = strict_int(query.get("rank", ""), maximum=MAX_RANK)
    if category_id is None or rank is None:
        return {}  # a hand-edited link: show the empty form rather than fail
    units = supplier.assignments.filter(category_id=category_id, rank=rank)
    return {
        "category": category_id,
        "rank": rank,
        "units": list(units.values_list("unit_id", flat=True)),
    }


def supplier_list(organisation: Organisation) -> QuerySet[Supplier]:
    return (
        Supplier.objects.filter(organisation=organisation)
        .annotate(assignment_count=Count("assignments"))
        .order_by("code")
    )


@dataclass
class ValueRow:
    label: str
    value: Any
    source: str
    date: str

    @property
    def is_number(self) -> bool:
        return isinstance(self.value, int | float) and not isinstance(self.value, bool)


def _label(name: str) -> str:
    return capfirst(str(getattr(Supplier._meta.get_field(name), "verbose_name", name)))


def supplier_value_rows(supplier: Supplier) -> list[ValueRow]:
    """Every stress-test value of the supplier with where it comes from."""
    sources = dict(Source.choices)
    rows = []
    for name in PROVENANCE_FIELDS:
        rows.append((_label(name), getattr(supplier, name), name))
    for field in ("stock_days", "import_share"):
        label = _label(field)
        for category in categories(supplier.organisation):
            key = f"{field}.{category.code}"
            rows.append(
                (f"{label}: {category.name}", getattr(supplier, field).get(category.code), key)
            )
    result = []
    for label, value, key in rows:
        entry = supplier.provenance.get(key) or {}
        source = sources.get(entry.get("source", ""), "")
        result.append(ValueRow(label, value, str(source), entry.get("date", "")))
    return result
