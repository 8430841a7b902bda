"""Changing lots, their requirements, the evaluation model and the scenario set."""

import pytest
from django.urls import reverse

from beredd.network.models import FoodCategory, MealUnit
from beredd.procurement.models import Lot, LotRequirement, Procurement
from tests.conftest import PASSWORD, count_queries
from tests.procurement_data import make_ready_procurement, make_requirement

pytestmark = pytest.mark.django_db


@pytest.fixture
def procurement(buyer_org, procurer, small_network, client) -> Procurement:
    client.login(username=procurer.username, password=PASSWORD)
    return make_ready_procurement(buyer_org, procurer, small_network)


def test_an_officer_changes_a_lots_units_and_marks_it_for_small_firms(
    client, procurement, small_network
):
    lot = procurement.lots.get()
    url = reverse("procurement:lot_edit", args=[procurement.pk, lot.pk])
    data = {
        "number": "1",
        "title": "Torrvaror, sjukhuset",
        "basis": "unit_group",
        "units": [small_network["units"][0].pk],
        "categories": [small_network["categories"][0].pk],
        "reserved_for_sme": "on",
    }
    assert client.post(url, data).status_code == 302
    lot.refresh_from_db()
    assert lot.title == "Torrvaror, sjukhuset"
    assert lot.reserved_for_sme
    assert list(lot.units.all()) == [small_network["units"][0]]


def test_a_lot_of_another_procurement_is_not_found(client, procurement, buyer_org, procurer):
    other = Procurement.objects.create(organisation=buyer_org, title="Annan", procedure="open")
    lot = procurement.lots.get()
    url = reverse("procurement:lot_edit", args=[other.pk, lot.pk])
    assert client.get(url).status_code == 404


def test_an_officer_deletes_a_lot(client, procurement):
    lot = procurement.lots.get()
    client.post(reverse("procurement:lot_delete", args=[procurement.pk, lot.pk]))
    assert not Lot.objects.filter(pk=lot.pk).exists()


def test_a_requirement_is_removed_from_a_lot(client, procurement):
    lot = procurement.lots.get()
    use = lot.lot_requirements.get()
    url = reverse("procurement:lot_requirement_remove", args=[procurement.pk, lot.pk, use.pk])
    client.post(url)
    assert not LotRequirement.objects.filter(pk=use.pk).exists()


def test_a_requirement_cannot_be_added_twice(client, procurement):
    lot = procurement.lots.get()
    use = lot.lot_requirements.get()
    url = reverse("procurement:lot_requirements", args=[procurement.pk, lot.pk])
    response = client.post(url, {"requirement": use.requirement.pk})
    assert "9001:1 är redan ett krav i detta delområde" in response.content.decode()
    assert lot.lot_requirements.count() == 1


def test_the_evaluation_page_saves_the_model_and_the_deductions(client, procurement):
    lot = procurement.lots.get()
    use = LotRequirement.objects.create(
        lot=lot, requirement=make_requirement("9101", "award_criterion")
    )
    url = reverse("procurement:evaluation", args=[procurement.pk])
    data = {"evaluation_model": "price_deduction", f"deduction_{use.pk}": "400000"}
    assert client.post(url, data).status_code == 302
    procurement.refresh_from_db()
    use.refresh_from_db()
    assert procurement.evaluation_model == "price_deduction"
    assert use.deduction_sek == 400_000
    page = client.get(url).content.decode().replace("\xa0", " ").replace("&nbsp;", " ")
    assert "9 400 000" in page  # bid A: 9 800 000 − 400 000


def test_a_negative_deduction_is_refused_and_nothing_is_saved(client, procurement):
    lot = procurement.lots.get()
    use = LotRequirement.objects.create(
        lot=lot, requirement=make_requirement("9102", "award_criterion")
    )
    url = reverse("procurement:evaluation", args=[procurement.pk])
    data = {"evaluation_model": "price_deduction", f"deduction_{use.pk}": "-5"}
    response = client.post(url, data)
    assert response.status_code == 200
    assert "errorlist" in response.content.decode()
    procurement.refresh_from_db()
    assert procurement.evaluation_model == "price_only"


def test_only_scenarios_of_the_library_can_be_chosen(client, procurement):
    url = reverse("procurement:scenarios", args=[procurement.pk])
    response = client.post(url, {"scenario_ids": ["no-such-scenario"]})
    assert response.status_code == 200
    assert "errorlist" in response.content.decode()
    procurement.refresh_from_db()
    assert procurement.scenario_ids == ["power-north"]


