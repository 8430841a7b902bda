"""Rules behind the composer: CPV check digits, tender periods, lot sizing, worked example."""

from datetime import date
from decimal import Decimal

import pytest

from beredd.procurement import rules
from beredd.procurement.evaluation import worked_example
from beredd.procurement.models import Lot, LotRequirement, Procurement
from beredd.procurement.sizing import SME_MAX_PE_PER_DAY, lot_size
from beredd.procurement.validation import timeline_problems
from tests.procurement_data import make_requirement


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("15000000-8", "15000000-8"),
        ("15800000", "15800000-6"),
        (" 55520000-1 ", "55520000-1"),
        ("15000000-3", None),
        ("1500000-8", None),
        ("food", None),
    ],
)
def test_cpv_codes_are_checked_and_completed(code, expected):
    assert rules.cpv_normalise(code) == expected


def test_a_direct_award_needs_neither_tender_period_nor_standstill():
    problems = timeline_problems(
        procedure="direct_award",
        publication_date=date(2027, 1, 1),
        questions_deadline=None,
        tender_deadline=None,
        opening_at=None,
        standstill_days=0,
    )
    assert problems == []


def test_an_open_procedure_needs_ten_days_of_standstill():
    problems = timeline_problems(
        procedure="open",
        publication_date=None,
        questions_deadline=None,
        tender_deadline=None,
        opening_at=None,
        standstill_days=5,
    )
    assert [problem.field for problem in problems] == ["standstill_days"]


@pytest.mark.django_db
def test_a_lot_too_large_for_a_small_firm_is_flagged_with_a_split_by_area(buyer_org, small_network):
    units = small_network["units"]
    units[0].portions_per_day, units[0].area = 2000, "north"
    units[1].portions_per_day, units[1].area = 1000, "south"
    for unit in units:
        unit.save()
    procurement = Procurement.objects.create(
        organisation=buyer_org,
        title="Stor",
        procedure="open",
        contract_start=date(2027, 1, 1),
        contract_end=date(2029, 1, 1),
    )
    lot = Lot.objects.create(
        procurement=procurement,
        number=1,
        title="Allt",
        basis="area",
        estimated_value_sek=Decimal(30_000_000),
    )
    lot.units.set(units)
    lot.categories.set(small_network["categories"])
    size = lot_size(lot)
    # Normal menu: dry 0.5 + chilled 0.5 = 1 pe per portion.
    assert size.pe_per_day == 3000
    assert size.too_large_volume and size.pe_per_day > SME_MAX_PE_PER_DAY
    assert size.too_large_value  # about 15 MSEK a year
    parts = {part.area: part.pe_per_day for part in size.parts_by_area}
    assert parts == {"north": 2000, "south": 1000}


@pytest.mark.django_db
def test_the_worked_example_ranks_by_comparison_price(buyer_org):
    procurement = Procurement.objects.create(
        organisation=buyer_org, title="X", procedure="open", evaluation_model="price_deduction"
    )
    lot = Lot.objects.create(procurement=procurement, number=1, title="Torr", basis="area")
    LotRequirement.objects.create(
        lot=lot, requirement=make_requirement("8001", "award_criterion"), deduction_sek=500_000
    )
    bids = {bid.name: bid for bid in worked_example(procurement)}
    assert bids["A"].comparison_price_sek == Decimal(9_300_000)
    assert bids["B"].comparison_price_sek == Decimal(9_000_000)
    assert [bids[name].rank for name in "ABC"] == [2, 1, 3]  # C: 9 350 000, nothing deducted


@pytest.mark.django_db
def test_with_lowest_price_the_example_ignores_deductions(buyer_org):
    procurement = Procurement.objects.create(organisation=buyer_org, title="X", procedure="open")
    bids = {bid.name: bid for bid in worked_example(procurement)}
    assert [bids[name].rank for name in "ABC"] == [3, 2, 1]


def test_a_unit_with_its_own_menu_is_sized_by_it():
    from types import SimpleNamespace

    from beredd.procurement.sizing import unit_share

    organisation_menu = {"dry": 0.5, "chilled": 0.5}
    hospital = SimpleNamespace(menus={"normal": {"dry": 0.2, "chilled": 0.9}})
    school = SimpleNamespace(menus={})
    assert unit_share(hospital, ["chilled"], organisation_menu) == 0.9
    assert unit_share(school, ["chilled"], organisation_menu) == 0.5
