"""A hostile or clumsy buyer against the composer: other organisations' ids in POST data,
edits of published procurements, odd values, and what public documents must not reveal."""

from datetime import timedelta
from io import BytesIO

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from docx import Document

from beredd.network.models import FoodCategory, MealUnit
from beredd.procurement.models import Lot, LotRequirement, Procurement
from beredd.readiness.models import CriticalActivity
from tests.conftest import PASSWORD, text_in_pdf
from tests.test_procurement_support import make_ready_procurement, make_requirement

pytestmark = pytest.mark.django_db


@pytest.fixture
def procurement(buyer_org, procurer, small_network) -> Procurement:
    return make_ready_procurement(buyer_org, procurer, small_network)


@pytest.fixture
def logged_in(client, procurer):
    client.login(username=procurer.username, password=PASSWORD)
    return client


def general_data(procurement: Procurement, **changes: object) -> dict:
    data = {
        "title": procurement.title,
        "reference": procurement.reference,
        "description": procurement.description,
        "procedure": procurement.procedure,
        "cpv_text": "15000000-8",
        "estimated_value_sek": "1000000",
        "contract_start": procurement.contract_start.isoformat(),
        "contract_end": procurement.contract_end.isoformat(),
        "option_months": "0",
    }
    data.update(changes)
    return data


def docx_text(content: bytes) -> str:
    document = Document(BytesIO(content))
    parts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return "\n".join(parts)


def publish(procurement: Procurement) -> None:
    procurement.status = "published"
    procurement.published_at = timezone.now()
    procurement.save()


# --- other organisations' ids in forms ---------------------------------------------------


