"""The demo region's supply networks: categories, menus, 60+ meal units per municipality,
eight suppliers (national wholesalers and small local firms) and who serves whom.

A fixed seed makes the demo the same every time it is loaded.
"""

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

import numpy as np
from simple_history.utils import bulk_create_with_history

from beredd.accounts.models import Organisation
from beredd.network.models import (
    FoodCategory,
    MealUnit,
    MenuKind,
    MenuShare,
    Supplier,
    SupplyAssignment,
)

SEED = 20260301

CATEGORIES = (  # code, name, hours without cooling before spoiling
    ("dry", "Torrvaror", None),
    ("chilled", "Kylvaror", 12),
    ("frozen", "Frysvaror", 48),
    ("bread", "Bröd", None),
    ("dairy", "Mejeri", 24),
    ("produce", "Frukt och grönt", 72),
)
NORMAL_MENU = {
    "dry": 0.2,
    "chilled": 0.2,
    "frozen": 0.15,
    "bread": 0.1,
    "dairy": 0.15,
    "produce": 0.2,
}
# The crisis menu leans on what keeps without power: dry goods and frozen food.
CRISIS_MENU = {"dry": 0.5, "frozen": 0.3, "bread": 0.1, "dairy": 0.1}


@dataclass(frozen=True)
class UnitProfile:
    prefix: str
    portions: tuple[int, int]  # guests (or residents) per day, low and high
    meals_per_day: int
    criticality: int
    mtpd_days: float


PROFILES = {
    "preschool": UnitProfile("fsk", (30, 120), 1, 3, 5),
    "school": UnitProfile("skola", (150, 900), 1, 2, 3),
    "elderly_care": UnitProfile("abo", (20, 120), 3, 1, 1),
    "hospital": UnitProfile("avd", (40, 200), 1, 1, 0.5),
    "prison": UnitProfile("anst", (80, 250), 1, 2, 1),
    "other": UnitProfile("ovr", (20, 150), 1, 3, 7),
}
MIN_SERVICE_LEVEL = {1: 1.0, 2: 0.8, 3: 0.5}


@dataclass(frozen=True)
class MunicipalityPlan:
    place: str
    areas: tuple[str, ...]
    local_areas: tuple[str, ...]  # where small local producers are primary suppliers
    counts: dict[str, int]


PLANS = {
    "malmhaga": MunicipalityPlan(
        "Malmhaga",
        ("centrum", "norr", "hamnen", "landsbygd"),
        ("norr", "landsbygd"),
        {"preschool": 22, "school": 16, "elderly_care": 12, "hospital": 6, "prison": 2, "other": 4},
    ),
    "sjobo-strand": MunicipalityPlan(
        "Sjöbo strand",
        ("centrum", "kust", "landsbygd"),
        ("kust", "landsbygd"),
        {"preschool": 20, "school": 14, "elderly_care": 14, "hospital": 4, "prison": 1, "other": 7},
    ),
    "osterlen": MunicipalityPlan(
        "Österlen",
        ("centrum", "kust", "norr", "landsbygd"),
        ("kust", "landsbygd"),
        {"preschool": 22, "school": 15, "elderly_care": 14, "hospital": 3, "prison": 1, "other": 6},
    ),
}

STEMS = (
    "Solrosen", "Ekbacken", "Björken", "Lindängen", "Sjöstjärnan", "Vallmon", "Humlan",
    "Tallbacken", "Rönnen", "Havsutsikten", "Ängen", "Kastanjen", "Lärkan", "Måsen",
    "Skogsgläntan", "Äppelgården", "Blåklinten", "Hasseln", "Vitsippan", "Pilen", "Kvarnen",
    "Stranden", "Bokskogen", "Sandviken", "Kornet", "Ljungen", "Nyckelpigan", "Fyren",
    "Tranan", "Almen",
)  # fmt: skip
OTHER_KINDS = ("Daglig verksamhet", "Gruppbostaden", "Fritidsgården", "Korttidsboendet")


@dataclass(frozen=True)
class SupplierProfile:
    """A firm as each municipality's network sees it; capacity follows the demand it serves."""

    code: str
    organisation_slug: str
    area: str  # "utanfor" is outside the municipality; the others are its own areas
    headroom: float  # capacity as a multiple of the normal demand it serves as primary
    stock_days: dict[str, float]
    import_share: dict[str, float]
    numbers: dict[str, float]
    prioritises_critical: bool
    ordering_system: str = ""


