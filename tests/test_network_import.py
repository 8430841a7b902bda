"""Importing units and suppliers from .xlsx and semicolon CSV: preview, errors, all or nothing."""

import io
import re
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from beredd.network import services
from beredd.network.imports.columns import parse_cell
from beredd.network.models import (
    ImportBatch,
    MealUnit,
    Supplier,
    SupplyAssignment,
)

HEADER = (
    "enhet_id;namn;typ;område;portioner_per_dag;kritikalitet;lägsta_servicenivå;"
    "kapacitet_utan_el;lagerdagar_dry"
)


def csv_upload(
    text: str, encoding: str = "cp1252", name: str = "enheter.csv"
) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode(encoding), content_type="text/csv")


def xlsx_bytes(rows: list[list], extra: dict[str, list[list]] | None = None) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    for title, sheet_rows in (extra or {}).items():
        sheet = book.create_sheet(title)
        for row in sheet_rows:
            sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def upload(client, kind: str, file: SimpleUploadedFile):
    return client.post(reverse("network:import_upload", args=[kind]), {"file": file})


def errors_of(response) -> list[str]:
    return [str(p) for p in response.context["problems"]]


def test_a_windows_1252_csv_with_decimal_commas_is_previewed_then_saved(owner_client):
    text = (
        HEADER
        + "\nU3;Åby förskola;förskola;söder;120;2;0,8;0,5;2,5"
        + "\nU1;Ekby sjukhus avd 3;vårdavdelning;north;45;1;1;0,5;1\n"
    )
    response = upload(owner_client, "units", csv_upload(text))
    assert response.status_code == 302
    preview = owner_client.get(response["Location"])
    page = preview.content.decode()
    assert "Om du bekräftar skapas 1 nya och 1 uppdateras." in page
    assert re.search(
        r"<th scope=\"row\">U3</th><td>Åby förskola</td>\s*<td><span[^>]*>Ny</span>", page
    )
    assert re.search(
        r"<th scope=\"row\">U1</th><td>Ekby sjukhus avd 3</td>\s*<td><span[^>]*>Uppdateras<", page
    )
    assert preview.context["creates"] == 1 and preview.context["updates"] == 1
    assert not MealUnit.objects.filter(code="U3").exists(), "nothing is saved before confirming"
    owner_client.post(response["Location"])
    unit = MealUnit.objects.get(code="U3")
    assert (unit.unit_type, unit.area, unit.min_service_level) == ("preschool", "söder", 0.8)
    assert unit.stock_days == {"dry": 2.5}
    assert MealUnit.objects.get(code="U1").portions_per_day == 45
    assert not ImportBatch.objects.exists()


def test_a_utf8_csv_with_bom_and_english_headers_is_accepted(owner_client):
    text = (
        "id;name;type;area;portions_per_day;stock_days_chilled\n"
        "K9;Kitchen;elderly care;east;80;1.5\n"
    )
    response = upload(owner_client, "units", csv_upload(text, "utf-8-sig"))
    owner_client.post(response["Location"])
    unit = MealUnit.objects.get(code="K9")
    assert unit.unit_type == "elderly_care" and unit.stock_days == {"chilled": 1.5}


def test_errors_name_the_row_and_column_in_swedish_and_nothing_is_saved(owner_client):
    text = (
        HEADER
        + "\nU3;A;skola;n;10;2;1;0;1\nU4;B;skola;n;-5;2;1;0;1\nU5;C;rymdstation;n;10;7;1,5;0;x\n"
    )
    response = upload(owner_client, "units", csv_upload(text))
    assert response.status_code == 400
    errors = errors_of(response)
    assert "Rad 3, kolumn portioner_per_dag: måste vara ett heltal ≥ 0" in errors
    assert any(e.startswith("Rad 4, kolumn typ: okänd enhetstyp ”rymdstation”") for e in errors)
    assert any(e.startswith("Rad 4, kolumn kritikalitet:") for e in errors)
    assert any(
        e.startswith("Rad 4, kolumn lägsta_servicenivå: måste vara en andel") for e in errors
    )
    assert any(e.startswith("Rad 4, kolumn lagerdagar_dry: måste vara ett tal") for e in errors)
    assert not MealUnit.objects.filter(code__in=["U3", "U4", "U5"]).exists()
    assert not ImportBatch.objects.exists()


