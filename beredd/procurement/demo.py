"""Demo procurements: Malmhaga's published one (two lots, resilience requirements, open for bids)
and Sjöbo strand's one in preparation, so that a new user sees the whole flow at once."""

from collections.abc import Mapping
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from django.utils import timezone

from beredd.accounts.models import Organisation, Role, User
from beredd.network.models import FoodCategory, MealUnit
from beredd.procurement import services
from beredd.procurement.models import Lot, Procurement
from beredd.procurement.rules import cpv_normalise
from beredd.procurement.scenarios import scenario_choices
from beredd.readiness.models import CriticalActivity
from beredd.requirements.models import Requirement

SCENARIOS = (
    "power-outage-long",
    "fuel-shortage",
    "largest-supplier-insolvency",
    "pandemic-wave",
    "heightened-alert-90d",
)
# krav_id -> price deduction in SEK for award criteria (None for the other types)
LOT_1_REQUIREMENTS = {
    "B-1001": None, "B-1003": None, "B-1004": None, "B-1007": None, "B-1010": None,
    "B-1012": None, "B-1014": None, "B-1015": None, "B-1017": None, "B-1019": None,
    "B-1026": None, "B-1027": None, "B-1028": None,
    "B-1002": 200_000, "B-1006": 150_000, "B-1025": 250_000,
}  # fmt: skip
LOT_2_REQUIREMENTS = {
    "SME-5001": None, "SME-5003": None, "B-1012": None, "B-1017": None, "B-1019": None,
    "B-1026": None, "B-1027": None, "B-1028": None, "B-1008": 100_000,
}  # fmt: skip
DRAFT_REQUIREMENTS = {"B-1001": None, "B-1003": None, "B-1017": None, "SME-5001": None}


def load(context: dict[str, Any]) -> None:
    organisations = context["organisations"]
    if "malmhaga" in organisations:
        load_published(organisations["malmhaga"])
    if "sjobo-strand" in organisations:
        load_draft(organisations["sjobo-strand"])


def _officer(organisation: Organisation) -> User:
    """The organisation's procurement officer (any member if the demo has none)."""
    members = User.objects.filter(organisation=organisation).order_by("pk")
    officer = members.filter(groups__name=Role.PROCUREMENT_OFFICER).first() or members.first()
    assert officer is not None, f"{organisation} has no members"
    return officer


def _activity(organisation: Organisation, name: str) -> CriticalActivity | None:
    activities = CriticalActivity.objects.filter(organisation=organisation)
    return activities.filter(name=name).first() or activities.first()


def _categories(organisation: Organisation, *codes: str) -> list[FoodCategory]:
    return list(FoodCategory.objects.filter(organisation=organisation, code__in=codes))


def _add_requirements(lot: Lot, wanted: Mapping[str, int | None]) -> None:
    library = Requirement.objects.filter(organisation__isnull=True, is_current=True)
    by_id = {requirement.krav_id: requirement for requirement in library}
    for krav_id, deduction in wanted.items():
        if krav_id in by_id:
            services.lot_requirement_add(
                lot=lot,
                requirement=by_id[krav_id],
                deduction_sek=Decimal(deduction) if deduction else None,
            )


COAST_AND_COUNTRY = ("hamn", "kust", "strand", "landsbygd")


def _coast_and_country(units: list[MealUnit]) -> list[MealUnit]:
    """Units whose area sounds like the coast or the countryside; else those outside the town."""
    chosen = [u for u in units if any(word in u.area.lower() for word in COAST_AND_COUNTRY)]
    if chosen:
        return chosen
    counts: dict[str, int] = {}
    for unit in units:
        counts[unit.area] = counts.get(unit.area, 0) + 1
    town = max(counts, key=lambda area: counts[area]) if counts else ""
    return [unit for unit in units if unit.area != town] or units


def _at(day: date, hour: int) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