def _numbers(
    power_h: float,
    no_power: float,
    fuel_d: float,
    manual: float,
    staff: float,
    slack: float,
    recover_d: float,
) -> dict[str, float]:
    return {
        "backup_power_hours": power_h,
        "capacity_without_power": no_power,
        "fuel_reserve_days": fuel_d,
        "manual_ordering_share": manual,
        "staff_reserve": staff,
        "upstream_slack": slack,
        "time_to_recover_days": recover_d,
    }


# code, firm, depot area, headroom, depot stock days, import share,
# _numbers(backup power h, capacity without power, fuel reserve days, manual ordering share,
#          staff reserve, upstream slack, days to recover), prioritises critical, ordering system
SUPPLIERS = (
    SupplierProfile(
        "svea", "svea-grossist", "utanfor", 1.6,
        {"dry": 14, "chilled": 2, "frozen": 10, "bread": 1, "dairy": 2, "produce": 3},
        {"dry": 0.3, "chilled": 0.1, "frozen": 0.25, "produce": 0.5},
        _numbers(72, 0.2, 5, 0.5, 0.1, 0.5, 14), True, "ordra",
    ),
    SupplierProfile(
        "nordana", "nordana-foodservice", "utanfor", 1.5,
        {"dry": 10, "chilled": 2, "frozen": 7, "dairy": 2, "produce": 2},
        {"dry": 0.35, "chilled": 0.15, "frozen": 0.3, "produce": 0.6},
        _numbers(0, 0.1, 2, 0.2, 0.05, 0.4, 21), False, "handelsportal",
    ),
    SupplierProfile(
        "frys", "frysexpressen", "utanfor", 1.4, {"frozen": 21, "dry": 5}, {"frozen": 0.4},
        _numbers(48, 0.0, 3, 0.5, 0.1, 0.5, 10), True, "ordra",
    ),
    SupplierProfile(
        "logistik", "sydkust-logistik", "centrum", 1.3, {"dry": 7}, {"dry": 0.3},
        _numbers(24, 0.3, 7, 0.8, 0.15, 0.3, 5), True,
    ),
    SupplierProfile(
        "bageri", "alyckans-bageri", "landsbygd", 1.25, {"bread": 1}, {"bread": 0.05},
        _numbers(0, 0.0, 1, 1.0, 0.0, 0.3, 3), False,
    ),
    SupplierProfile(
        "mejeri", "sydslattens-mejeri", "landsbygd", 1.3, {"dairy": 2}, {},
        _numbers(72, 0.1, 3, 0.9, 0.1, 0.6, 5), True,
    ),
    SupplierProfile(
        "chark", "brobygardens-chark", "landsbygd", 1.25, {"chilled": 3}, {"chilled": 0.2},
        _numbers(0, 0.0, 1, 1.0, 0.0, 0.3, 7), False,
    ),
    SupplierProfile(
        "gront", "karrets-gront", "landsbygd", 1.25, {"produce": 5}, {"produce": 0.1},
        _numbers(0, 0.5, 2, 1.0, 0.1, 0.5, 4), False,
    ),
)  # fmt: skip
PROVENANCE_FIELDS = ("capacity_per_day", "backup_power_hours", "fuel_reserve_days",
                     "prioritises_critical", "manual_ordering_share")  # fmt: skip
SOURCES = ("declared", "verified", "assumed")


def load(context: dict[str, Any]) -> None:
    rng = np.random.default_rng(SEED)
    for slug, plan in PLANS.items():
        organisation = context["organisations"][slug]
        load_network(organisation=organisation, plan=plan, rng=rng, context=context)


def load_network(
    *,
    organisation: Organisation,
    plan: MunicipalityPlan,
    rng: np.random.Generator,
    context: dict[str, Any],
) -> None:
    categories = _categories(organisation)
    bulk_create_with_history(_units(organisation, plan, rng), MealUnit)
    units = list(MealUnit.objects.filter(organisation=organisation))
    chains = {(unit.code, code): _chain(unit, code, plan) for unit in units for code in NORMAL_MENU}
    demand = _demand(units, chains)
    rows = [
        _supplier(organisation, profile, demand[profile.code], rng, context["organisations"])
        for profile in SUPPLIERS
    ]
    bulk_create_with_history(rows, Supplier)
    suppliers = {s.code: s for s in Supplier.objects.filter(organisation=organisation)}
    by_code = {unit.code: unit for unit in units}
    SupplyAssignment.objects.bulk_create(
        SupplyAssignment(
            organisation=organisation,
            unit=by_code[unit_code],
            category=categories[category],
            supplier=suppliers[supplier_code],
            rank=rank,
        )
        for (unit_code, category), chain in chains.items()
        for rank, supplier_code in enumerate(chain)
    )


