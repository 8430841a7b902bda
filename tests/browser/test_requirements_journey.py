"""Browser journey: a procurement officer searches the library, copies and adapts, revises, adds."""

import pytest
from playwright.sync_api import Page, expect

from beredd.requirements.library import load_starter_library
from beredd.requirements.models import Requirement
from tests.browser.conftest import assert_accessible, assert_fits_phone, log_in

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def library(db) -> None:
    # Transactional tests empty the tables afterwards, so the migration's data may be gone.
    load_starter_library()


def test_a_procurement_officer_finds_copies_revises_and_writes_requirements(page: Page, procurer):
    log_in(page, procurer.username)
    page.goto("/requirements/")
    assert_accessible(page)
    page.get_by_label("Sök", exact=True).fill("torrvaror")
    page.get_by_label("Område").select_option("resilience")
    page.get_by_label("Parameter i stresstestet").select_option("yes")
    page.get_by_role("button", name="Visa").click()
    expect(
        page.get_by_role("link", name="Lagerdagar för torrvaror på leverantörens lager")
    ).to_be_visible()
    expect(page.get_by_role("link", name="Uppgift om ordersystem")).to_have_count(0)
    assert_accessible(page)

    page.get_by_role("link", name="Lagerdagar för torrvaror på leverantörens lager").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("B-1003:1")
    assert_accessible(page)
    page.get_by_role("link", name="Kopiera och anpassa").click()
    expect(page.get_by_label("Titel (svenska)")).to_have_value(
        "Lagerdagar för torrvaror på leverantörens lager"
    )
    assert_accessible(page)
    text = page.get_by_label("Text (svenska)")
    text.fill(text.input_value().replace("minst sju dagars", "minst tio dagars"))
    page.get_by_label("Svar: minimum").fill("10")
    page.get_by_role("button", name="Spara").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("EKBY-0001:1")
    expect(page.get_by_text("bygger på", exact=False).first).to_be_visible()
    assert Requirement.objects.get(krav_id="EKBY-0001").answer_min == 10

    page.get_by_role("link", name="Revidera").click()
    assert_accessible(page)
    page.get_by_label("Titel (svenska)").fill("Lagerdagar för torrvaror i Ekby")
    page.get_by_role("button", name="Spara").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("EKBY-0001:2")
    expect(page.get_by_role("heading", name="EKBY-0001:2 jämfört med EKBY-0001:1")).to_be_visible()
    expect(page.locator("ins").first).to_contain_text("Ekby")
    assert_accessible(page)

    page.get_by_role("link", name="Kravbibliotek").click()
    page.get_by_role("link", name="Skriv ett eget krav").click()
    assert_accessible(page)
    page.get_by_label("Titel (svenska)").fill("Leverans till evakueringsplats")
    page.get_by_label("Text (svenska)").fill("Leverantören ska leverera till evakueringsplatsen.")
    page.get_by_label("Titel (engelska)").fill("Delivery to an evacuation site")
    page.get_by_label("Text (engelska)").fill("The supplier shall deliver to the evacuation site.")
    page.get_by_label("Område").select_option("resilience")
    page.get_by_label("Typ", exact=True).select_option("contract_condition")
    page.get_by_label("Kris", exact=True).check()
    page.get_by_label("Svar: namn").fill("Leveranstid")
    page.get_by_label("Svar: typ").select_option("number")
    page.get_by_label("Svar: minimum").fill("24")
    page.get_by_label("Svar: maximum").fill("12")
    page.get_by_role("button", name="Spara").click()
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("Verifieras genom”: välj minst ett sätt att verifiera")
    expect(alert).to_contain_text("får inte vara lägre än minimivärdet")
    assert_accessible(page)
    assert not Requirement.objects.filter(title_sv="Leverans till evakueringsplats").exists()

    page.get_by_label("Övning").check()
    page.get_by_label("Svar: maximum").fill("36")
    page.get_by_role("button", name="Spara").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(
        "EKBY-0002:1 Leverans till evakueringsplats"
    )


def test_the_library_and_a_requirement_fit_a_phone(phone_page: Page, decision_maker):
    log_in(phone_page, decision_maker.username)
    phone_page.goto("/requirements/?all_versions=on")
    assert_fits_phone(phone_page)
    assert_accessible(phone_page)
    expect(phone_page.get_by_role("link", name="Skriv ett eget krav")).to_have_count(0)
    phone_page.get_by_role("link", name="Kontinuitetsplan med konsekvensanalys").click()
    assert_fits_phone(phone_page)
    expect(phone_page.get_by_role("link", name="Kopiera och anpassa")).to_have_count(0)