def test_duplicated_ids_in_the_file_are_an_error(owner_client):
    text = HEADER + "\nU3;A;skola;n;10;2;1;0;1\nU3;B;skola;n;10;2;1;0;1\n"
    errors = errors_of(upload(owner_client, "units", csv_upload(text)))
    assert errors == ["Rad 3, kolumn enhet_id: id:t ”U3” finns också på rad 2"]


def test_an_unknown_category_column_is_named(owner_client):
    text = "enhet_id;namn;typ;område;portioner_per_dag;lagerdagar_frukt\nU3;A;skola;n;10;1\n"
    errors = errors_of(upload(owner_client, "units", csv_upload(text)))
    assert len(errors) == 1
    assert "lagerdagar_frukt" in errors[0] and "frukt" in errors[0] and "dry, chilled" in errors[0]


def test_a_missing_required_column_is_named(owner_client):
    errors = errors_of(upload(owner_client, "units", csv_upload("enhet_id;namn\nU3;A\n")))
    assert any("portioner_per_dag" in e for e in errors)
    assert any("typ" in e for e in errors)


def test_a_missing_required_value_is_named(owner_client):
    text = HEADER + "\nU3;;skola;n;10;2;1;0;1\n"
    assert errors_of(upload(owner_client, "units", csv_upload(text))) == [
        "Rad 2, kolumn namn: måste fyllas i"
    ]


def test_comma_separated_files_get_a_clear_message(owner_client):
    errors = errors_of(upload(owner_client, "units", csv_upload("enhet_id,namn\nU3,A\n")))
    assert "semikolon" in errors[0]


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("enheter.csv", b"", "tom"),
        ("enheter.csv", b"   \n", "tom"),
        ("enheter.pdf", b"%PDF-1.4 hello", "Fel filtyp"),
        ("enheter.xlsx", b"PK\x03\x04 not really a zip", "Excel"),
        ("enheter.xlsx", b"\x89PNG\r\n\x1a\n\x00\x00", "Excel"),
        ("enheter.csv", b"\x00\x01\x02\xff\xfe garbage", "textfil"),
        ("enheter.csv", b"enhet_id;namn\n", "inga rader"),
    ],
)
def test_broken_files_get_a_clear_error_and_nothing_is_saved(owner_client, name, content, expected):
    before = MealUnit.objects.count()
    response = upload(owner_client, "units", SimpleUploadedFile(name, content))
    if not content:
        # Django's FileField refuses an empty upload before our reader sees it.
        assert response.status_code == 200 and response.context["form"].errors
        return
    assert response.status_code == 400
    assert any(expected in e for e in errors_of(response)), errors_of(response)
    assert MealUnit.objects.count() == before


@override_settings(IMPORT_MAX_BYTES=100)
def test_a_file_above_the_size_limit_is_refused(owner_client):
    text = HEADER + "\n" + "U3;A;skola;n;10;2;1;0;1\n" * 10
    errors = errors_of(upload(owner_client, "units", csv_upload(text)))
    assert "för stor" in errors[0]


@override_settings(IMPORT_MAX_ROWS=3)
def test_a_file_with_too_many_rows_is_refused(owner_client):
    rows = "".join(f"X{i};A;skola;n;10;2;1;0;1\n" for i in range(5))
    errors = errors_of(upload(owner_client, "units", csv_upload(HEADER + "\n" + rows)))
    assert "för många rader" in errors[0] and "3" in errors[0]


def test_an_xlsx_export_imports_back_unchanged(owner_client, small_network):
    before = {
        u.code: (u.name, u.unit_type, u.stock_days, u.capacity_without_power)
        for u in MealUnit.objects.all()
    }
    exported = owner_client.get(reverse("network:export", args=["units"])).content
    response = upload(owner_client, "units", SimpleUploadedFile("enheter.xlsx", exported))
    assert response.status_code == 302, errors_of(response)
    assert owner_client.get(response["Location"]).context["updates"] == 2
    owner_client.post(response["Location"])
    after = {
        u.code: (u.name, u.unit_type, u.stock_days, u.capacity_without_power)
        for u in MealUnit.objects.all()
    }
    assert after == before


def test_the_template_has_every_column_and_a_category_column_each(owner_client):
    content = owner_client.get(reverse("network:template", args=["units"])).content
    headers = [
        c.value for c in next(load_workbook(io.BytesIO(content)).active.iter_rows(max_row=1))
    ]
    assert headers[:5] == ["enhet_id", "namn", "typ", "område", "portioner_per_dag"]
    assert "lagerdagar_dry" in headers and "lagerdagar_chilled" in headers
    assert "mtpd_dagar" in headers and "personalreserv" in headers


