"""A hostile or clumsy user against the network pages: other organisations' ids, odd files,
states the stress-test engine would refuse, and lists that must stay fast with many units."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import Workbook

from beredd.network import services
from beredd.network.export import network_as_dict
from beredd.network.models import (
    FoodCategory,
    ImportBatch,
    MealUnit,
    MenuShare,
    Supplier,
    SupplyAssignment,
)

HEADER = "enhet_id;namn;typ;område;portioner_per_dag;kritikalitet;lägsta_servicenivå;lagerdagar_dry"


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


def upload(client, kind: str, file: SimpleUploadedFile):
    return client.post(reverse("network:import_upload", args=[kind]), {"file": file})


def problems(response) -> list[str]:
    return [str(p) for p in response.context["problems"]]


@pytest.fixture
def owner_client(client, needs_owner, small_network):
    client.force_login(needs_owner)
    return client


@pytest.fixture
def procurer_client(client, procurer, small_network):
    client.force_login(procurer)
    return client


@pytest.fixture
def other_network(other_org) -> dict:
    """The other organisation uses the same codes: codes are per organisation."""
    dry = FoodCategory.objects.create(organisation=other_org, code="dry", name="Torrt")
    unit = MealUnit.objects.create(
        organisation=other_org,
        code="U1",
        name="Ådala skola",
        unit_type="school",
        area="väst",
        portions_per_day=10,
    )
    supplier = Supplier.objects.create(
        organisation=other_org, code="S1", name="Ådala grossist", area="väst", capacity_per_day=9
    )
    return {"category": dry, "unit": unit, "supplier": supplier}


# Other organisations' ids in form fields


def test_a_supplier_of_another_organisation_cannot_be_put_in_a_units_chain(
    client, procurer, small_network, other_network
):
    client.force_login(procurer)
    unit, dry = small_network["units"][0], small_network["categories"][0]
    client.post(
        reverse("network:unit_assignment_add", args=[unit.pk]),
        {"category": dry.pk, "supplier": other_network["supplier"].pk, "rank": 5},
    )
    assert not SupplyAssignment.objects.filter(supplier=other_network["supplier"]).exists()


def test_a_category_of_another_organisation_cannot_be_used_in_a_chain(
    client, procurer, small_network, other_network
):
    client.force_login(procurer)
    supplier = small_network["suppliers"][0]
    client.post(
        reverse("network:supplier_assignments", args=[supplier.pk]),
        {"category": other_network["category"].pk, "rank": 5, "units": [other_network["unit"].pk]},
    )
    client.post(
        reverse("network:unit_assignment_add", args=[small_network["units"][0].pk]),
        {"category": other_network["category"].pk, "supplier": supplier.pk, "rank": 5},
    )
    assert not SupplyAssignment.objects.filter(category=other_network["category"]).exists()


def test_a_needs_owner_cannot_change_who_supplies_a_unit(client, needs_owner, small_network):
    client.force_login(needs_owner)
    unit, dry = small_network["units"][0], small_network["categories"][0]
    assignment = SupplyAssignment.objects.filter(unit=unit).first()
    add = reverse("network:unit_assignment_add", args=[unit.pk])
    assert client.post(add, {"category": dry.pk, "supplier": 1, "rank": 7}).status_code == 403
    remove = reverse("network:assignment_delete", args=[assignment.pk])
    assert client.post(remove).status_code == 403
    assert SupplyAssignment.objects.filter(pk=assignment.pk).exists()


def test_a_deactivated_member_is_logged_out_of_the_network_pages(client, procurer, small_network):
    client.force_login(procurer)
    procurer.is_active = False
    procurer.save()
    response = client.get(reverse("network:supplier_list"))
    assert response.status_code == 302 and "login" in response["Location"]


def test_the_same_ids_as_another_organisation_are_fine_in_an_import(owner_client, other_network):
    text = HEADER + "\nU1;Ekby sjukhus avd 3;vårdavdelning;north;45;1;1;1\nU9;Ny;skola;n;5;2;1;1\n"
    response = upload(owner_client, "units", csv_file(text.encode("utf-8")))
    assert response.status_code == 302, problems(response)
    owner_client.post(response["Location"])
    assert MealUnit.objects.get(code="U1", organisation=other_network["unit"].organisation)
    assert MealUnit.objects.filter(code="U1").count() == 2
    assert other_network["unit"].name == MealUnit.objects.get(pk=other_network["unit"].pk).name


# Files in odd encodings and shapes


def test_a_utf16_csv_as_excel_saves_unicode_text_is_read(owner_client):
    text = HEADER + "\nU3;Åby förskola;förskola;söder;120;2;0,8;2\n"
    response = upload(owner_client, "units", csv_file(text.encode("utf-16")))
    assert response.status_code == 302, problems(response)
    owner_client.post(response["Location"])
    assert MealUnit.objects.get(code="U3").name == "Åby förskola"


def test_a_file_mixing_utf8_and_windows_1252_is_refused_rather_than_garbled(owner_client):
    data = (HEADER + "\nU3;Åby förskola;förskola;söder;120;2;1;2\n").encode("utf-8")
    data += "U4;Älvsby skola;skola;söder;120;2;1;2\n".encode("cp1252")
    response = upload(owner_client, "units", csv_file(data))
    assert response.status_code == 400
    assert "teckenkodning" in " ".join(problems(response))
    assert not MealUnit.objects.filter(code__in=["U3", "U4"]).exists()


def test_a_tab_separated_file_gets_a_clear_message(owner_client):
    text = HEADER.replace(";", "\t") + "\nU3\tA\tskola\tn\t1\t2\t1\t1\n"
    response = upload(owner_client, "units", csv_file(text.encode("utf-8")))
    assert response.status_code == 400
    assert "semikolon" in " ".join(problems(response))


def test_ids_differing_only_in_case_or_spaces_are_duplicates(owner_client):
    text = HEADER + "\nU3;A;skola;n;10;2;1;1\n u3 ;B;skola;n;10;2;1;1\n"
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
    text = f"{HEADER}\nU3;A;skola;n;10;2;1;{cell}\n"
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
    for data in (HEADER.encode("utf-8"), b"\xef\xbb\xbf\r\n"):
        response = upload(owner_client, "units", csv_file(data))
        assert response.status_code == 400, data
        assert problems(response), data
    response = upload(owner_client, "units", csv_file(b""))
    assert response.status_code == 200
    assert response.context["form"].errors["file"] == ["Den skickade filen är tom."]
    assert not ImportBatch.objects.exists()


# Confirming twice, or after the data changed


def test_confirming_the_same_import_twice_saves_it_once(owner_client, needs_owner):
    text = HEADER + "\nU3;A;skola;n;10;2;1;1\n"
    location = upload(owner_client, "units", csv_file(text.encode("utf-8")))["Location"]
    batch = ImportBatch.objects.get()
    assert services.import_commit(batch=batch) == 1
    MealUnit.objects.filter(code="U3").update(name="Ändrad efteråt")
    with pytest.raises(services.ImportFileError):
        services.import_commit(batch=batch)  # a second click that raced past the first
    assert MealUnit.objects.get(code="U3").name == "Ändrad efteråt"
    assert owner_client.post(location).status_code == 404  # not this session's confirmation


def test_a_double_click_on_confirm_lands_on_the_list_with_a_message(owner_client):
    text = HEADER + "\nU3;A;skola;n;10;2;1;1\n"
    location = upload(owner_client, "units", csv_file(text.encode("utf-8")))["Location"]
    assert owner_client.post(location).status_code == 302
    response = owner_client.post(location, follow=True)
    assert response.status_code == 200
    assert "redan bekräftad" in response.content.decode()
    assert MealUnit.objects.filter(code="U3").count() == 1


def test_a_category_deleted_between_preview_and_confirm_is_named_and_nothing_saved(
    owner_client, small_network
):
    text = HEADER + "\nU3;A;skola;n;10;2;1;4\n"
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


# What the UI saves must load in the stress-test engine


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
    text = HEADER + "\nU0;A;skola;n;0;2;1;1\n"
    response = upload(owner_client, "units", csv_file(text.encode("utf-8")))
    assert any("Rad 2" in p and "portioner_per_dag" in p for p in problems(response))
    assert not MealUnit.objects.filter(code="U0").exists()


def test_a_category_spoiling_after_zero_hours_is_refused_as_the_engine_would(owner_client):
    response = owner_client.post(
        reverse("network:category_create"),
        {"code": "ice", "name": "Glass", "cold_hours": "0", "sort_order": "0"},
    )
    assert response.status_code == 200
    assert "cold_hours" in response.context["form"].errors
    assert not FoodCategory.objects.filter(code="ice").exists()


def test_the_network_after_everyday_edits_still_loads_in_the_engine(
    client, coordinator, small_network, buyer_org
):
    """Delete a category in use, add a menu share nobody serves, then follow the unit list."""
    client.force_login(coordinator)
    dry, chilled = small_network["categories"]
    client.post(reverse("network:category_delete", args=[chilled.pk]))
    client.post(
        reverse("network:category_create"),
        {
            "code": "frozen",
            "name": "Fryst",
            "cold_hours": "24",
            "sort_order": "2",
            "normal_share": "0,2",
        },
    )
    listed = client.get(reverse("network:unit_list")).context["uncovered"]
    assert {(u.code, c.code) for u, c in listed} == {("U1", "frozen"), ("U2", "frozen")}
    frozen = FoodCategory.objects.get(code="frozen")
    for unit in small_network["units"]:
        services.assignment_add(
            unit=unit, category=frozen, supplier=small_network["suppliers"][1], rank=0
        )
    from beredd.engine import load_network  # imported here: the engine is heavy to import

    load_network(network_as_dict(buyer_org))


def test_the_unit_list_says_when_there_are_no_food_categories(client, needs_owner, buyer_org):
    client.force_login(needs_owner)
    MealUnit.objects.create(
        organisation=buyer_org,
        code="U1",
        name="A",
        unit_type="school",
        area="n",
        portions_per_day=1,
    )
    response = client.get(reverse("network:unit_list"))
    assert "livsmedelskategori" in response.content.decode()


# Many units: pages, sorting and a constant number of queries


def _bulk_units(organisation, count: int, start: int = 0) -> None:
    MealUnit.objects.bulk_create(
        MealUnit(
            organisation=organisation,
            code=f"B{number:05d}",
            name=f"Kök {number}",
            unit_type="school",
            area=f"område {number % 7}",
            portions_per_day=number + 1,
            criticality=1 + number % 3,
        )
        for number in range(start, start + count)
    )


def test_the_unit_list_shows_a_thousand_units_a_page_at_a_time(client, needs_owner, buyer_org):
    client.force_login(needs_owner)
    _bulk_units(buyer_org, 1001)
    response = client.get(reverse("network:unit_list"), {"area": "område 0"})
    page = response.context["page"]
    assert len(page.object_list) == 100 and page.paginator.count == 143
    assert "area=omr%C3%A5de+0&amp;page=2" in response.content.decode()
    assert "143 enheter" in response.content.decode()
    last = client.get(reverse("network:unit_list"), {"area": "område 0", "page": 2})
    assert last.context["page"].object_list[0].code == "B00700"


def test_the_unit_list_sorts_by_portions_or_criticality(client, needs_owner, buyer_org):
    client.force_login(needs_owner)
    _bulk_units(buyer_org, 30)
    biggest = client.get(reverse("network:unit_list"), {"sort": "-portions_per_day"})
    assert biggest.context["page"].object_list[0].portions_per_day == 30
    critical = client.get(reverse("network:unit_list"), {"sort": "criticality"})
    assert {u.criticality for u in critical.context["page"].object_list[:10]} == {1}


def test_the_list_of_needs_without_a_supplier_says_how_many_more_there_are(
    client, needs_owner, small_network, buyer_org
):
    client.force_login(needs_owner)
    _bulk_units(buyer_org, 25)  # each needs dry and chilled; nobody serves them
    response = client.get(reverse("network:unit_list"))
    assert len(response.context["uncovered"]) == 20
    assert response.context["uncovered_more"] == 30


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    "name", ["network:unit_list", "network:supplier_list", "network:category_list"]
)
def test_list_pages_need_no_more_queries_for_more_rows(
    client, coordinator, small_network, buyer_org, name
):
    client.force_login(coordinator)
    url = reverse(name)
    few = _queries(client, url)
    _bulk_units(buyer_org, 50)
    Supplier.objects.bulk_create(
        Supplier(organisation=buyer_org, code=f"X{n}", name="X", area="n", capacity_per_day=1)
        for n in range(30)
    )
    dry = small_network["categories"][0]
    for number in range(5):
        category = FoodCategory.objects.create(organisation=buyer_org, code=f"c{number}", name="C")
        MenuShare.objects.create(organisation=buyer_org, menu="crisis", category=category, share=0)
    SupplyAssignment.objects.bulk_create(
        SupplyAssignment(organisation=buyer_org, unit=unit, category=dry, supplier=supplier, rank=0)
        for unit, supplier in zip(
            MealUnit.objects.filter(code__startswith="B"),
            Supplier.objects.filter(code__startswith="X"),
            strict=False,
        )
    )
    assert _queries(client, url) == few


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


# Dates of the sources behind supplier values


def test_a_source_dated_in_the_future_is_refused_in_the_form(procurer_client):
    from tests.test_network_suppliers import SUPPLIER_POST

    data = {
        **SUPPLIER_POST,
        "source__fuel_reserve_days": "verified",
        "date__fuel_reserve_days": "2999-01-01",
    }
    response = procurer_client.post(reverse("network:supplier_create"), data)
    assert "date__fuel_reserve_days" in response.context["form"].errors
    assert not Supplier.objects.filter(code=SUPPLIER_POST["code"]).exists()


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


@pytest.mark.parametrize("rank", ["40000", "100000000000000000000"])
def test_an_absurd_rank_is_refused_with_a_message(procurer_client, small_network, rank):
    unit, dry = small_network["units"][0], small_network["categories"][0]
    supplier = Supplier.objects.create(
        organisation=unit.organisation, code="S9", name="Ny", area="n", capacity_per_day=1
    )
    response = procurer_client.post(
        reverse("network:unit_assignment_add", args=[unit.pk]),
        {"category": dry.pk, "supplier": supplier.pk, "rank": rank},
    )
    assert response.status_code == 302
    response = procurer_client.post(
        reverse("network:supplier_assignments", args=[supplier.pk]),
        {"category": dry.pk, "rank": rank, "units": [unit.pk]},
    )
    assert response.status_code == 302
    assert not SupplyAssignment.objects.filter(supplier=supplier).exists()


def test_an_absurd_rank_in_the_assignments_sheet_is_named(procurer_client):
    rows = [["leverantör_id", "namn", "område", "kapacitet_per_dag"], ["S3", "Ny", "n", 10]]
    sheet = [["leverantör_id", "kategori", "enhet_id", "rang"], ["S3", "dry", "U2", 10**20]]
    response = upload(procurer_client, "suppliers", xlsx_file(rows, {"Tilldelningar": sheet}))
    assert response.status_code == 400
    assert any("rad 2" in p and "rang" in p for p in problems(response)), problems(response)


def test_a_utf8_file_with_bom_and_commas_gets_the_semicolon_message(owner_client):
    text = HEADER.replace(";", ",") + "\nU3,A,skola,n,10,2,1,1\n"
    response = upload(owner_client, "units", csv_file(b"\xef\xbb\xbf" + text.encode("utf-8")))
    assert response.status_code == 400
    assert problems(response) == ["Kolumnerna ska skiljas åt med semikolon (;), inte kommatecken."]


def test_a_supplier_serving_many_units_gets_a_page_of_reasonable_size(
    procurer_client, small_network, buyer_org
):
    _bulk_units(buyer_org, 600)
    supplier = small_network["suppliers"][0]
    SupplyAssignment.objects.bulk_create(
        SupplyAssignment(organisation=buyer_org, unit=unit, category=category, supplier=supplier)
        for unit in MealUnit.objects.filter(code__startswith="B")
        for category in small_network["categories"]
    )
    response = procurer_client.get(reverse("network:supplier_detail", args=[supplier.pk]))
    page = response.content.decode()
    assert "avmarkera dem i formuläret nedan" in page
    assert len(response.content) < 300_000, len(response.content)


def test_a_unit_with_an_own_normal_menu_only_is_told_it_has_no_crisis_menu(
    owner_client, small_network
):
    unit = small_network["units"][0]
    unit.menus = {"normal": {"dry": 1.0}}
    unit.save()
    page = owner_client.get(reverse("network:unit_detail", args=[unit.pk])).content.decode()
    assert 'id="no-crisis-menu"' in page
    unit.menus = {"normal": {"dry": 1.0}, "crisis": {"dry": 1.0}}
    unit.save()
    page = owner_client.get(reverse("network:unit_detail", args=[unit.pk])).content.decode()
    assert 'id="no-crisis-menu"' not in page
