"""Bounded, strict input on the network pages: zip bombs, hidden rows, dates and query ids."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from beredd.network.models import ImportBatch, MealUnit, Supplier


@pytest.fixture
def owner_client(client, needs_owner, small_network):
    client.force_login(needs_owner)
    return client


@pytest.fixture
def procurer_client(client, procurer, small_network):
    client.force_login(procurer)
    return client


def upload(client, kind: str, file: SimpleUploadedFile):
    return client.post(reverse("network:import_upload", args=[kind]), {"file": file})


def problems(response) -> list[str]:
    return [str(p) for p in response.context["problems"]]


UNIT_ROW = ["U9", "Åby förskola", "förskola", "north", 30, 3]
UNIT_HEADER = ["enhet_id", "namn", "typ", "område", "portioner_per_dag", "kritikalitet"]


def _workbook_bytes(rows: list[list]) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _with_member(data: bytes, name: str, content: bytes) -> bytes:
    """The workbook with one zip member replaced (or added)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as target:
        for info in source.infolist():
            if info.filename != name:
                target.writestr(info.filename, source.read(info.filename))
        target.writestr(name, content)
    return buffer.getvalue()


def _sheet(rows_xml: bytes) -> bytes:
    return (
        b'<?xml version="1.0" encoding="UTF-8"?>'
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b"<sheetData>" + rows_xml + b"</sheetData></worksheet>"
    )


def _xlsx(data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile("enheter.xlsx", data)


def test_a_small_xlsx_with_a_million_empty_rows_is_refused_before_it_is_parsed(owner_client):
    header = b'<row r="1"><c r="A1" t="inlineStr"><is><t>enhet_id</t></is></c></row>'
    empty = b"<row/>" * 1_000_000  # row numbers may be left out; each is the next row
    data = _with_member(
        _workbook_bytes([["x"]]), "xl/worksheets/sheet1.xml", _sheet(header + empty)
    )
    assert len(data) < 200_000  # a small upload, far below the 5 MB limit

    response = upload(owner_client, "units", _xlsx(data))

    assert response.status_code == 400
    assert problems(response) == [
        "Bladet har fler än 10001 rader, tomma rader medräknade; ta bort de tomma raderna under "
        "uppgifterna (markera dem, högerklicka, Ta bort) och ladda upp filen igen."
    ]
    assert not ImportBatch.objects.exists()


def test_an_xlsx_that_unpacks_beyond_the_limit_is_refused(owner_client):
    data = _with_member(
        _workbook_bytes([UNIT_HEADER, UNIT_ROW]), "xl/media/big.bin", bytes(31 << 20)
    )

    response = upload(owner_client, "units", _xlsx(data))

    assert problems(response) == [
        "Filen är för stor uppackad: Excel-filer är zip-arkiv, och den här innehåller mer än 30 MB."
    ]
    assert not ImportBatch.objects.exists()


def test_too_many_shared_strings_are_refused(owner_client):
    strings = b"<sst>" + b"<si><t>x</t></si>" * 200_001 + b"</sst>"
    data = _with_member(_workbook_bytes([UNIT_HEADER, UNIT_ROW]), "xl/sharedStrings.xml", strings)

    response = upload(owner_client, "units", _xlsx(data))

    assert problems(response) == [
        "Filen innehåller fler än 200000 olika texter; gränsen är 200000."
    ]


def test_a_hidden_row_is_refused_with_its_row_number_and_nothing_is_saved(owner_client):
    book = Workbook()
    for row in (UNIT_HEADER, UNIT_ROW, ["U10", "Byn skola", "skola", "north", 50, 3]):
        book.active.append(row)
    book.active.row_dimensions[3].hidden = True
    buffer = io.BytesIO()
    book.save(buffer)

    response = upload(owner_client, "units", _xlsx(buffer.getvalue()))

    assert problems(response) == [
        "Bladet Sheet, rad 3 är dold i Excel och skulle importeras osedd; visa raden (eller ta "
        "bort den) och ladda upp filen igen."
    ]
    assert not MealUnit.objects.filter(code__in=["U9", "U10"]).exists()
    assert not ImportBatch.objects.exists()


def test_an_ordinary_xlsx_is_still_read(owner_client):
    response = upload(owner_client, "units", _xlsx(_workbook_bytes([UNIT_HEADER, UNIT_ROW])))

    assert response.status_code == 302
    assert ImportBatch.objects.get().rows[0]["values"]["code"] == "U9"


def test_a_date_with_trailing_text_is_named_by_row_and_column(procurer_client):
    data = (
        "leverantör_id;namn;område;kapacitet_per_dag;källa_kapacitet_per_dag;"
        "datum_kapacitet_per_dag\nS9;Nya grossisten;north;100;verifierad;2026-01-01garbage\n"
    ).encode()

    response = upload(procurer_client, "suppliers", SimpleUploadedFile("leverantorer.csv", data))

    assert problems(response) == [
        "Rad 2, kolumn datum_kapacitet_per_dag: måste vara ett datum skrivet ÅÅÅÅ-MM-DD"
    ]
    assert not Supplier.objects.filter(code="S9").exists()


def test_a_supplier_page_ignores_a_category_filter_that_is_not_an_ascii_number(
    procurer_client, small_network
):
    supplier = Supplier.objects.get(code="S1")
    url = reverse("network:supplier_detail", args=[supplier.pk])
    for value in ("²", "99999999999999999999", "-1", "1e3", " 1"):
        response = procurer_client.get(url, {"category": value, "rank": "0"})
        assert response.status_code == 200, value
        assert response.context["assign_form"].initial == {}, value


def test_a_supplier_page_fills_the_form_from_a_good_category_link(procurer_client, small_network):
    supplier = Supplier.objects.get(code="S1")
    category = small_network["categories"][0]
    url = reverse("network:supplier_detail", args=[supplier.pk])

    response = procurer_client.get(url, {"category": str(category.pk), "rank": "0"})

    assert response.context["assign_form"].initial["category"] == category.pk
    assert response.context["assign_form"].initial["units"]


def test_an_oversized_id_in_a_network_url_is_not_found(procurer_client):
    response = procurer_client.get("/network/suppliers/99999999999999999999/")
    assert response.status_code == 404