def test_confirming_rechecks_the_rows_and_saves_nothing_if_one_fails(owner_client, needs_owner):
    text = HEADER + "\nU3;A;skola;n;10;2;1;0;1\nU4;B;skola;n;10;2;1;0;1\n"
    location = upload(owner_client, "units", csv_upload(text))["Location"]
    batch = ImportBatch.objects.get()
    batch.rows[1]["values"]["min_service_level"] = 7  # as if the rules changed since the preview
    batch.save()
    owner_client.post(location)
    assert not MealUnit.objects.filter(code__in=["U3", "U4"]).exists()


def test_cancelling_a_preview_saves_nothing(owner_client):
    location = upload(owner_client, "units", csv_upload(HEADER + "\nU3;A;skola;n;10;2;1;0;1\n"))[
        "Location"
    ]
    batch = ImportBatch.objects.get()
    owner_client.post(reverse("network:import_discard", args=[batch.pk]))
    assert not ImportBatch.objects.exists() and not MealUnit.objects.filter(code="U3").exists()
    assert owner_client.get(location).status_code == 404


def test_suppliers_import_with_sources_and_assignments(procurer_client, small_network):
    rows = [
        [
            "leverantör_id",
            "namn",
            "område",
            "kapacitet_per_dag",
            "prioriterar_kritiska",
            "lagerdagar_dry",
            "importandel_dry",
            "källa_kapacitet_per_dag",
            "datum_kapacitet_per_dag",
            "källa_lagerdagar_dry",
        ],
        [
            "S3",
            "Nya Grossisten",
            "söder",
            "1200,5",
            "ja",
            7,
            0.25,
            "verifierad",
            "2026-10-01",
            "deklarerad",
        ],
    ]
    assignments = [
        ["leverantör_id", "kategori", "enhet_id", "rang"],
        ["S3", "dry", "U1", 0],
        ["S1", "dry", "U1", 1],
    ]
    content = xlsx_bytes(rows, {"Tilldelningar": assignments})
    response = upload(procurer_client, "suppliers", SimpleUploadedFile("lev.xlsx", content))
    assert response.status_code == 302, errors_of(response)
    procurer_client.post(response["Location"])
    supplier = Supplier.objects.get(code="S3")
    assert supplier.capacity_per_day == 1200.5 and supplier.prioritises_critical
    assert supplier.stock_days == {"dry": 7} and supplier.import_share == {"dry": 0.25}
    assert supplier.provenance["capacity_per_day"] == {"source": "verified", "date": "2026-10-01"}
    assert supplier.provenance["stock_days.dry"]["source"] == "declared"
    chain = SupplyAssignment.objects.filter(unit__code="U1", category__code="dry").order_by("rank")
    assert [a.supplier.code for a in chain] == ["S3", "S1"]
    chilled = SupplyAssignment.objects.filter(unit__code="U1", category__code="chilled")
    assert chilled.count() == 2, "chains the sheet does not name stay as they were"


def test_supplier_assignments_naming_unknown_units_are_refused(procurer_client):
    rows = [["leverantör_id", "namn", "område", "kapacitet_per_dag"], ["S3", "N", "s", 10]]
    assignments = [
        ["leverantör_id", "kategori", "enhet_id", "rang"],
        ["S3", "dry", "U99", 0],
        ["S3", "dry", "U1", "x"],
    ]
    content = xlsx_bytes(rows, {"Tilldelningar": assignments})
    errors = errors_of(
        upload(procurer_client, "suppliers", SimpleUploadedFile("lev.xlsx", content))
    )
    assert any("rad 2" in e.lower() and "U99" in e for e in errors), errors
    assert any("rad 3" in e.lower() and "rang" in e for e in errors), errors
    assert not Supplier.objects.filter(code="S3").exists()


def test_a_share_above_one_for_a_supplier_is_refused(procurer_client):
    text = "leverantör_id;namn;område;kapacitet_per_dag;importandel_dry\nS3;N;s;10;1,5\n"
    errors = errors_of(upload(procurer_client, "suppliers", csv_upload(text, name="lev.csv")))
    assert errors[0].startswith("Rad 2, kolumn importandel_dry: måste vara en andel")


