"""Tender documents: the .docx is complete and editable, the HTML has the worked example."""

from io import BytesIO

import pytest
from django.urls import reverse
from docx import Document

from beredd.procurement.models import Lot, LotRequirement
from beredd.readiness.models import CriticalActivity
from tests.conftest import PASSWORD, count_queries, publish, text_in_pdf
from tests.procurement_data import make_ready_procurement, make_requirement

pytestmark = pytest.mark.django_db


@pytest.fixture
def procurement(buyer_org, procurer, small_network):
    procurement = make_ready_procurement(buyer_org, procurer, small_network)
    procurement.evaluation_model = "price_deduction"
    procurement.save()
    second = Lot.objects.create(
        procurement=procurement,
        number=2,
        title="Bröd och mejeri",
        basis="category",
        reserved_for_sme=True,
    )
    second.units.set(small_network["units"][:1])
    second.categories.set(small_network["categories"][1:])
    criterion = make_requirement("7001", "award_criterion")
    LotRequirement.objects.create(lot=second, requirement=criterion, deduction_sek=300_000)
    return procurement


def docx_text(content: bytes) -> str:
    document = Document(BytesIO(content))
    parts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return "\n".join(parts)


def test_the_docx_opens_and_holds_the_lots_requirements_and_timeline(client, procurer, procurement):
    client.login(username=procurer.username, password=PASSWORD)
    response = client.get(reverse("procurement:document_docx", args=[procurement.pk]))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    text = docx_text(response.content)
    assert "Delområde 1: Torrvaror" in text
    assert "Delområde 2: Bröd och mejeri" in text
    assert "9001:1" in text
    assert "7001:1" in text
    assert "Tidplan" in text
    assert "Sista anbudsdag" in text
    assert procurement.tender_deadline.strftime("%Y-%m-%d") in text
    assert "Eskaleringstrappa per krisnivå" in text
    assert "Höjd beredskap" in text


def test_the_html_holds_the_worked_example(client, procurer, procurement):
    client.login(username=procurer.username, password=PASSWORD)
    html = client.get(reverse("procurement:document_html", args=[procurement.pk])).content.decode()
    assert "Räkneexempel" in html
    # Bid A (9 800 000) meets 7001:1 with 300 000 deducted: comparison price 9 500 000.
    assert "9 500 000 kr" in html
    assert "ingen rangordningsvändning" in html
    assert "åtgärdsplan" in html


def test_the_documents_follow_the_language_of_the_request(client, procurer, procurement):
    client.login(username=procurer.username, password=PASSWORD)
    url = reverse("procurement:document_docx", args=[procurement.pk])
    text = docx_text(client.get(url, headers={"accept-language": "en"}).content)
    assert "Lot 1: Torrvaror" in text
    assert "Timeline" in text


def test_the_pdf_is_made_with_swedish_letters(client, procurer, procurement):
    client.login(username=procurer.username, password=PASSWORD)
    response = client.get(reverse("procurement:document_pdf", args=[procurement.pk]))
    assert response["Content-Type"] == "application/pdf"
    text = text_in_pdf(response.content)
    assert "Delområde 1: Torrvaror" in text
    assert "Delområde 2: Bröd och mejeri" in text
    assert "Sista anbudsdag" in text
    assert "Höjd beredskap" in text


# Odd characters, outsiders and many lots


HOSTILE = "<script>alert(1)</script> ≥ 5 – 🍞 Łódź العربية"


def test_documents_survive_script_tags_non_latin1_text_and_very_long_requirements(
    client, logged_in, ready_procurement
):
    ready_procurement.title = HOSTILE
    ready_procurement.description = HOSTILE + " ord" * 3000
    ready_procurement.save()
    long_requirement = make_requirement("5004")
    long_requirement.text_sv = "Leverantören ska " + "hålla lager " * 1500
    long_requirement.title_sv = HOSTILE
    long_requirement.save()
    lot = ready_procurement.lots.get()
    lot.title = HOSTILE
    lot.save()
    LotRequirement.objects.create(lot=lot, requirement=long_requirement, sort_order=1)
    pk = ready_procurement.pk
    html = logged_in.get(reverse("procurement:document_html", args=[pk])).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html
    pdf = text_in_pdf(logged_in.get(reverse("procurement:document_pdf", args=[pk])).content)
    assert "<script>alert(1)</script> >= 5 - ? " in pdf  # plain stand-ins beyond Latin-1
    assert "hålla lager " * 50 in pdf
    docx = logged_in.get(reverse("procurement:document_docx", args=[pk]))
    assert HOSTILE in docx_text(docx.content)


def test_public_tender_documents_name_no_meal_unit_and_no_critical_activity(
    client, ready_procurement, buyer_org
):
    activity = CriticalActivity.objects.create(organisation=buyer_org, name="Hemlig verksamhet")
    ready_procurement.activity = activity
    ready_procurement.save()
    publish(ready_procurement)
    pk = ready_procurement.pk
    html = client.get(reverse("procurement:document_html", args=[pk])).content.decode()
    text = docx_text(client.get(reverse("procurement:document_docx", args=[pk])).content)
    pdf = text_in_pdf(client.get(reverse("procurement:document_pdf", args=[pk])).content)
    for document in (html, text, pdf):
        assert "Ekby sjukhus avd 3" not in document
        assert "Ekby skola" not in document
        assert "Hemlig verksamhet" not in document
        assert "north" in document  # the area, which bidders need, stays


def test_a_draft_document_is_404_for_the_public_and_other_organisations(
    client, outsider, ready_procurement
):
    for name in ("document_html", "document_docx", "document_pdf"):
        url = reverse(f"procurement:{name}", args=[ready_procurement.pk])
        assert client.get(url).status_code == 404
    client.login(username=outsider.username, password=PASSWORD)
    assert (
        client.get(reverse("procurement:document_pdf", args=[ready_procurement.pk])).status_code
        == 404
    )


def test_documents_and_the_feed_survive_control_characters_pasted_from_word(
    client, logged_in, ready_procurement
):
    pasted = "Rad ett\x0bRad två\x1f\x08 slut"
    ready_procurement.title = pasted
    ready_procurement.description = pasted
    ready_procurement.save()
    lot = ready_procurement.lots.get()
    lot.description = pasted
    lot.save()
    pk = ready_procurement.pk
    for name in ("document_html", "document_docx", "document_pdf"):
        response = logged_in.get(reverse(f"procurement:{name}", args=[pk]))
        assert response.status_code == 200, name
    assert "Rad två" in docx_text(
        logged_in.get(reverse("procurement:document_docx", args=[pk])).content
    )
    publish(ready_procurement)
    feed = client.get(reverse("publication:feed"))
    assert feed.status_code == 200
    import xml.etree.ElementTree as ET

    ET.fromstring(feed.content)  # well-formed XML


def test_the_tender_documents_do_not_query_per_lot(logged_in, ready_procurement, small_network):
    url = reverse("procurement:document_html", args=[ready_procurement.pk])
    few = count_queries(logged_in, url)
    for number in range(2, 7):
        lot = Lot.objects.create(
            procurement=ready_procurement, number=number, title=f"Lot {number}", basis="area"
        )
        lot.units.set(small_network["units"])
        lot.categories.set(small_network["categories"])
        LotRequirement.objects.create(lot=lot, requirement=make_requirement(f"8{number:03d}"))
    assert count_queries(logged_in, url) == few
