"""Composing a procurement: from a readiness analysis to lots, requirements, timeline, publish."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from beredd.procurement.models import Lot, LotRequirement, Procurement
from beredd.readiness.models import CriticalActivity
from tests.conftest import PASSWORD
from tests.test_procurement_support import make_ready_procurement, make_requirement

pytestmark = pytest.mark.django_db


def log_in(client, user) -> None:
    assert client.login(username=user.username, password=PASSWORD)


def general_data(**overrides) -> dict:
    data = {
        "title": "Livsmedel 2027",
        "reference": "UH-1",
        "procedure": "open",
        "cpv_text": "15000000-8, 15800000",
        "estimated_value_sek": "12000000",
        "contract_start": "2027-04-01",
        "contract_end": "2029-03-31",
        "option_months": "24",
    }
    return data | overrides


def test_a_procurement_officer_starts_a_procurement_from_a_readiness_analysis(
    client, procurer, buyer_org, small_network
):
    activity = CriticalActivity.objects.create(organisation=buyer_org, name="Måltider i vården")
    activity.units.set(small_network["units"][:1])
    log_in(client, procurer)
    url = reverse("procurement:create") + f"?activity={activity.pk}"
    page = client.get(url)
    assert "Måltider i vården" in page.content.decode()
    response = client.post(url, general_data(activity=activity.pk))
    procurement = Procurement.objects.get()
    assert response.url == reverse("procurement:lot_create", args=[procurement.pk])
    assert procurement.activity == activity
    assert procurement.cpv_codes == ["15000000-8", "15800000-6"]
    lot_form = client.get(response.url).content.decode()
    unit = small_network["units"][0]
    assert f'value="{unit.pk}" id="id_units_0" checked' in lot_form


def test_it_rejects_a_cpv_code_with_a_wrong_check_digit_and_saves_nothing(client, procurer):
    log_in(client, procurer)
    response = client.post(reverse("procurement:create"), general_data(cpv_text="15000000-3"))
    assert "15000000-3" in response.content.decode()
    assert not Procurement.objects.exists()


def test_it_rejects_a_contract_that_ends_before_it_starts(client, procurer):
    log_in(client, procurer)
    data = general_data(contract_start="2029-01-01", contract_end="2028-01-01")
    response = client.post(reverse("procurement:create"), data)
    assert response.status_code == 200
    assert "Avtalsslut måste vara efter avtalsstart" in response.content.decode()
    assert not Procurement.objects.exists()


def test_another_organisations_activity_cannot_be_the_starting_point(client, procurer, other_org):
    activity = CriticalActivity.objects.create(organisation=other_org, name="Deras verksamhet")
    log_in(client, procurer)
    response = client.get(reverse("procurement:create") + f"?activity={activity.pk}")
    assert response.status_code == 404


@pytest.fixture
def procurement(buyer_org, procurer) -> Procurement:
    return Procurement.objects.create(
        organisation=buyer_org, title="Livsmedel", procedure="open", created_by=procurer
    )


def lot_data(network: dict, **overrides) -> dict:
    data = {
        "number": "1",
        "title": "Torrvaror norr",
        "basis": "area",
        "units": [unit.pk for unit in network["units"]],
        "categories": [network["categories"][0].pk],
        "estimated_value_sek": "3000000",
    }
    return data | overrides


def test_it_rejects_a_lot_without_units(client, procurer, procurement, small_network):
    log_in(client, procurer)
    url = reverse("procurement:lot_create", args=[procurement.pk])
    response = client.post(url, lot_data(small_network, units=[]))
    assert response.status_code == 200
    assert "Välj minst en måltidsenhet" in response.content.decode()
    assert not Lot.objects.exists()


def test_the_bulk_helper_adds_every_unit_of_an_area(client, procurer, procurement, small_network):
    log_in(client, procurer)
    url = reverse("procurement:lot_create", args=[procurement.pk])
    response = client.post(url, lot_data(small_network, units=[], add_area="north"))
    lot = Lot.objects.get()
    assert response.url == reverse("procurement:lot_requirements", args=[procurement.pk, lot.pk])
    assert set(lot.units.all()) == set(small_network["units"])


def test_it_rejects_units_of_another_organisation(
    client, procurer, procurement, small_network, other_org
):
    from beredd.network.models import MealUnit

    theirs = MealUnit.objects.create(
        organisation=other_org,
        code="X",
        name="Deras kök",
        unit_type="school",
        area="x",
        portions_per_day=10,
    )
    log_in(client, procurer)
    url = reverse("procurement:lot_create", args=[procurement.pk])
    response = client.post(url, lot_data(small_network, units=[theirs.pk]))
    assert response.status_code == 200
    assert not Lot.objects.exists()


def test_two_lots_cannot_share_a_number(client, procurer, procurement, small_network):
    Lot.objects.create(procurement=procurement, number=1, title="Först", basis="area")
    log_in(client, procurer)
    url = reverse("procurement:lot_create", args=[procurement.pk])
    response = client.post(url, lot_data(small_network))
    assert "redan nummer 1" in response.content.decode()
    assert Lot.objects.count() == 1


def test_a_coordinator_adds_a_library_requirement_with_a_deduction(
    client, coordinator, procurement, small_network
):
    lot = Lot.objects.create(procurement=procurement, number=1, title="Torr", basis="area")
    criterion = make_requirement("5001", "award_criterion")
    log_in(client, coordinator)
    url = reverse("procurement:lot_requirements", args=[procurement.pk, lot.pk])
    assert "5001:1" in client.get(url, {"q": "lagerdagar"}).content.decode()
    client.post(url, {"requirement": criterion.pk, "deduction_sek": "200000"})
    use = LotRequirement.objects.get()
    assert use.requirement == criterion
    assert use.deduction_sek == 200000


def test_old_versions_and_other_organisations_requirements_cannot_be_added(
    client, procurer, procurement, other_org
):
    lot = Lot.objects.create(procurement=procurement, number=1, title="Torr", basis="area")
    old = make_requirement("5002", is_current=False)
    theirs = make_requirement("5003", organisation=other_org)
    log_in(client, procurer)
    url = reverse("procurement:lot_requirements", args=[procurement.pk, lot.pk])
    for requirement in (old, theirs):
        response = client.post(url, {"requirement": requirement.pk})
        assert "Välj ett aktuellt krav ur kravbiblioteket" in response.content.decode()
    assert not LotRequirement.objects.exists()


def timeline_post(client, procurement, **fields) -> str:
    url = reverse("procurement:timeline", args=[procurement.pk])
    return client.post(url, fields).content.decode()


def test_it_rejects_dates_out_of_order_and_saves_nothing(client, procurer, procurement):
    log_in(client, procurer)
    content = timeline_post(
        client,
        procurement,
        publication_date="2027-01-10",
        questions_deadline="2027-03-01",
        tender_deadline="2027-02-20T12:00",
        opening_at="2027-02-20T10:00",
        standstill_days="10",
    )
    assert "Sista dag för frågor: måste vara före dagen för sista anbudsdag" in content
    assert "Anbudsöppning: får inte vara före sista anbudsdag" in content
    procurement.refresh_from_db()
    assert procurement.publication_date is None


def test_it_rejects_a_too_short_tender_period_for_the_open_procedure(client, procurer, procurement):
    log_in(client, procurer)
    content = timeline_post(
        client,
        procurement,
        publication_date="2027-01-10",
        questions_deadline="2027-01-20",
        tender_deadline="2027-02-01T12:00",
        opening_at="2027-02-01T13:00",
        standstill_days="10",
    )
    assert (
        "Anbudstid: måste vara minst 30 dagar efter publiceringen för öppet förfarande" in content
    )
    procurement.refresh_from_db()
    assert procurement.tender_deadline is None


def test_a_simplified_procedure_accepts_a_ten_day_tender_period(client, procurer, procurement):
    procurement.procedure = "simplified"
    procurement.save()
    log_in(client, procurer)
    url = reverse("procurement:timeline", args=[procurement.pk])
    response = client.post(
        url,
        {
            "publication_date": "2027-01-10",
            "questions_deadline": "2027-01-15",
            "tender_deadline": "2027-01-20T12:00",
            "opening_at": "2027-01-20T13:00",
            "standstill_days": "10",
        },
    )
    assert response.status_code == 302
    procurement.refresh_from_db()
    assert procurement.tender_deadline.date().isoformat() == "2027-01-20"


def test_publishing_lists_what_is_missing_and_changes_nothing(client, procurer, procurement):
    log_in(client, procurer)
    detail = client.get(reverse("procurement:detail", args=[procurement.pk])).content.decode()
    assert "Delområden: lägg till minst ett delområde." in detail
    response = client.post(reverse("procurement:publish", args=[procurement.pk]), follow=True)
    assert "CPV-koder: ange minst en CPV-kod." in response.content.decode()
    procurement.refresh_from_db()
    assert procurement.status == "draft"
    assert procurement.published_at is None


def test_a_ready_procurement_is_published(client, procurer, buyer_org, small_network):
    procurement = make_ready_procurement(buyer_org, procurer, small_network)
    log_in(client, procurer)
    client.post(reverse("procurement:publish", args=[procurement.pk]))
    procurement.refresh_from_db()
    assert procurement.status == "published"
    assert procurement.published_at is not None


def test_a_lot_without_requirements_stops_publication(client, procurer, buyer_org, small_network):
    procurement = make_ready_procurement(buyer_org, procurer, small_network)
    LotRequirement.objects.all().delete()
    log_in(client, procurer)
    response = client.post(reverse("procurement:publish", args=[procurement.pk]), follow=True)
    assert "Delområde 1 har inga krav." in response.content.decode()
    procurement.refresh_from_db()
    assert procurement.status == "draft"


def test_the_price_deduction_model_needs_a_deduction(client, procurer, buyer_org, small_network):
    procurement = make_ready_procurement(buyer_org, procurer, small_network)
    procurement.evaluation_model = "price_deduction"
    procurement.save()
    log_in(client, procurer)
    response = client.post(reverse("procurement:publish", args=[procurement.pk]), follow=True)
    assert "prisavdragsmodellen kräver minst ett tilldelningskriterium" in (
        response.content.decode()
    )
    procurement.refresh_from_db()
    assert procurement.status == "draft"


def test_a_passed_tender_deadline_stops_publication(client, procurer, buyer_org, small_network):
    procurement = make_ready_procurement(buyer_org, procurer, small_network)
    procurement.tender_deadline = timezone.now() - timedelta(hours=1)
    procurement.save()
    log_in(client, procurer)
    client.post(reverse("procurement:publish", args=[procurement.pk]))
    procurement.refresh_from_db()
    assert procurement.status == "draft"


def test_a_published_procurement_can_no_longer_be_changed(
    client, procurer, buyer_org, small_network
):
    procurement = make_ready_procurement(buyer_org, procurer, small_network)
    procurement.status = "published"
    procurement.save()
    log_in(client, procurer)
    url = reverse("procurement:general", args=[procurement.pk])
    response = client.post(url, general_data(title="Ändrad"))
    assert "kan inte längre ändras" in response.content.decode()
    procurement.refresh_from_db()
    assert procurement.title == "Livsmedel till vård och omsorg"