def test_the_supplier_export_imports_back_unchanged(procurer_client, small_network):
    supplier = small_network["suppliers"][0]
    supplier.provenance = {"capacity_per_day": {"source": "verified", "date": "2026-09-01"}}
    supplier.save()

    def fields(s: Supplier) -> tuple:
        return (s.name, s.capacity_per_day, s.stock_days, s.prioritises_critical, s.provenance)

    before = {s.code: fields(s) for s in Supplier.objects.all()}
    chains = sorted(
        SupplyAssignment.objects.values_list(
            "unit__code", "category__code", "supplier__code", "rank"
        )
    )
    exported = procurer_client.get(reverse("network:export", args=["suppliers"])).content
    book = load_workbook(io.BytesIO(exported))
    assert book.sheetnames == ["Leverantörer", "Tilldelningar"]
    response = upload(procurer_client, "suppliers", SimpleUploadedFile("lev.xlsx", exported))
    assert response.status_code == 302, errors_of(response)
    procurer_client.post(response["Location"])
    assert {s.code: fields(s) for s in Supplier.objects.all()} == before
    assert (
        sorted(
            SupplyAssignment.objects.values_list(
                "unit__code", "category__code", "supplier__code", "rank"
            )
        )
        == chains
    )


def test_a_zip_file_that_is_not_a_workbook_is_refused(owner_client):
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    response = upload(owner_client, "units", SimpleUploadedFile("enheter.xlsx", buffer.getvalue()))
    assert errors_of(response) == ["Filen är inte en läsbar Excelfil (.xlsx)."]


def test_xlsx_errors_name_the_row_as_excel_shows_it(owner_client):
    rows = [
        ["enhet_id", "namn", "typ", "område", "portioner_per_dag"],
        ["U3", "A", "skola", "n", 10],
        [None, None, None, None, None],
        ["U4", "B", "skola", "n", 12.5],
    ]
    content = xlsx_bytes(rows)
    errors = errors_of(upload(owner_client, "units", SimpleUploadedFile("e.xlsx", content)))
    assert errors == ["Rad 4, kolumn portioner_per_dag: måste vara ett heltal ≥ 0"]


def test_an_unknown_column_is_refused_rather_than_ignored(owner_client):
    text = "enhet_id;namn;typ;område;portioner_per_dag;kommentar\nU3;A;skola;n;10;hej\n"
    errors = errors_of(upload(owner_client, "units", csv_upload(text)))
    assert errors == ["Kolumnen kommentar är inte en känd kolumn."]


def test_errors_are_in_english_for_english_users(owner_client):
    owner_client.cookies["django_language"] = "en"
    text = HEADER + "\nU3;A;skola;n;-1;2;1;0;1\n"
    response = owner_client.post(
        reverse("network:import_upload", args=["units"]),
        {"file": csv_upload(text)},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert errors_of(response) == ["Row 2, column portioner_per_dag: must be a whole number ≥ 0"]


@given(st.decimals(min_value=0, max_value=10**6, places=3, allow_nan=False))
def test_decimal_comma_and_point_read_the_same_number(value):
    text = f"{value:f}"
    assert (
        parse_cell("number", text) == parse_cell("number", text.replace(".", ",")) == float(value)
    )


def test_own_menus_import_and_round_trip(owner_client, small_network):
    text = (
        "enhet_id;namn;typ;område;portioner_per_dag;egen_normalmeny_dry;egen_krismeny_dry\n"
        "U3;A;vårdavdelning;n;10;1;1\nU4;B;skola;n;10;;\n"
    )
    owner_client.post(upload(owner_client, "units", csv_upload(text))["Location"])
    assert MealUnit.objects.get(code="U3").menus == {"normal": {"dry": 1}, "crisis": {"dry": 1}}
    assert MealUnit.objects.get(code="U4").menus == {}
    exported = owner_client.get(reverse("network:export", args=["units"])).content
    response = upload(owner_client, "units", SimpleUploadedFile("e.xlsx", exported))
    owner_client.post(response["Location"])
    assert MealUnit.objects.get(code="U3").menus == {"normal": {"dry": 1}, "crisis": {"dry": 1}}


def test_an_own_crisis_menu_alone_is_refused_on_import(owner_client):
    text = "enhet_id;namn;typ;område;portioner_per_dag;egen_krismeny_dry\nU3;A;skola;n;10;1\n"
    errors = errors_of(upload(owner_client, "units", csv_upload(text)))
    assert errors == ["Rad 2: En egen meny behöver en normalmeny med minst en andel över 0."]


def test_a_new_upload_replaces_the_persons_pending_import_and_clears_stale_ones(
    owner_client, needs_owner, coordinator
):
    import datetime

    from django.utils import timezone

    stale = ImportBatch.objects.create(
        organisation=coordinator.organisation, created_by=coordinator, kind="units", filename="x"
    )
    ImportBatch.objects.filter(pk=stale.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=2)
    )
    upload(owner_client, "units", csv_upload(HEADER + "\nU3;A;skola;n;10;2;1;0;1\n"))
    upload(owner_client, "units", csv_upload(HEADER + "\nU4;A;skola;n;10;2;1;0;1\n"))
    batches = list(ImportBatch.objects.all())
    assert len(batches) == 1 and batches[0].rows[0]["values"]["code"] == "U4"


