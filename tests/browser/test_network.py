"""Browser journeys through the supply network: imports with a preview, every page accessible."""

import pytest
from openpyxl import Workbook
from playwright.sync_api import Page, expect

from beredd.network.models import ImportBatch, MealUnit
from tests.browser.conftest import assert_accessible, assert_fits_phone, log_in

pytestmark = pytest.mark.django_db(transaction=True)


def units_xlsx(path) -> str:
    book = Workbook()
    sheet = book.active
    sheet.append(
        ["enhet_id", "namn", "typ", "område", "portioner_per_dag", "kritikalitet", "lagerdagar_dry"]
    )
    sheet.append(["F1", "Solrosens förskola", "förskola", "north", 80, 3, 2.5])
    sheet.append(["A1", "Ekhagens äldreboende", "äldreomsorg", "south", 120, 1, 4])
    book.save(path)
    return str(path)


def broken_csv(path) -> str:
    text = (
        "enhet_id;namn;typ;område;portioner_per_dag\n"
        "B1;Bra skola;skola;north;50\n"
        "B2;Trasig;rymdstation;north;fem\n"
    )
    path.write_bytes(text.encode("cp1252"))
    return str(path)


def test_a_coordinator_imports_units_from_xlsx_and_a_broken_csv_saves_nothing(
    page: Page, coordinator, small_network, tmp_path
):
    log_in(page, coordinator.username)
    page.goto("/network/")
    assert_accessible(page)
    page.get_by_role("link", name="Importera enheter").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Importera enheter")
    assert_accessible(page)

    page.set_input_files("input[name=file]", units_xlsx(tmp_path / "enheter.xlsx"))
    page.get_by_role("button", name="Granska filen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Granska importen")
    expect(page.locator("#import-summary")).to_contain_text("skapas 2 nya")
    assert_accessible(page)
    assert not MealUnit.objects.filter(code="F1").exists()
    page.get_by_role("button", name="Bekräfta och spara allt").click()
    expect(page.locator(".messages")).to_contain_text("2 rader är importerade")
    expect(page.get_by_role("table").get_by_role("link", name="Solrosens förskola")).to_be_visible()
    assert MealUnit.objects.get(code="A1").stock_days == {"dry": 4}

    page.get_by_role("link", name="Importera enheter").click()
    page.set_input_files("input[name=file]", broken_csv(tmp_path / "trasig.csv"))
    page.get_by_role("button", name="Granska filen").click()
    errors = page.locator("#import-errors")
    expect(errors).to_contain_text("Inget sparades")
    expect(errors).to_contain_text("Rad 3, kolumn typ: okänd enhetstyp ”rymdstation”")
    expect(errors).to_contain_text("Rad 3, kolumn portioner_per_dag: måste vara ett tal")
    assert_accessible(page)
    assert not MealUnit.objects.filter(code="B1").exists()
    assert not ImportBatch.objects.exists()


def test_every_network_page_is_accessible_and_fits_a_phone(
    page: Page, phone_page: Page, org_admin, small_network
):
    unit, supplier = small_network["units"][0], small_network["suppliers"][0]
    category = small_network["categories"][0]
    urls = [
        "/network/",
        f"/network/units/{unit.pk}/",
        "/network/units/new/",
        f"/network/units/{unit.pk}/edit/",
        f"/network/units/{unit.pk}/delete/",
        "/network/categories/",
        "/network/categories/new/",
        f"/network/categories/{category.pk}/edit/",
        f"/network/categories/{category.pk}/delete/",
        "/network/suppliers/",
        f"/network/suppliers/{supplier.pk}/",
        "/network/suppliers/new/",
        f"/network/suppliers/{supplier.pk}/edit/",
        f"/network/suppliers/{supplier.pk}/delete/",
        "/network/suppliers/import/",
    ]
    log_in(page, org_admin.username)
    for url in urls:
        page.goto(url)
        expect(page.locator("h1")).to_have_count(1)
        assert_accessible(page)
    log_in(phone_page, org_admin.username)
    for url in (
        "/network/",
        f"/network/units/{unit.pk}/",
        f"/network/suppliers/{supplier.pk}/edit/",
        "/network/categories/",
    ):
        phone_page.goto(url)
        assert_fits_phone(phone_page)


def test_a_procurer_sets_the_units_a_supplier_serves_in_the_browser(
    page: Page, procurer, small_network
):
    supplier = small_network["suppliers"][1]
    log_in(page, procurer.username)
    page.goto(f"/network/suppliers/{supplier.pk}/")
    page.get_by_label("Livsmedelskategori").select_option(label="Kylvaror")
    page.get_by_label("Rang").fill("3")
    page.get_by_label("Ekby skola (U2)").check()
    page.get_by_role("button", name="Spara enheter").click()
    expect(page.locator(".messages")).to_contain_text("De försörjda enheterna är uppdaterade")
    expect(page.get_by_role("cell", name="Reserv 3")).to_be_visible()
    assert_accessible(page)


def test_a_long_unit_list_is_sorted_and_paged_on_a_phone(phone_page: Page, needs_owner, buyer_org):
    MealUnit.objects.bulk_create(
        MealUnit(
            organisation=buyer_org,
            code=f"K{number:04d}",
            name=f"Kök {number}",
            unit_type="school",
            area="north",
            portions_per_day=number + 1,
        )
        for number in range(150)
    )
    log_in(phone_page, needs_owner.username)
    phone_page.goto("/network/")
    expect(phone_page.locator("#no-categories")).to_be_visible()
    phone_page.get_by_label("Sortera efter").select_option("-portions_per_day")
    phone_page.get_by_role("button", name="Filtrera").click()
    expect(phone_page.locator("tbody tr").first).to_contain_text("Kök 149")
    phone_page.get_by_role("link", name="Nästa sida").click()
    expect(phone_page.get_by_text("Sida 2 av 2")).to_be_visible()
    expect(phone_page.locator("tbody tr")).to_have_count(50)
    expect(phone_page.locator("tbody tr").first).to_contain_text("Kök 49")
    assert_accessible(phone_page)
    assert_fits_phone(phone_page)
