"""Changing lots, their requirements, the evaluation model and the scenario set."""

import pytest
from django.urls import reverse

from beredd.procurement.models import Lot, LotRequirement, Procurement
from tests.conftest import PASSWORD
from tests.test_procurement_support import make_ready_procurement, make_requirement

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