def test_column_and_cell_errors_are_reported_together(owner_client):
    text = "enhet_id;namn;typ;område;portioner_per_dag;lagerdagar_torr\nX2;T;rymdstation;n;fem;1\n"
    errors = errors_of(upload(owner_client, "units", csv_upload(text)))
    assert len(errors) == 3
    assert errors[0].startswith("Kolumn lagerdagar_torr: okänd livsmedelskategori ”torr”")
    assert errors[1].startswith("Rad 2, kolumn typ:")
    assert errors[2].startswith("Rad 2, kolumn portioner_per_dag:")


def test_a_confirmed_import_writes_one_history_entry_per_row_by_the_person_who_confirmed(
    owner_client, needs_owner
):
    text = (
        HEADER
        + "\nU3;Åby förskola;förskola;söder;120;2;0,8;0,5;2,5"
        + "\nU1;Ekby sjukhus avd 3;vårdavdelning;north;45;1;1;0,5;1\n"
    )
    preview_url = upload(owner_client, "units", csv_upload(text))["Location"]
    before = MealUnit.objects.get(code="U1").updated_at

    owner_client.post(preview_url)

    created = MealUnit.history.filter(code="U3").get()
    updated = MealUnit.history.filter(code="U1").order_by("-history_date").first()
    assert (created.history_type, created.history_user) == ("+", needs_owner)
    assert (updated.history_type, updated.history_user) == ("~", needs_owner)
    assert updated.portions_per_day == 45
    assert MealUnit.objects.get(code="U1").updated_at > before


def test_a_unit_saved_by_someone_else_while_the_rows_are_checked_stops_the_confirm(
    owner_client, buyer_org, monkeypatch
):
    text = HEADER + "\nU3;Åby förskola;förskola;söder;120;2;0,8;0,5;2,5\n"
    preview_url = upload(owner_client, "units", csv_upload(text))["Location"]
    check_rows = services.stage

    def check_then_another_person_saves(*args):
        staged = check_rows(*args)
        MealUnit.objects.create(
            organisation=buyer_org,
            code="U3",
            name="Annan",
            unit_type="school",
            area="x",
            portions_per_day=5,
        )
        return staged

    monkeypatch.setattr(services, "stage", check_then_another_person_saves)

    response = owner_client.post(preview_url, follow=True)

    assert [str(m) for m in response.context["messages"]] == [
        "Enheterna, leverantörerna eller livsmedelskategorierna ändrades av någon annan medan "
        "du tittade på förhandsvisningen; inget sparades. Ladda upp filen igen."
    ]
    assert MealUnit.objects.get(code="U3").name == "Annan"
    assert ImportBatch.objects.exists(), "nothing of the confirm was kept, the batch included"


# Odd files, numbers people write and other organisations' ids


SHORT_HEADER = (
    "enhet_id;namn;typ;område;portioner_per_dag;kritikalitet;lägsta_servicenivå;lagerdagar_dry"
)