def test_a_lot_cannot_take_units_or_categories_of_another_organisation(
    logged_in, procurement, other_org
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
    url = reverse("procurement:lot_create", args=[procurement.pk])
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
    assert not Lot.objects.filter(procurement=procurement, number=2).exists()


def test_a_lot_requirement_cannot_be_another_organisations_own_or_an_old_version(
    logged_in, procurement, other_org
):
    foreign = make_requirement("5001", organisation=other_org)
    old = make_requirement("5002")
    old.is_current = False
    old.save()
    lot = procurement.lots.get()
    url = reverse("procurement:lot_requirements", args=[procurement.pk, lot.pk])
    for requirement in (foreign, old):
        response = logged_in.post(url, {"requirement": requirement.pk})
        assert response.status_code == 200
        assert "Välj ett aktuellt krav" in response.content.decode()
        assert not LotRequirement.objects.filter(lot=lot, requirement=requirement).exists()


def test_a_procurement_cannot_start_from_another_organisations_critical_activity(
    logged_in, other_org, procurement
):
    foreign = CriticalActivity.objects.create(organisation=other_org, name="Annans verksamhet")
    url = reverse("procurement:create")
    assert logged_in.get(url, {"activity": foreign.pk}).status_code == 404
    data = general_data(procurement, title="Ny", activity=str(foreign.pk))
    response = logged_in.post(url, data)
    assert response.status_code == 200
    assert not Procurement.objects.filter(title="Ny").exists()


# --- published procurements cannot be changed by direct POSTs ---------------------------


def test_every_edit_url_refuses_a_published_procurement(logged_in, procurement, small_network):
    publish(procurement)
    lot = procurement.lots.get()
    use = lot.lot_requirements.get()
    extra = make_requirement("5003")
    pk = procurement.pk
    posts = [
        (reverse("procurement:general", args=[pk]), general_data(procurement, title="Ändrad")),
        (
            reverse("procurement:lot_create", args=[pk]),
            {
                "number": "2",
                "title": "Ny",
                "basis": "area",
                "units": [small_network["units"][0].pk],
                "categories": [small_network["categories"][0].pk],
            },
        ),
        (
            reverse("procurement:lot_edit", args=[pk, lot.pk]),
            {
                "number": "1",
                "title": "Ändrad",
                "basis": "area",
                "units": [small_network["units"][0].pk],
                "categories": [small_network["categories"][0].pk],
            },
        ),
        (reverse("procurement:lot_delete", args=[pk, lot.pk]), {}),
        (reverse("procurement:lot_requirements", args=[pk, lot.pk]), {"requirement": extra.pk}),
        (reverse("procurement:lot_requirement_remove", args=[pk, lot.pk, use.pk]), {}),
        (reverse("procurement:evaluation", args=[pk]), {"evaluation_model": "price_deduction"}),
        (reverse("procurement:scenarios", args=[pk]), {"scenario_ids": []}),
        (reverse("procurement:timeline", args=[pk]), {"standstill_days": "30"}),
    ]
    for url, data in posts:
        assert logged_in.post(url, data).status_code in (200, 302), url
    procurement.refresh_from_db()
    assert procurement.title == "Livsmedel till vård och omsorg"
    assert procurement.evaluation_model == "price_only"
    assert procurement.scenario_ids == ["power-north"]
    assert procurement.standstill_days == 10
    assert list(procurement.lots.values_list("title", flat=True)) == ["Torrvaror"]
    assert list(lot.lot_requirements.all()) == [use]


def test_publishing_twice_keeps_the_first_publication_time(logged_in, procurement):
    url = reverse("procurement:publish", args=[procurement.pk])
    logged_in.post(url)
    procurement.refresh_from_db()
    first = procurement.published_at
    assert procurement.status == "published"
    response = logged_in.post(url, follow=True)
    procurement.refresh_from_db()
    assert procurement.published_at == first
    assert "kan inte längre ändras" in response.content.decode()


def test_a_decision_maker_or_coordinator_cannot_publish_or_change_general_facts(
    client, decision_maker, coordinator, procurement
):
    for user in (decision_maker, coordinator):
        client.login(username=user.username, password=PASSWORD)
        assert client.post(reverse("procurement:publish", args=[procurement.pk])).status_code == 403
        url = reverse("procurement:general", args=[procurement.pk])
        assert client.post(url, general_data(procurement, title="X")).status_code == 403
    procurement.refresh_from_db()
    assert procurement.status == "draft"


def test_a_supplier_gets_403_on_the_buyer_pages(client, bid_manager, procurement):
    client.login(username=bid_manager.username, password=PASSWORD)
    for name in ("procurement:detail", "procurement:general", "procurement:timeline"):
        assert client.get(reverse(name, args=[procurement.pk])).status_code == 403


def test_publishing_with_a_tender_deadline_in_the_past_is_refused(logged_in, procurement):
    procurement.tender_deadline = timezone.now() - timedelta(hours=1)
    procurement.save()
    response = logged_in.post(reverse("procurement:publish", args=[procurement.pk]), follow=True)
    procurement.refresh_from_db()
    assert procurement.status == "draft"
    assert "har redan passerat" in response.content.decode()


# --- bad values ----------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["-1", "1e20", "100000000000000000000"])
def test_general_facts_refuse_a_negative_or_absurd_estimated_value(logged_in, procurement, value):
    url = reverse("procurement:general", args=[procurement.pk])
    response = logged_in.post(url, general_data(procurement, estimated_value_sek=value))
    assert response.status_code == 200
    assert response.context["form"].errors.get("estimated_value_sek")
    procurement.refresh_from_db()
    assert procurement.estimated_value_sek == 12_000_000


def test_a_lot_refuses_a_negative_estimated_value(logged_in, procurement, small_network):
    url = reverse("procurement:lot_create", args=[procurement.pk])
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


@pytest.mark.parametrize("code", ["1500000-8", "15000000-1", "abc", "15000000-8x"])
def test_malformed_cpv_codes_are_refused_by_name(logged_in, procurement, code):
    url = reverse("procurement:general", args=[procurement.pk])
    response = logged_in.post(url, general_data(procurement, cpv_text=code))
    assert response.status_code == 200
    assert response.context["form"].errors.get("cpv_text")


def test_a_contract_that_ends_before_it_starts_is_refused(logged_in, procurement):
    url = reverse("procurement:general", args=[procurement.pk])
    start = procurement.contract_start
    data = general_data(procurement, contract_end=(start - timedelta(days=1)).isoformat())
    response = logged_in.post(url, data)
    assert response.context["form"].errors.get("contract_end")


def test_a_timeline_out_of_order_is_refused_field_by_field(logged_in, procurement):
    today = timezone.localdate()
    url = reverse("procurement:timeline", args=[procurement.pk])
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


# --- documents: escaping, odd characters, nothing internal in public documents ---------


HOSTILE = "<script>alert(1)</script> ≥ 5 – 🍞 Łódź العربية"


def test_documents_survive_script_tags_non_latin1_text_and_very_long_requirements(
    client, logged_in, procurement
):
    procurement.title = HOSTILE
    procurement.description = HOSTILE + " ord" * 3000
    procurement.save()
    long_requirement = make_requirement("5004")
    long_requirement.text_sv = "Leverantören ska " + "hålla lager " * 1500
    long_requirement.title_sv = HOSTILE
    long_requirement.save()
    lot = procurement.lots.get()
    lot.title = HOSTILE
    lot.save()
    LotRequirement.objects.create(lot=lot, requirement=long_requirement, sort_order=1)
    pk = procurement.pk
    html = logged_in.get(reverse("procurement:document_html", args=[pk])).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html
    pdf = text_in_pdf(logged_in.get(reverse("procurement:document_pdf", args=[pk])).content)
    assert "<script>alert(1)</script> >= 5 - ? " in pdf  # plain stand-ins beyond Latin-1
    assert "hålla lager " * 50 in pdf
    docx = logged_in.get(reverse("procurement:document_docx", args=[pk]))
    assert HOSTILE in docx_text(docx.content)


def test_public_tender_documents_name_no_meal_unit_and_no_critical_activity(
    client, procurement, buyer_org
):
    activity = CriticalActivity.objects.create(organisation=buyer_org, name="Hemlig verksamhet")
    procurement.activity = activity
    procurement.save()
    publish(procurement)
    pk = procurement.pk
    html = client.get(reverse("procurement:document_html", args=[pk])).content.decode()
    text = docx_text(client.get(reverse("procurement:document_docx", args=[pk])).content)
    pdf = text_in_pdf(client.get(reverse("procurement:document_pdf", args=[pk])).content)
    for document in (html, text, pdf):
        assert "Ekby sjukhus avd 3" not in document
        assert "Ekby skola" not in document
        assert "Hemlig verksamhet" not in document
        assert "north" in document  # the area, which bidders need, stays


def test_a_draft_document_is_404_for_the_public_and_other_organisations(
    client, outsider, procurement
):
    for name in ("document_html", "document_docx", "document_pdf"):
        url = reverse(f"procurement:{name}", args=[procurement.pk])
        assert client.get(url).status_code == 404
    client.login(username=outsider.username, password=PASSWORD)
    assert client.get(reverse("procurement:document_pdf", args=[procurement.pk])).status_code == 404


# --- query counts --------------------------------------------------------------------------


def _count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


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


def test_the_procurement_list_does_not_query_per_procurement(logged_in, procurement):
    url = reverse("procurement:list")
    few = _count_queries(logged_in, url)
    _add_procurements(procurement, 5)
    assert _count_queries(logged_in, url) == few


def test_the_procurement_detail_does_not_query_per_lot(logged_in, procurement, small_network):
    url = reverse("procurement:detail", args=[procurement.pk])
    few = _count_queries(logged_in, url)
    for number in range(2, 7):
        lot = Lot.objects.create(
            procurement=procurement, number=number, title=f"Lot {number}", basis="area"
        )
        lot.units.set(small_network["units"])
        lot.categories.set(small_network["categories"])
        LotRequirement.objects.create(lot=lot, requirement=make_requirement(f"8{number:03d}"))
    assert _count_queries(logged_in, url) == few


def test_documents_and_the_feed_survive_control_characters_pasted_from_word(
    client, logged_in, procurement
):
    pasted = "Rad ett\x0bRad två\x1f\x08 slut"
    procurement.title = pasted
    procurement.description = pasted
    procurement.save()
    lot = procurement.lots.get()
    lot.description = pasted
    lot.save()
    pk = procurement.pk
    for name in ("document_html", "document_docx", "document_pdf"):
        response = logged_in.get(reverse(f"procurement:{name}", args=[pk]))
        assert response.status_code == 200, name
    assert "Rad två" in docx_text(
        logged_in.get(reverse("procurement:document_docx", args=[pk])).content
    )
    publish(procurement)
    feed = client.get(reverse("publication:feed"))
    assert feed.status_code == 200
    import xml.etree.ElementTree as ET

    ET.fromstring(feed.content)  # well-formed XML


@pytest.mark.parametrize("value", ["abc", "1.5", "-1", "١"])
def test_a_hand_edited_activity_in_the_new_procurement_address_is_not_found(logged_in, value):
    response = logged_in.get(reverse("procurement:create"), {"activity": value})
    assert response.status_code == 404


def test_the_lots_page_and_a_lots_requirements_do_not_query_per_row(
    logged_in, procurement, small_network
):
    lot = procurement.lots.get()
    lots_url = reverse("procurement:lot_list", args=[procurement.pk])
    requirements_url = reverse("procurement:lot_requirements", args=[procurement.pk, lot.pk])
    few = [_count_queries(logged_in, lots_url), _count_queries(logged_in, requirements_url)]
    for number in range(2, 7):
        extra = Lot.objects.create(
            procurement=procurement, number=number, title=f"Lot {number}", basis="area"
        )
        extra.units.set(small_network["units"])
        extra.categories.set(small_network["categories"])
        LotRequirement.objects.create(lot=lot, requirement=make_requirement(f"8{number:03d}"))
    assert [_count_queries(logged_in, lots_url), _count_queries(logged_in, requirements_url)] == few


def test_a_publication_date_in_the_past_cannot_shorten_the_tender_period(logged_in, procurement):
    # Published today with a deadline 6 days away, but dated 30 days back: 36 days "on paper".
    today = timezone.localdate()
    procurement.publication_date = today - timedelta(days=30)
    procurement.questions_deadline = today + timedelta(days=2)
    procurement.tender_deadline = timezone.now() + timedelta(days=6)
    procurement.opening_at = procurement.tender_deadline + timedelta(hours=1)
    procurement.save()
    response = logged_in.post(reverse("procurement:publish", args=[procurement.pk]), follow=True)
    procurement.refresh_from_db()
    assert procurement.status == "draft"
    assert "ligger i det förflutna; publicera från i dag eller senare." in (
        response.content.decode()
    )


def test_a_contract_that_starts_before_the_tenders_are_opened_cannot_be_published(
    logged_in, procurement
):
    procurement.contract_start = timezone.localdate() + timedelta(days=10)
    procurement.save()
    response = logged_in.post(reverse("procurement:publish", args=[procurement.pk]), follow=True)
    procurement.refresh_from_db()
    assert procurement.status == "draft"
    assert "Avtalsstart" in response.content.decode()


@pytest.mark.parametrize("value", ["9" * 30, "abc", "-1"])
def test_a_lot_with_hand_edited_unit_ids_is_refused_beside_the_field(
    logged_in, procurement, small_network, value
):
    url = reverse("procurement:lot_create", args=[procurement.pk])
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
def test_an_absurd_price_deduction_is_refused_with_a_message(logged_in, procurement, value):
    criterion = make_requirement("7002", "award_criterion")
    use = LotRequirement.objects.create(
        lot=procurement.lots.get(), requirement=criterion, deduction_sek=1000, sort_order=1
    )
    url = reverse("procurement:evaluation", args=[procurement.pk])
    response = logged_in.post(
        url, {"evaluation_model": "price_deduction", f"deduction_{use.pk}": value}
    )
    assert response.status_code == 200
    assert response.context["form"].errors
    use.refresh_from_db()
    assert use.deduction_sek == 1000


def test_the_tender_documents_do_not_query_per_lot(logged_in, procurement, small_network):
    url = reverse("procurement:document_html", args=[procurement.pk])
    few = _count_queries(logged_in, url)
    for number in range(2, 7):
        lot = Lot.objects.create(
            procurement=procurement, number=number, title=f"Lot {number}", basis="area"
        )
        lot.units.set(small_network["units"])
        lot.categories.set(small_network["categories"])
        LotRequirement.objects.create(lot=lot, requirement=make_requirement(f"8{number:03d}"))
    assert _count_queries(logged_in, url) == few