def _categories(organisation: Organisation) -> dict[str, FoodCategory]:
    FoodCategory.objects.bulk_create(
        FoodCategory(
            organisation=organisation, code=code, name=name, cold_hours=hours, sort_order=i
        )
        for i, (code, name, hours) in enumerate(CATEGORIES)
    )
    by_code = {c.code: c for c in FoodCategory.objects.filter(organisation=organisation)}
    shares = [
        MenuShare(organisation=organisation, menu=menu, category=by_code[code], share=share)
        for menu, menu_shares in ((MenuKind.NORMAL, NORMAL_MENU), (MenuKind.CRISIS, CRISIS_MENU))
        for code, share in menu_shares.items()
    ]
    MenuShare.objects.bulk_create(shares)
    return by_code


def _units(
    organisation: Organisation, plan: MunicipalityPlan, rng: np.random.Generator
) -> list[MealUnit]:
    units = []
    for unit_type, count in plan.counts.items():
        names = _names(unit_type, count, plan, rng)
        for number, name in enumerate(names, start=1):
            units.append(_unit(organisation, unit_type, number, name, plan, rng))
    return units


def _names(
    unit_type: str, count: int, plan: MunicipalityPlan, rng: np.random.Generator
) -> list[str]:
    stems = [str(stem) for stem in rng.permutation(STEMS)][:count]
    if unit_type == "preschool":
        return [f"{stem}s förskola" for stem in stems]
    if unit_type == "school":
        return [f"{stem}s skola" for stem in stems]
    if unit_type == "elderly_care":
        return [f"Äldreboendet {stem}" for stem in stems]
    if unit_type == "hospital":
        hospital = plan.place if plan.place.endswith("s") else f"{plan.place}s"
        return [f"{hospital} lasarett, avdelning {10 + n}" for n in range(1, count + 1)]
    if unit_type == "prison":
        return [f"{kind} {plan.place}" for kind in ("Anstalten", "Häktet", "Frivården")[:count]]
    return [f"{OTHER_KINDS[i % len(OTHER_KINDS)]} {stem}" for i, stem in enumerate(stems)]


def _unit(
    organisation: Organisation,
    unit_type: str,
    number: int,
    name: str,
    plan: MunicipalityPlan,
    rng: np.random.Generator,
) -> MealUnit:
    profile = PROFILES[unit_type]
    low, high = profile.portions
    portions = int(rng.integers(low, high + 1)) * profile.meals_per_day
    area = "centrum" if unit_type == "hospital" else str(rng.choice(plan.areas))
    critical = profile.criticality == 1
    stock_days = _stock_days(rng, extra_dry=3 if critical else 0)
    return MealUnit(
        organisation=organisation,
        code=f"{profile.prefix}-{number:02d}",
        name=name,
        unit_type=unit_type,
        area=area,
        portions_per_day=max(5, round(portions / 5) * 5),
        criticality=profile.criticality,
        min_service_level=MIN_SERVICE_LEVEL[profile.criticality],
        mtpd_days=profile.mtpd_days,
        stock_days=stock_days,
        order_up_to_days=_order_up_to_days(stock_days),
        backup_power_hours=_backup_power_hours(unit_type, rng),
        capacity_without_power=float(rng.choice([0.1, 0.2, 0.3])) + (0.1 if critical else 0),
        capacity_without_water=float(rng.choice([0.2, 0.3, 0.5])),
        staff_reserve=float(rng.choice([0.0, 0.05, 0.1, 0.15])),
    )


def _stock_days(rng: np.random.Generator, *, extra_dry: int) -> dict[str, int]:
    """Days of normal use in the kitchen: a week of dry goods, a day or two of fresh food."""
    return {
        "dry": int(rng.integers(4, 9)) + extra_dry,
        "chilled": int(rng.integers(1, 3)),
        "frozen": int(rng.integers(3, 8)),
        "bread": 1,
        "dairy": int(rng.integers(1, 3)),
        "produce": int(rng.integers(2, 5)),
    }