def load_published(organisation: Organisation) -> None:
    today = timezone.localdate()
    start, end = date(today.year + 1, 4, 1), date(today.year + 3, 3, 31)
    activity = _activity(organisation, "Måltider inom äldreomsorgen")
    all_units = list(MealUnit.objects.filter(organisation=organisation))
    care_units = list(activity.units.all()) if activity else all_units
    procurement = services.procurement_create(
        organisation=organisation,
        user=_officer(organisation),
        activity=activity,
        title=f"Livsmedel till vård och omsorg {start.year}–{end.year}",
        reference=f"MH-UH-{today.year}-014",
        description=(
            "Malmhaga kommun upphandlar livsmedel till äldreomsorgens och vårdens kök. "
            "Beredskapsanalysen visar att måltiderna måste fungera även vid strömavbrott, "
            "drivmedelsbrist och när en leverantör slutar leverera. Upphandlingen ställer därför "
            "krav på lager, reservkraft, prioritering och övningar, och anbuden stresstestas."
        ),
        procedure="open",
        cpv_codes=_cpv("15000000", "15800000", "15810000"),
        estimated_value_sek=Decimal(27_000_000),
        contract_start=start,
        contract_end=end,
        option_months=24,
    )
    services.procurement_set_scenarios(procurement=procurement, scenario_ids=_scenario_ids())
    services.procurement_set_timeline(
        procurement=procurement,
        publication_date=today,
        questions_deadline=today + timedelta(days=15),
        tender_deadline=_at(today + timedelta(days=35), 23),
        opening_at=_at(today + timedelta(days=36), 9),
        standstill_days=10,
    )
    lot_1 = services.lot_save(
        procurement=procurement,
        units=care_units,
        categories=_categories(organisation, "dry", "frozen", "chilled"),
        number=1,
        title="Torr- och frysvaror, hela kommunen",
        basis="category",
        estimated_value_sek=Decimal(24_000_000),
    )
    _add_requirements(lot_1, LOT_1_REQUIREMENTS)
    lot_2 = services.lot_save(
        procurement=procurement,
        units=_coast_and_country(care_units),
        categories=_categories(organisation, "bread", "dairy"),
        number=2,
        title="Bröd och mejeri, kust och landsbygd",
        description="Reserverat för små företag: lokala bagerier och mejerier.",
        basis="area",
        reserved_for_sme=True,
        estimated_value_sek=Decimal(3_000_000),
    )
    _add_requirements(lot_2, LOT_2_REQUIREMENTS)
    services.procurement_set_evaluation(
        procurement=procurement, evaluation_model="price_deduction", deductions={}
    )
    services.procurement_publish(procurement=procurement)
    # The demo tender has been out for ten days: move its dates back as if published then.
    Procurement.objects.filter(pk=procurement.pk).update(
        published_at=_at(today - timedelta(days=10), 8),
        publication_date=today - timedelta(days=10),
        tender_deadline=_at(today + timedelta(days=25), 23),
        opening_at=_at(today + timedelta(days=26), 9),
    )


def load_draft(organisation: Organisation) -> None:
    today = timezone.localdate()
    activity = _activity(organisation, "Skolmåltider")
    units = list(activity.units.all()) if activity else []
    units = units or list(MealUnit.objects.filter(organisation=organisation)[:10])
    procurement = services.procurement_create(
        organisation=organisation,
        user=_officer(organisation),
        activity=activity,
        title=f"Måltidsråvaror till skolor och förskolor {today.year + 1}–{today.year + 3}",
        reference=f"SS-UH-{today.year}-003",
        description="Under förberedelse: delområden och krav tas fram med kostchefen.",
        procedure="simplified",
        cpv_codes=_cpv("15000000"),
        estimated_value_sek=Decimal(6_000_000),
        contract_start=date(today.year + 1, 8, 1),
        contract_end=date(today.year + 3, 7, 31),
    )
    services.procurement_set_scenarios(procurement=procurement, scenario_ids=_scenario_ids()[:2])
    if units:
        lot = services.lot_save(
            procurement=procurement,
            units=units,
            categories=_categories(organisation, "dry", "chilled", "produce"),
            number=1,
            title="Livsmedel till skolkök",
            basis="unit_group",
            estimated_value_sek=Decimal(6_000_000),
        )
        _add_requirements(lot, DRAFT_REQUIREMENTS)


def _cpv(*codes: str) -> list[str]:
    """The codes with their check digits (each is a real CPV code)."""
    return [code for code in map(cpv_normalise, codes) if code is not None]


def _scenario_ids() -> list[str]:
    known = {info.id for info in scenario_choices("sv")}
    return [scenario for scenario in SCENARIOS if scenario in known] or list(SCENARIOS[:1])