def test_the_pages_speak_english_when_asked(client, procurement):
    client.cookies["django_language"] = "en"
    url = reverse("procurement:lot_list", args=[procurement.pk])
    content = client.get(url).content.decode()
    assert "Lot sizing for small firms" in content


# Other organisations' ids


def test_a_lot_cannot_take_units_or_categories_of_another_organisation(
    logged_in, ready_procurement, other_org
):
    foreign_unit = MealUnit.objects.create(
        organisation=other_org,
        code="X1",
        name="Annans skola",
        unit_type="school",
        area="x",
        portions_per_day=10,
    )
    foreign_category = FoodCategory.objects.create(organisation=other_org, code="x", name="X")
    url = reverse("procurement:lot_create", args=[ready_procurement.pk])
    response = logged_in.post(
        url,
        {
            "number": "2",
            "title": "Smuggel",
            "basis": "area",
            "units": [foreign_unit.pk],
            "categories": [foreign_category.pk],
        },
    )
    assert response.status_code == 200
    assert not Lot.objects.filter(procurement=ready_procurement, number=2).exists()


def test_a_lot_requirement_cannot_be_another_organisations_own_or_an_old_version(
    logged_in, ready_procurement, other_org
):
    foreign = make_requirement("5001", organisation=other_org)
    old = make_requirement("5002")
    old.is_current = False
    old.save()
    lot = ready_procurement.lots.get()
    url = reverse("procurement:lot_requirements", args=[ready_procurement.pk, lot.pk])
    for requirement in (foreign, old):
        response = logged_in.post(url, {"requirement": requirement.pk})
        assert response.status_code == 200
        assert "Välj ett aktuellt krav" in response.content.decode()
        assert not LotRequirement.objects.filter(lot=lot, requirement=requirement).exists()


# Bad input and many rows


def test_a_lot_refuses_a_negative_estimated_value(logged_in, ready_procurement, small_network):
    url = reverse("procurement:lot_create", args=[ready_procurement.pk])
    data = {
        "number": "2",
        "title": "Negativ",
        "basis": "area",
        "units": [small_network["units"][0].pk],
        "categories": [small_network["categories"][0].pk],
        "estimated_value_sek": "-5000",
    }
    response = logged_in.post(url, data)
    assert response.status_code == 200
    assert response.context["form"].errors.get("estimated_value_sek")
    assert not Lot.objects.filter(title="Negativ").exists()


def test_the_lots_page_and_a_lots_requirements_do_not_query_per_row(
    logged_in, ready_procurement, small_network
):
    lot = ready_procurement.lots.get()
    lots_url = reverse("procurement:lot_list", args=[ready_procurement.pk])
    requirements_url = reverse("procurement:lot_requirements", args=[ready_procurement.pk, lot.pk])
    few = [count_queries(logged_in, lots_url), count_queries(logged_in, requirements_url)]
    for number in range(2, 7):
        extra = Lot.objects.create(
            procurement=ready_procurement, number=number, title=f"Lot {number}", basis="area"
        )
        extra.units.set(small_network["units"])
        extra.categories.set(small_network["categories"])
        LotRequirement.objects.create(lot=lot, requirement=make_requirement(f"8{number:03d}"))
    assert [count_queries(logged_in, lots_url), count_queries(logged_in, requirements_url)] == few


@pytest.mark.parametrize("value", ["9" * 30, "abc", "-1"])
def test_a_lot_with_hand_edited_unit_ids_is_refused_beside_the_field(
    logged_in, ready_procurement, small_network, value
):
    url = reverse("procurement:lot_create", args=[ready_procurement.pk])
    data = {
        "number": "2",
        "title": "Påhittad",
        "basis": "area",
        "units": [value],
        "categories": [value],
    }
    response = logged_in.post(url, data)
    assert response.status_code == 200
    assert "units" in response.context["form"].errors
    assert "categories" in response.context["form"].errors


@pytest.mark.parametrize("value", ["1e20", "9" * 30, "-5"])
def test_an_absurd_price_deduction_is_refused_with_a_message(logged_in, ready_procurement, value):
    criterion = make_requirement("7002", "award_criterion")
    use = LotRequirement.objects.create(
        lot=ready_procurement.lots.get(), requirement=criterion, deduction_sek=1000, sort_order=1
    )
    url = reverse("procurement:evaluation", args=[ready_procurement.pk])
    response = logged_in.post(
        url, {"evaluation_model": "price_deduction", f"deduction_{use.pk}": value}
    )
    assert response.status_code == 200
    assert response.context["form"].errors
    use.refresh_from_db()
    assert use.deduction_sek == 1000