def _order_up_to_days(stock_days: dict[str, int]) -> dict[str, float]:
    """The same goods on the shelf, counted in days of the larger of the two menus.

    The kitchen orders up to what it keeps for the normal menu, so a quiet day needs no
    extra deliveries, while the crisis menu (more dry and frozen food) lasts fewer days.
    """
    days = {}
    for code, stock in stock_days.items():
        normal, crisis = NORMAL_MENU[code], CRISIS_MENU.get(code, 0.0)
        days[code] = max(0.0, round((stock + 1) * normal / max(normal, crisis) - 1, 1))
    return days


def _backup_power_hours(unit_type: str, rng: np.random.Generator) -> float:
    """Most kitchens have none; most hospital wards and some elderly care homes do."""
    if unit_type == "hospital":
        return 72.0 if rng.random() < 0.7 else 0.0
    if unit_type == "elderly_care":
        return 24.0 if rng.random() < 0.3 else 0.0
    if unit_type == "prison":
        return 48.0
    return 0.0


def _chain(unit: MealUnit, category: str, plan: MunicipalityPlan) -> list[str]:
    """Primary supplier, then backups: local firms are primary in the rural areas (SME access)."""
    local = unit.area in plan.local_areas
    critical = unit.criticality == 1
    if category == "dry":
        return ["svea", "nordana", "logistik"] if critical else ["svea", "nordana"]
    if category == "chilled":
        return ["chark", "nordana"] if local else ["nordana", "svea"]
    if category == "frozen":
        return ["frys", "svea"] if unit.criticality < 3 else ["frys"]
    if category == "bread":
        if local or unit.unit_type in ("preschool", "school"):
            return ["bageri", "svea"]
        return ["svea", "bageri"] if critical else ["svea"]
    if category == "dairy":
        return ["mejeri", "nordana"] if unit.criticality < 3 else ["mejeri"]
    return ["gront", "svea"] if local else ["svea", "nordana"]


def _supplier(
    organisation: Organisation,
    profile: SupplierProfile,
    demand: dict[str, float],
    rng: np.random.Generator,
    organisations: dict[str, Organisation],
) -> Supplier:
    firm = organisations[profile.organisation_slug]
    # Enough for its own customers with headroom, and a part of what it backs up.
    capacity = profile.headroom * demand["primary"] + 0.4 * demand["backup"]
    return Supplier(
        organisation=organisation,
        supplier_organisation=firm,
        code=profile.code,
        name=firm.name,
        area=profile.area,
        capacity_per_day=float(max(200, round(capacity / 50) * 50)),
        stock_days=dict(profile.stock_days),
        import_share=dict(profile.import_share),
        prioritises_critical=profile.prioritises_critical,
        ordering_system=profile.ordering_system,
        provenance=_provenance(profile, rng),
        **profile.numbers,
    )


def _provenance(profile: SupplierProfile, rng: np.random.Generator) -> dict[str, dict[str, str]]:
    """Where each value comes from: large firms' figures are more often verified."""
    weights = [0.4, 0.5, 0.1] if profile.headroom >= 1.4 else [0.5, 0.2, 0.3]
    fields = [*PROVENANCE_FIELDS, *(f"stock_days.{code}" for code in profile.stock_days)]
    provenance = {}
    for field in fields:
        month, day = int(rng.integers(1, 11)), int(rng.integers(1, 29))
        source = str(rng.choice(SOURCES, p=weights))
        provenance[field] = {"source": source, "date": f"2026-{month:02d}-{day:02d}"}
    return provenance


def _demand(
    units: list[MealUnit], chains: dict[tuple[str, str], list[str]]
) -> dict[str, dict[str, float]]:
    """Normal demand per supplier in portion-equivalents a day: as primary and as backup."""
    portions = {unit.code: unit.portions_per_day for unit in units}
    demand: dict[str, dict[str, float]] = defaultdict(lambda: {"primary": 0.0, "backup": 0.0})
    demand.update({s.code: {"primary": 0.0, "backup": 0.0} for s in SUPPLIERS})
    for (unit_code, category), chain in chains.items():
        amount = portions[unit_code] * NORMAL_MENU[category]
        demand[chain[0]]["primary"] += amount
        for backup in chain[1:]:
            demand[backup]["backup"] += amount
    return demand