def csv_file(data: bytes, name: str = "enheter.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="text/csv")


def xlsx_file(rows: list[list], extra: dict[str, list[list]] | None = None) -> SimpleUploadedFile:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    for title, sheet_rows in (extra or {}).items():
        sheet = book.create_sheet(title)
        for row in sheet_rows:
            sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile("fil.xlsx", buffer.getvalue())


def problems(response) -> list[str]:
    return [str(p) for p in response.context["problems"]]


def test_the_same_ids_as_another_organisation_are_fine_in_an_import(owner_client, other_network):
    text = (
        SHORT_HEADER
        + "\nU1;Ekby sjukhus avd 3;vårdavdelning;north;45;1;1;1\nU9;Ny;skola;n;5;2;1;1\n"
    )
    response = upload(owner_client, "units", csv_file(text.encode("utf-8")))
    assert response.status_code == 302, problems(response)
    owner_client.post(response["Location"])
    assert MealUnit.objects.get(code="U1", organisation=other_network["unit"].organisation)
    assert MealUnit.objects.filter(code="U1").count() == 2
    assert other_network["unit"].name == MealUnit.objects.get(pk=other_network["unit"].pk).name


def test_a_utf16_csv_as_excel_saves_unicode_text_is_read(owner_client):
    text = SHORT_HEADER + "\nU3;Åby förskola;förskola;söder;120;2;0,8;2\n"
    response = upload(owner_client, "units", csv_file(text.encode("utf-16")))
    assert response.status_code == 302, problems(response)
    owner_client.post(response["Location"])
    assert MealUnit.objects.get(code="U3").name == "Åby förskola"


def test_a_file_mixing_utf8_and_windows_1252_is_refused_rather_than_garbled(owner_client):
    data = (SHORT_HEADER + "\nU3;Åby förskola;förskola;söder;120;2;1;2\n").encode("utf-8")
    data += "U4;Älvsby skola;skola;söder;120;2;1;2\n".encode("cp1252")
    response = upload(owner_client, "units", csv_file(data))
    assert response.status_code == 400
    assert "teckenkodning" in " ".join(problems(response))
    assert not MealUnit.objects.filter(code__in=["U3", "U4"]).exists()


def test_a_tab_separated_file_gets_a_clear_message(owner_client):
    text = SHORT_HEADER.replace(";", "\t") + "\nU3\tA\tskola\tn\t1\t2\t1\t1\n"
    response = upload(owner_client, "units", csv_file(text.encode("utf-8")))
    assert response.status_code == 400
    assert "semikolon" in " ".join(problems(response))


def test_ids_differing_only_in_case_or_spaces_are_duplicates(owner_client):
    text = SHORT_HEADER + "\nU3;A;skola;n;10;2;1;1\n u3 ;B;skola;n;10;2;1;1\n"
    response = upload(owner_client, "units", csv_file(text.encode("utf-8")))
    assert response.status_code == 400
    assert any("Rad 3" in p and "enhet_id" in p for p in problems(response)), problems(response)


@pytest.mark.parametrize(
    ("cell", "expected"),
    [("1 000", 1000), ("1\u00a0000,5", 1000.5), ("50 %", 0.5), ("50%", 0.5)],
)
def test_numbers_as_people_write_them_are_read(owner_client, cell, expected):
    column = "lägsta_servicenivå" if "%" in cell else "lagerdagar_dry"
    header = "enhet_id;namn;typ;område;portioner_per_dag;" + column
    text = f"{header}\nU3;A;skola;n;10;{cell}\n"
    response = upload(owner_client, "units", csv_file(text.encode("utf-8")))
    assert response.status_code == 302, problems(response)
    owner_client.post(response["Location"])
    unit = MealUnit.objects.get(code="U3")
    value = unit.min_service_level if "%" in cell else unit.stock_days["dry"]
    assert value == expected


@pytest.mark.parametrize(
    ("cell", "message"),
    [
        ("\u22123", "≥ 0"),
        ("-3", "≥ 0"),
        ("NaN", "≥ 0"),
        ("inf", "≥ 0"),
        ("1.000,5", "tal"),
        ("2026-01-01", "tal"),
    ],
)
def test_bad_numbers_are_named_by_row_and_column(owner_client, cell, message):
    text = f"{SHORT_HEADER}\nU3;A;skola;n;10;2;1;{cell}\n"
    response = upload(owner_client, "units", csv_file(text.encode("utf-8")))
    assert response.status_code == 400
    found = problems(response)
    assert any("Rad 2" in p and "lagerdagar_dry" in p and message in p for p in found), found


def test_an_xlsx_date_in_a_number_column_is_named(owner_client):
    import datetime

    rows = [
        ["enhet_id", "namn", "typ", "område", "portioner_per_dag", "lagerdagar_dry"],
        ["U3", "A", "skola", "n", 10, datetime.datetime(2026, 1, 2)],
    ]
    response = upload(owner_client, "units", xlsx_file(rows))
    assert response.status_code == 400
    assert any("Rad 2" in p and "lagerdagar_dry" in p for p in problems(response))


def test_an_xlsx_formula_without_a_stored_value_is_named_not_saved_as_empty(owner_client):
    rows = [
        ["enhet_id", "namn", "typ", "område", "portioner_per_dag"],
        ["U3", "A", "skola", "n", "=2*5"],
    ]
    response = upload(owner_client, "units", xlsx_file(rows))
    assert response.status_code == 400
    assert any("Rad 2" in p and "portioner_per_dag" in p for p in problems(response))


def test_a_header_only_file_and_an_empty_file_are_refused(owner_client):
    for data in (SHORT_HEADER.encode("utf-8"), b"\xef\xbb\xbf\r\n"):
        response = upload(owner_client, "units", csv_file(data))
        assert response.status_code == 400, data
        assert problems(response), data
    response = upload(owner_client, "units", csv_file(b""))
    assert response.status_code == 200
    assert response.context["form"].errors["file"] == ["Den skickade filen är tom."]
    assert not ImportBatch.objects.exists()


def test_a_unit_with_zero_portions_is_refused_as_the_engine_would(owner_client):
    response = owner_client.post(
        reverse("network:unit_create"),
        {
            "code": "U0",
            "name": "Tom",
            "unit_type": "school",
            "area": "n",
            "portions_per_day": "0",
            "criticality": "3",
            "min_service_level": "1",
            "backup_power_hours": "0",
            "capacity_without_power": "0",
            "capacity_without_water": "0",
            "staff_reserve": "0",
        },
    )
    assert response.status_code == 200
    assert "portions_per_day" in response.context["form"].errors
    text = SHORT_HEADER + "\nU0;A;skola;n;0;2;1;1\n"
    response = upload(owner_client, "units", csv_file(text.encode("utf-8")))
    assert any("Rad 2" in p and "portioner_per_dag" in p for p in problems(response))
    assert not MealUnit.objects.filter(code="U0").exists()


def test_merged_cells_in_an_xlsx_are_named_rather_than_saved_empty(owner_client):
    rows = [
        ["enhet_id", "namn", "typ", "område", "portioner_per_dag"],
        ["U3", "A", "skola", "Norr", 10],
        ["U4", "B", "skola", None, 10],
    ]
    file = xlsx_file(rows)
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(file.read()))
    book.active.merge_cells("D2:D3")
    buffer = io.BytesIO()
    book.save(buffer)
    response = upload(owner_client, "units", SimpleUploadedFile("m.xlsx", buffer.getvalue()))
    assert response.status_code == 400
    assert any("Rad 3" in p and "område" in p for p in problems(response)), problems(response)


