"""Tender documents: the .docx is complete and editable, the HTML has the worked example."""

from io import BytesIO

import pytest
from django.urls import reverse
from docx import Document

from beredd.procurement.models import Lot, LotRequirement
from tests.conftest import PASSWORD, text_in_pdf
from tests.test_procurement_support import make_ready_procurement, make_requirement

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
