"""Composing a procurement: from a readiness analysis to lots, requirements, timeline, publish."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from beredd.network.models import MealUnit
from beredd.procurement.models import Lot, LotRequirement, Procurement
from beredd.readiness.models import CriticalActivity
from tests.conftest import PASSWORD, count_queries, general_data_of
from tests.procurement_data import make_ready_procurement, make_requirement

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


# Other organisations' ids


def test_a_procurement_cannot_start_from_another_organisations_critical_activity(
    logged_in, other_org, ready_procurement
):
    foreign = CriticalActivity.objects.create(organisation=other_org, name="Annans verksamhet")
    url = reverse("procurement:create")
    assert logged_in.get(url, {"activity": foreign.pk}).status_code == 404
    data = general_data_of(ready_procurement, title="Ny", activity=str(foreign.pk))
    response = logged_in.post(url, data)
    assert response.status_code == 200
    assert not Procurement.objects.filter(title="Ny").exists()


# Bad input


@pytest.mark.parametrize("value", ["-1", "1e20", "100000000000000000000"])
def test_general_facts_refuse_a_negative_or_absurd_estimated_value(
    logged_in, ready_procurement, value
):
    url = reverse("procurement:general", args=[ready_procurement.pk])
    response = logged_in.post(url, general_data_of(ready_procurement, estimated_value_sek=value))
    assert response.status_code == 200
    assert response.context["form"].errors.get("estimated_value_sek")
    ready_procurement.refresh_from_db()
    assert ready_procurement.estimated_value_sek == 12_000_000


@pytest.mark.parametrize("code", ["1500000-8", "15000000-1", "abc", "15000000-8x"])
def test_malformed_cpv_codes_are_refused_by_name(logged_in, ready_procurement, code):
    url = reverse("procurement:general", args=[ready_procurement.pk])
    response = logged_in.post(url, general_data_of(ready_procurement, cpv_text=code))
    assert response.status_code == 200
    assert response.context["form"].errors.get("cpv_text")


def test_a_contract_that_ends_before_it_starts_is_refused(logged_in, ready_procurement):
    url = reverse("procurement:general", args=[ready_procurement.pk])
    start = ready_procurement.contract_start
    data = general_data_of(ready_procurement, contract_end=(start - timedelta(days=1)).isoformat())
    response = logged_in.post(url, data)
    assert response.context["form"].errors.get("contract_end")


def test_a_timeline_out_of_order_is_refused_field_by_field(logged_in, ready_procurement):
    today = timezone.localdate()
    url = reverse("procurement:timeline", args=[ready_procurement.pk])
    response = logged_in.post(
        url,
        {
            "publication_date": today.isoformat(),
            "questions_deadline": (today - timedelta(days=2)).isoformat(),
            "tender_deadline": (today + timedelta(days=40)).strftime("%Y-%m-%dT10:00"),
            "opening_at": (today + timedelta(days=39)).strftime("%Y-%m-%dT10:00"),
            "standstill_days": "10",
        },
    )
    errors = response.context["form"].errors
    assert "questions_deadline" in errors
    assert "opening_at" in errors


@pytest.mark.parametrize("value", ["abc", "1.5", "-1", "١"])
def test_a_hand_edited_activity_in_the_new_procurement_address_is_not_found(logged_in, value):
    response = logged_in.get(reverse("procurement:create"), {"activity": value})
    assert response.status_code == 404


# Many procurements and lots


def _add_procurements(procurement: Procurement, how_many: int) -> None:
    """Copies of `procurement`, each with its own lot and activity."""
    for number in range(how_many):
        activity = CriticalActivity.objects.create(
            organisation=procurement.organisation, name=f"Verksamhet {number}"
        )
        copy = Procurement.objects.create(
            organisation=procurement.organisation,
            title=f"Kopia {number}",
            procedure="open",
            activity=activity,
            created_by=procurement.created_by,
        )
        Lot.objects.create(procurement=copy, number=1, title="Lot", basis="area")


def test_the_procurement_list_does_not_query_per_procurement(logged_in, ready_procurement):
    url = reverse("procurement:list")
    few = count_queries(logged_in, url)
    _add_procurements(ready_procurement, 5)
    assert count_queries(logged_in, url) == few


def test_the_procurement_detail_does_not_query_per_lot(logged_in, ready_procurement, small_network):
    url = reverse("procurement:detail", args=[ready_procurement.pk])
    few = count_queries(logged_in, url)
    for number in range(2, 7):
        lot = Lot.objects.create(
            procurement=ready_procurement, number=number, title=f"Lot {number}", basis="area"
        )
        lot.units.set(small_network["units"])
        lot.categories.set(small_network["categories"])
        LotRequirement.objects.create(lot=lot, requirement=make_requirement(f"8{number:03d}"))
    assert count_queries(logged_in, url) == few


# Outsiders, suppliers, visitors and roles


def page_urls(procurement: Procurement) -> list[str]:
    lot = Lot.objects.get(procurement=procurement)
    use = LotRequirement.objects.get(lot=lot)
    pk = procurement.pk
    return [
        reverse("procurement:detail", args=[pk]),
        reverse("procurement:general", args=[pk]),
        reverse("procurement:lot_list", args=[pk]),
        reverse("procurement:lot_create", args=[pk]),
        reverse("procurement:lot_edit", args=[pk, lot.pk]),
        reverse("procurement:lot_delete", args=[pk, lot.pk]),
        reverse("procurement:lot_requirements", args=[pk, lot.pk]),
        reverse("procurement:lot_requirement_remove", args=[pk, lot.pk, use.pk]),
        reverse("procurement:evaluation", args=[pk]),
        reverse("procurement:scenarios", args=[pk]),
        reverse("procurement:timeline", args=[pk]),
        reverse("procurement:publish", args=[pk]),
    ]


def document_urls(procurement: Procurement) -> list[str]:
    return [
        reverse(name, args=[procurement.pk])
        for name in (
            "procurement:document_html",
            "procurement:document_docx",
            "procurement:document_pdf",
        )
    ]


def test_an_outsider_gets_404_on_every_page_and_changes_nothing(
    client, outsider, ready_procurement
):
    client.login(username=outsider.username, password=PASSWORD)
    for url in page_urls(ready_procurement) + document_urls(ready_procurement):
        post_only = url.endswith(("delete/", "remove/", "publish/"))
        assert client.get(url).status_code == (405 if post_only else 404), url
        assert client.post(url, {"title": "x", "number": "9"}).status_code == 404, url
    ready_procurement.refresh_from_db()
    assert ready_procurement.status == "draft"
    assert Lot.objects.filter(procurement=ready_procurement).count() == 1


def test_an_outsider_sees_only_their_own_procurements(client, outsider, ready_procurement):
    client.login(username=outsider.username, password=PASSWORD)
    response = client.get(reverse("procurement:list"))
    assert response.status_code == 200
    assert ready_procurement.title not in response.content.decode()


def test_a_supplier_gets_403_on_the_buyer_pages(client, bid_manager, ready_procurement):
    client.login(username=bid_manager.username, password=PASSWORD)
    urls = [
        reverse("procurement:list"),
        reverse("procurement:create"),
        *page_urls(ready_procurement),
    ]
    for url in urls:
        assert client.get(url).status_code == 403, url


def test_anonymous_users_are_sent_to_the_login_page(client, ready_procurement):
    urls = [
        reverse("procurement:list"),
        reverse("procurement:create"),
        *page_urls(ready_procurement),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response.url.startswith(reverse("login")), url


def test_anonymous_users_get_404_for_a_drafts_documents(client, ready_procurement):
    for url in document_urls(ready_procurement):
        assert client.get(url).status_code == 404, url


def test_anyone_reads_the_documents_of_a_published_procurement(
    client, bid_manager, ready_procurement
):
    ready_procurement.status = "published"
    ready_procurement.save()
    for url in document_urls(ready_procurement):
        assert client.get(url).status_code == 200, url
    client.login(username=bid_manager.username, password=PASSWORD)
    assert client.get(document_urls(ready_procurement)[0]).status_code == 200


@pytest.mark.parametrize("role_fixture", ["decision_maker", "needs_owner", "coordinator"])
def test_every_buyer_role_reads_every_page(client, request, role_fixture, ready_procurement):
    user = request.getfixturevalue(role_fixture)
    client.login(username=user.username, password=PASSWORD)
    readable = [
        url for url in page_urls(ready_procurement) if not url.endswith(("delete/", "remove/"))
    ]
    readable = [url for url in readable if not url.endswith(("/new/", "publish/"))]
    readable = [url for url in readable if "/lots/" not in url or "requirements" in url]
    for url in readable + document_urls(ready_procurement):
        assert client.get(url).status_code == 200, url


def test_a_needs_owner_cannot_change_the_procurement(client, needs_owner, ready_procurement):
    client.login(username=needs_owner.username, password=PASSWORD)
    pk = ready_procurement.pk
    for name in ("general", "timeline", "evaluation", "scenarios", "publish", "lot_create"):
        url = reverse(f"procurement:{name}", args=[pk])
        assert client.post(url, {"title": "Ändrad"}).status_code == 403, url
    ready_procurement.refresh_from_db()
    assert ready_procurement.title == "Livsmedel till vård och omsorg"


def test_a_coordinator_may_change_scenarios_but_not_the_timeline(
    client, coordinator, ready_procurement
):
    client.login(username=coordinator.username, password=PASSWORD)
    pk = ready_procurement.pk
    scenarios = client.post(reverse("procurement:scenarios", args=[pk]), {"scenario_ids": []})
    assert scenarios.status_code == 302
    timeline = client.post(reverse("procurement:timeline", args=[pk]), {})
    assert timeline.status_code == 403
