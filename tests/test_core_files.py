"""The shared download helpers: text that stays text in Excel, safe file names, PDF-safe text,
and the brief for decision makers with text pasted from Word."""

import io

import pytest
from django.urls import reverse
from docx import Document
from openpyxl import Workbook, load_workbook

from beredd.core.files import (
    append_text_row,
    docx_response,
    pdf_text,
    plain_text,
    safe_filename,
    xlsx_response,
)
from beredd.network.imports.workbooks import suppliers_workbook
from beredd.readiness.services import activity_create
from tests.conftest import text_in_pdf


def test_a_cell_that_starts_with_an_equals_sign_stays_text_and_control_characters_go():
    book = Workbook()
    append_text_row(book.active, ['=HYPERLINK("http://evil","klick")', "rad\x0bbrytning", 3])
    buffer = io.BytesIO()
    book.save(buffer)
    sheet = load_workbook(buffer).active
    assert sheet["A1"].data_type == "s"
    assert sheet["A1"].value == '=HYPERLINK("http://evil","klick")'
    assert sheet["B1"].value == "radbrytning"
    assert sheet["C1"].value == 3


def test_a_supplier_named_like_a_formula_is_exported_as_text(buyer_org, small_network):
    supplier = small_network["suppliers"][0]
    supplier.name = "=1+1"
    supplier.save()
    sheet = load_workbook(io.BytesIO(suppliers_workbook(buyer_org))).active
    names = [cell for cell in sheet["B"] if cell.value == "=1+1"]
    assert names and names[0].data_type == "s"


def test_the_download_name_has_no_quotes_or_path_and_keeps_its_extension():
    assert safe_filename('../"Kök & mat".XLSX') == "kok-mat.xlsx"
    assert safe_filename("rfi-3-answers.xlsx") == "rfi-3-answers.xlsx"
    response = docx_response(b"x", 'a"b.docx')
    assert response["Content-Disposition"] == 'attachment; filename="ab.docx"'
    assert xlsx_response(b"x", "f.xlsx")["Content-Type"].endswith("spreadsheetml.sheet")


def test_pdf_text_is_latin_1_with_plain_stand_ins_for_other_glyphs():
    assert pdf_text("≥ 3 dygn – “kök” → ö\x0b🍲") == '>= 3 dygn - "kök" -> ö\n?'
    assert plain_text("a\x0bb\x01c") == "a\nbc"


@pytest.mark.django_db
def test_the_brief_docx_survives_a_line_break_pasted_from_word(
    client, buyer_org, coordinator, decision_maker, small_network
):
    activity = activity_create(
        organisation=buyer_org, user=coordinator, name="Kök\x0bmat", units=small_network["units"]
    )
    activity.description = "Första raden\x0bandra raden\x01"
    activity.save()
    client.force_login(decision_maker)
    brief = client.get(reverse("readiness:brief_docx", args=[activity.pk]))
    paragraphs = [p.text for p in Document(io.BytesIO(brief.content)).paragraphs]
    assert "Första raden\nandra raden" in "\n".join(paragraphs)
    pdf = text_in_pdf(client.get(reverse("readiness:brief_pdf", args=[activity.pk])).content)
    assert "Första raden andra raden" in pdf
    response = client.get(reverse("readiness:overview_docx"))
    assert response.status_code == 200
    text = "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)
    assert "Första raden\nandra raden" in text