def test_a_workbook_whose_first_sheet_is_not_the_data_says_which_sheet_it_read(owner_client):
    book = Workbook()
    book.active.title = "Instruktioner"
    book.active.append(["Fyll i fliken Enheter"])
    book.active.append(["En rad per kök"])
    sheet = book.create_sheet("Enheter")
    sheet.append(["enhet_id", "namn", "typ", "område", "portioner_per_dag"])
    sheet.append(["U3", "A", "skola", "n", 10])
    buffer = io.BytesIO()
    book.save(buffer)
    response = upload(owner_client, "units", SimpleUploadedFile("i.xlsx", buffer.getvalue()))
    assert response.status_code == 400
    assert any("Instruktioner" in p for p in problems(response)), problems(response)


def test_a_source_dated_in_the_future_is_named_in_an_import(procurer_client):
    rows = [
        ["leverantör_id", "namn", "område", "kapacitet_per_dag", "källa_kapacitet_per_dag"],
        ["S3", "Ny", "n", 10, "verifierad"],
    ]
    rows[0].append("datum_kapacitet_per_dag")
    rows[1].append("2999-01-01")
    response = upload(procurer_client, "suppliers", xlsx_file(rows))
    assert response.status_code == 400
    found = problems(response)
    assert any("Rad 2" in p and "datum_kapacitet_per_dag" in p for p in found), found


def test_an_absurd_rank_in_the_assignments_sheet_is_named(procurer_client):
    rows = [["leverantör_id", "namn", "område", "kapacitet_per_dag"], ["S3", "Ny", "n", 10]]
    sheet = [["leverantör_id", "kategori", "enhet_id", "rang"], ["S3", "dry", "U2", 10**20]]
    response = upload(procurer_client, "suppliers", xlsx_file(rows, {"Tilldelningar": sheet}))
    assert response.status_code == 400
    assert any("rad 2" in p and "rang" in p for p in problems(response)), problems(response)


