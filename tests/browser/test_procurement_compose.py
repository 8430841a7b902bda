"""Browser journey: a buyer composes a procurement with two lots and resilience requirements from
the library and publishes it; every page passes axe, and the lots page fits a phone."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from beredd.procurement.models import Procurement
from beredd.readiness.models import CriticalActivity
from beredd.requirements.library import load_starter_library
from tests.browser.conftest import assert_accessible, assert_fits_phone, log_in
from tests.procurement_data import make_ready_procurement

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def library(db) -> None:
    # Transactional tests empty the tables afterwards, so the migration's data may be gone.
    load_starter_library()


def add_requirement(page: Page, krav_id: str, deduction_sek: str = "") -> None:
    page.get_by_label("Sök", exact=True).fill(krav_id)
    page.get_by_role("button", name="Sök", exact=True).click()
    if deduction_sek:
        page.get_by_label("Avdrag (kr)").fill(deduction_sek)
    page.get_by_role("button", name=f"Lägg till {krav_id}:1").click()
    expect(page.get_by_role("row", name=f"{krav_id}:1").first).to_be_visible()


def fill_general(page: Page) -> None:
    page.get_by_label("Rubrik").fill("Livsmedel till vård och omsorg 2027–2029")
    page.get_by_label("Diarienummer").fill("UH-2026-14")
    page.get_by_label("Bakgrund och omfattning").fill("Maten ska fram även vid strömavbrott.")
    page.get_by_label("Förfarande").select_option("open")
    page.get_by_label("CPV-koder").fill("15000000-8, 15800000")
    page.get_by_label("Uppskattat värde (kr)").fill("12000000")
    page.get_by_label("Avtalsstart").fill("2027-04-01")
    page.get_by_label("Avtalsslut").fill("2029-03-31")


def fill_lot(page: Page, number: str, title: str, category: str) -> None:
    page.get_by_label("Delområdesnummer").fill(number)
    page.get_by_label("Rubrik").fill(title)
    page.get_by_label("Indelning efter").select_option("area")
    page.get_by_label(category, exact=True).check()
    page.get_by_label("Uppskattat värde (kr)").fill("3000000")


def fill_timeline(page: Page, deadline_days: int) -> None:
    today = timezone.localdate()
    deadline = today + timedelta(days=deadline_days)
    page.get_by_label("Publiceringsdatum").fill(today.isoformat())
    page.get_by_label("Sista dag för frågor").fill((today + timedelta(days=5)).isoformat())
    page.get_by_label("Sista anbudsdag").fill(f"{deadline.isoformat()}T12:00")
    page.get_by_label("Anbudsöppning").fill(f"{deadline.isoformat()}T13:00")
    page.get_by_role("button", name="Spara").click()


def test_a_buyer_composes_a_procurement_with_two_lots_and_publishes_it(
    page: Page, procurer, buyer_org, small_network
):
    activity = CriticalActivity.objects.create(organisation=buyer_org, name="Måltider i vården")
    activity.units.set(small_network["units"][:1])
    log_in(page, procurer.username)
    page.goto("/procurement/")
    assert_accessible(page)
    page.get_by_role("link", name="Starta en upphandling för ”Måltider i vården”").click()
    assert_accessible(page)
    fill_general(page)
    page.get_by_role("button", name="Spara").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Nytt delområde")
    expect(page.get_by_label("Ekby sjukhus avd 3 (U1)")).to_be_checked()
    assert_accessible(page)
    fill_lot(page, "1", "Torrvaror, hela kommunen", "Torrvaror")
    page.get_by_role("button", name="Spara delområdet").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Krav i delområde 1.")
    add_requirement(page, "B-1003")
    add_requirement(page, "B-1028")
    add_requirement(page, "B-1006", deduction_sek="150000")
    assert_accessible(page)

    page.get_by_role("link", name="Tillbaka till delområdena").click()
    page.get_by_role("link", name="Lägg till delområde").click()
    fill_lot(page, "2", "Kylvaror, norr", "Kylvaror")
    page.get_by_label("Reserverat för små företag").check()
    page.get_by_label("Lägg också till alla enheter i området").select_option("north")
    page.get_by_role("button", name="Spara delområdet").click()
    add_requirement(page, "B-1012")
    page.get_by_role("link", name="Delområden och krav").click()
    expect(page.get_by_role("row", name="2. Kylvaror, norr")).to_contain_text("Ja")
    assert_accessible(page)

    page.get_by_role("link", name="Utvärderingsmodell").click()
    page.get_by_label("Prisavdragsmodell (mervärdesmodell)").check()
    page.get_by_role("button", name="Spara").click()
    expect(page.get_by_role("row", name="Anbud A")).to_contain_text("9 650 000")
    expect(page.get_by_text("ingen rangordningsvändning")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Scenarier", exact=True).click()
    page.get_by_label("Drivmedelsbrist").check()
    page.get_by_label("Långvarigt strömavbrott (3–7 dygn)").check()
    assert_accessible(page)
    page.get_by_role("button", name="Spara").click()

    page.get_by_role("link", name="Tidplan").click()
    assert_accessible(page)
    fill_timeline(page, deadline_days=20)
    expect(page.get_by_text("Anbudstid: måste vara minst 30 dagar")).to_be_visible()
    assert_accessible(page)
    fill_timeline(page, deadline_days=35)

    expect(page.get_by_text("Allt som behövs för publicering finns på plats.")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Publicera upphandlingen").click()
    expect(page.get_by_text("Upphandlingen är publicerad.")).to_be_visible()
    procurement = Procurement.objects.get()
    assert procurement.status == "published"
    assert procurement.lots.count() == 2

    page.get_by_role("link", name="Förfrågningsunderlaget som webbsida").click()
    expect(page.get_by_role("heading", name="Räkneexempel")).to_be_visible()
    assert_accessible(page)


def test_the_lots_and_the_tender_documents_fit_a_phone(
    phone_page: Page, procurer, buyer_org, small_network
):
    procurement = make_ready_procurement(buyer_org, procurer, small_network)
    log_in(phone_page, procurer.username)
    for url in (
        f"/procurement/{procurement.pk}/lots/",
        f"/procurement/{procurement.pk}/document/",
        "/procurement/",
    ):
        phone_page.goto(url)
        assert_accessible(phone_page)
        assert_fits_phone(phone_page)
