"""Browser journeys: tender Q&A without revealing the asker; market dialogue before publication."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from beredd.procurement.models import Status
from tests.browser.conftest import assert_accessible, assert_fits_phone, log_in
from tests.test_publication_data import make_tender

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_supplier_asks_the_buyer_answers_and_anyone_reads_it_without_the_asker(
    page: Page, browser, live_server, bid_manager, procurer, buyer_org
):
    tender = make_tender(buyer_org, "Bröd till skolor")
    log_in(page, bid_manager.username)
    page.goto(f"/tenders/{tender.pk}/")
    page.get_by_role("link", name="Ställ en fråga till köparen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ställ en fråga")
    assert_accessible(page)
    page.get_by_label("Din fråga").fill("Får Gårdsbageriet leverera varannan dag?")
    page.get_by_role("button", name="Skicka frågan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mina frågor")
    expect(page.get_by_role("table")).to_contain_text("Inte besvarad")
    assert_accessible(page)
    page.get_by_role("button", name="Logga ut").click()

    log_in(page, procurer.username)
    page.goto("/dialogue/questions/")
    expect(page.get_by_role("table")).to_contain_text("Gårdsbageriet AB")
    assert_accessible(page)
    page.get_by_role("link", name="Får Gårdsbageriet leverera varannan dag?").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Besvara en fråga")
    assert_accessible(page)
    page.get_by_label("Frågan som den publiceras").fill("Får leverans ske varannan dag?")
    page.get_by_label("Svar", exact=True).fill("Ja, om köken får minst tre leveranser i veckan.")
    page.get_by_label("Publicera fråga och svar för alla (utan vem som frågade)").check()
    page.get_by_role("button", name="Spara svaret").click()
    expect(page.get_by_role("table")).to_contain_text("Svaret publicerat")

    anonymous = browser.new_context(base_url=live_server.url, locale="sv-SE")
    try:
        public = anonymous.new_page()
        public.goto(f"/tenders/{tender.pk}/")
        main = public.locator("main")
        expect(main).to_contain_text("Ja, om köken får minst tre leveranser i veckan.")
        expect(main).to_contain_text("Får leverans ske varannan dag?")
        html = public.content()
        for secret in ("Gårdsbageriet", bid_manager.first_name + " ", "@example.se", "556036"):
            assert secret not in html
        assert_accessible(public)
    finally:
        anonymous.close()


def test_after_the_last_day_for_questions_the_supplier_is_told_clearly(
    phone_page: Page, bid_manager, buyer_org
):
    tender = make_tender(buyer_org, "Mjölk", questions_days=-1)
    log_in(phone_page, bid_manager.username)
    phone_page.goto(f"/dialogue/tender/{tender.pk}/ask/")
    phone_page.get_by_label("Din fråga").fill("Hinner jag fråga?")
    phone_page.get_by_role("button", name="Skicka frågan").click()
    expect(phone_page.locator("main")).to_contain_text("Sista dagen för frågor var")
    assert_accessible(phone_page)
    assert_fits_phone(phone_page)


def test_the_buyer_asks_the_market_and_a_supplier_answers(
    page: Page, bid_manager, procurer, buyer_org
):
    make_tender(buyer_org, "Bröd 2027", status=Status.DRAFT)
    log_in(page, procurer.username)
    page.goto("/dialogue/rfi/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Marknadsdialog")
    assert_accessible(page)
    page.get_by_role("link", name="Ny förfrågan om information").click()
    assert_accessible(page)
    page.get_by_label("Rubrik").fill("Hur stora delområden passar er?")
    page.get_by_label("Frågor till marknaden").fill("Hur många kök kan ni leverera till?")
    deadline = timezone.localdate() + datetime.timedelta(days=7)
    page.get_by_label("Svara senast").fill(deadline.isoformat())
    page.get_by_role("button", name="Skicka till marknaden").click()
    expect(page.locator(".messages")).to_contain_text("öppen för svar")
    page.get_by_role("button", name="Logga ut").click()

    log_in(page, bid_manager.username)
    page.goto("/dialogue/rfi/")
    assert_accessible(page)
    page.get_by_role("link", name="Hur stora delområden passar er?").click()
    assert_accessible(page)
    page.get_by_label("Ditt svar").fill("Tio kök i södra området.")
    page.get_by_role("button", name="Skicka svaret").click()
    expect(page.locator(".messages")).to_contain_text("Tack")
    page.get_by_role("button", name="Logga ut").click()

    log_in(page, procurer.username)
    page.goto("/dialogue/rfi/")
    page.get_by_role("link", name="Hur stora delområden passar er?").click()
    expect(page.locator("main")).to_contain_text("Gårdsbageriet AB")
    expect(page.locator("main")).to_contain_text("Tio kök i södra området.")
    assert_accessible(page)
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Ladda ner svaren (Excel, .xlsx)").click()
    assert download_info.value.suggested_filename.endswith(".xlsx")