def test_a_utf8_file_with_bom_and_commas_gets_the_semicolon_message(owner_client):
    text = SHORT_HEADER.replace(";", ",") + "\nU3,A,skola,n,10,2,1,1\n"
    response = upload(owner_client, "units", csv_file(b"\xef\xbb\xbf" + text.encode("utf-8")))
    assert response.status_code == 400
    assert problems(response) == ["Kolumnerna ska skiljas åt med semikolon (;), inte kommatecken."]


# Confirming twice or after a change


def test_confirming_the_same_import_twice_saves_it_once(owner_client, needs_owner):
    text = SHORT_HEADER + "\nU3;A;skola;n;10;2;1;1\n"
    location = upload(owner_client, "units", csv_file(text.encode("utf-8")))["Location"]
    batch = ImportBatch.objects.get()
    assert services.import_commit(batch=batch) == 1
    MealUnit.objects.filter(code="U3").update(name="Ändrad efteråt")
    with pytest.raises(services.ImportFileError):
        services.import_commit(batch=batch)  # a second click that raced past the first
    assert MealUnit.objects.get(code="U3").name == "Ändrad efteråt"
    assert owner_client.post(location).status_code == 404  # not this session's confirmation


def test_a_double_click_on_confirm_lands_on_the_list_with_a_message(owner_client):
    text = SHORT_HEADER + "\nU3;A;skola;n;10;2;1;1\n"
    location = upload(owner_client, "units", csv_file(text.encode("utf-8")))["Location"]
    assert owner_client.post(location).status_code == 302
    response = owner_client.post(location, follow=True)
    assert response.status_code == 200
    assert "redan bekräftad" in response.content.decode()
    assert MealUnit.objects.filter(code="U3").count() == 1


def test_a_category_deleted_between_preview_and_confirm_is_named_and_nothing_saved(
    owner_client, small_network
):
    text = SHORT_HEADER + "\nU3;A;skola;n;10;2;1;4\n"
    location = upload(owner_client, "units", csv_file(text.encode("utf-8")))["Location"]
    services.category_delete(category=small_network["categories"][0])
    response = owner_client.post(location, follow=True)
    assert not MealUnit.objects.filter(code="U3").exists()
    assert "dry" in response.content.decode()


def test_a_unit_deleted_between_preview_and_confirm_of_supplier_assignments_is_named(
    procurer_client, small_network
):
    rows = [["leverantör_id", "namn", "område", "kapacitet_per_dag"], ["S3", "Ny", "n", 10]]
    sheet = [["leverantör_id", "kategori", "enhet_id", "rang"], ["S3", "dry", "U2", 0]]
    response = upload(procurer_client, "suppliers", xlsx_file(rows, {"Tilldelningar": sheet}))
    assert response.status_code == 302, problems(response)
    small_network["units"][1].delete()
    response = procurer_client.post(response["Location"], follow=True)
    assert response.status_code == 200
    assert "U2" in response.content.decode()
    assert not Supplier.objects.filter(code="S3").exists()


# Absurd values


def test_an_absurd_supplier_value_in_an_import_is_named_by_row_and_column(procurer_client):
    rows = [
        ["leverantör_id", "namn", "område", "kapacitet_per_dag", "återhämtning_dagar"],
        ["S3", "Ny", "n", 10, 1e30],
        ["S4", "Stor", "n", 1e30, 1],
    ]
    response = upload(procurer_client, "suppliers", xlsx_file(rows))
    assert response.status_code == 400
    found = problems(response)
    assert any("Rad 2" in p and "återhämtning_dagar" in p for p in found), found
    assert any("Rad 3" in p and "kapacitet_per_dag" in p for p in found), found
    assert not Supplier.objects.filter(code__in=["S3", "S4"]).exists()


@pytest.mark.parametrize(
    ("column", "cell"),
    [("portioner_per_dag", "1000000000"), ("lagerdagar_dry", "1e30"), ("personalreserv", "50")],
)
def test_an_absurd_unit_value_in_an_import_is_named_by_row_and_column(owner_client, column, cell):
    header = "enhet_id;namn;typ;område;portioner_per_dag"
    values = "U3;A;skola;n;10"
    if column == "portioner_per_dag":
        values = "U3;A;skola;n;" + cell
    else:
        header, values = f"{header};{column}", f"{values};{cell}"
    response = upload(owner_client, "units", csv_file(f"{header}\n{values}\n".encode()))
    assert response.status_code == 400
    found = problems(response)
    assert any("Rad 2" in p and column in p for p in found), found
    assert not MealUnit.objects.filter(code="U3").exists()


# Bounded input: zip bombs, hidden rows, dates


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
