"""Browser journey: an anonymous visitor finds a tender and downloads it; a supplier watches it."""

import pytest
from playwright.sync_api import Page, expect

from beredd.procurement.models import Status
from tests.browser.conftest import assert_accessible, assert_fits_phone, log_in
from tests.test_publication_data import add_requirement, make_tender

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def tenders(buyer_org):
    buyer_org.region = "Skåne"
    buyer_org.save()
    bread = make_tender(buyer_org, "Bröd till skolor i Ekby", reserved_for_sme=True)
    add_requirement(bread)
    make_tender(buyer_org, "Fisk till äldreomsorgen", category=("fish", "Fisk"))
    make_tender(buyer_org, "Hemligt bröd i utkast", status=Status.DRAFT)
    return {"bread": bread}


def test_an_anonymous_visitor_finds_a_tender_by_search_and_downloads_the_document(
    page: Page, tenders
):
    page.goto("/tenders/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Publicerade upphandlingar")
    assert_accessible(page)
    page.get_by_label("Sökord").fill("bröd")
    page.get_by_label("Region eller organisation").fill("Skåne")
    page.get_by_label("Bara delområden reserverade för små företag").check()
    page.get_by_role("button", name="Sök", exact=True).click()
    results = page.get_by_role("table")
    expect(results.get_by_role("link", name="Bröd till skolor i Ekby")).to_be_visible()
    expect(results).not_to_contain_text("Fisk till äldreomsorgen")
    expect(page.locator("main")).not_to_contain_text("Hemligt bröd i utkast")
    assert_accessible(page)

    results.get_by_role("link", name="Bröd till skolor i Ekby").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bröd till skolor i Ekby")
    expect(page.locator("main")).to_contain_text("B-STOCK:1")
    expect(page.locator("main")).to_contain_text("Reserverat för små företag")
    assert_accessible(page)
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Förfrågningsunderlag (Word, .docx)").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".docx")
    with open(download.path(), "rb") as handle:
        assert handle.read(2) == b"PK"  # a .docx is a zip archive


def test_the_public_list_and_detail_fit_a_phone(phone_page: Page, tenders):
    phone_page.goto("/tenders/?q=bröd")
    assert_fits_phone(phone_page)
    assert_accessible(phone_page)
    phone_page.goto(f"/tenders/{tenders['bread'].pk}/")
    assert_fits_phone(phone_page)


def test_a_supplier_saves_the_search_and_sees_it_in_the_feed(
    page: Page, bid_manager, buyer_org, tenders
):
    log_in(page, bid_manager.username)
    page.goto("/tenders/?category=bread")
    page.get_by_label("Namn på bevakningen").fill("Bröd i Skåne")
    page.get_by_role("button", name="Spara som bevakning").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mina bevakningar")
    watch = page.get_by_role("region", name="Bröd i Skåne")
    expect(watch.get_by_role("link", name="Bröd till skolor i Ekby")).to_be_visible()
    expect(watch).to_contain_text("1 ny")
    assert_accessible(page)
    page.get_by_role("button", name="Markera alla upphandlingar som sedda").click()
    expect(page.get_by_role("region", name="Bröd i Skåne")).not_to_contain_text("1 ny")

    make_tender(buyer_org, "Nytt bröd till förskolor")
    page.reload()
    watch = page.get_by_role("region", name="Bröd i Skåne")
    expect(
        watch.get_by_role("listitem").filter(has_text="Nytt bröd till förskolor")
    ).to_contain_text("Ny")
    expect(
        watch.get_by_role("listitem").filter(has_text="Bröd till skolor i Ekby")
    ).not_to_contain_text("Ny")
    feed_url = watch.get_by_role("link", name="Flöde för ”Bröd i Skåne” (Atom)").get_attribute(
        "href"
    )

    # Feed readers fetch without the session: a fresh request context has no cookies.
    reader = page.context.browser.new_context(base_url=page.url)
    try:
        response = reader.request.get(feed_url)
        assert response.ok
        feed = response.text()
    finally:
        reader.close()
    assert "Nytt bröd till förskolor" in feed
    assert "Bröd till skolor i Ekby" in feed
    assert "Fisk till äldreomsorgen" not in feed
    assert "Hemligt bröd i utkast" not in feed
