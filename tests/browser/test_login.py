"""Every role logs in and sees its own menu; the auth pages are accessible, also on phones."""

import re

import pytest
from django.core import mail
from playwright.sync_api import Page

from tests.browser.conftest import assert_accessible, assert_fits_phone, log_in
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)

# Entries each side must see; other apps may add more entries to the menu.
BUYER_MENU = {
    "Beredskapsanalys",
    "Måltidsenheter",
    "Leverantörer",
    "Stresstester",
    "Krav",
    "Upphandlingar",
    "Publicerade upphandlingar",
}
BUYER_ONLY = BUYER_MENU - {"Publicerade upphandlingar"}
SUPPLIER_MENU = {"Publicerade upphandlingar", "Mina bevakningar"}


def _menu(page: Page) -> set[str]:
    links = page.locator("nav[aria-label='Huvudmeny'] a")
    return {text.strip() for text in links.all_inner_texts()}


@pytest.mark.parametrize(
    ("person", "sees", "does_not_see"),
    [
        ("decision_maker", BUYER_MENU | {"Översikt"}, {"Medlemmar", "Mina bevakningar"}),
        ("coordinator", BUYER_MENU, {"Översikt", "Medlemmar", "Mina bevakningar"}),
        ("needs_owner", BUYER_MENU, {"Översikt", "Medlemmar", "Mina bevakningar"}),
        ("procurer", BUYER_MENU, {"Översikt", "Medlemmar", "Mina bevakningar"}),
        ("org_admin", BUYER_MENU | {"Medlemmar"}, {"Översikt", "Mina bevakningar"}),
        ("bid_manager", SUPPLIER_MENU, BUYER_ONLY | {"Översikt", "Medlemmar"}),
    ],
)
def test_each_role_logs_in_and_sees_its_menu(page: Page, request, person, sees, does_not_see):
    user = request.getfixturevalue(person)
    log_in(page, user.username)
    menu = _menu(page)
    assert sees <= menu, f"missing: {sees - menu}"
    assert not menu & does_not_see, f"should not see: {menu & does_not_see}"
    assert user.first_name in page.locator(".who").inner_text()
    assert_accessible(page)


def test_a_supplier_sees_no_buyer_entries_and_a_supplier_lead(page: Page, bid_manager):
    log_in(page, bid_manager.username)
    assert not _menu(page) & BUYER_ONLY
    assert "Som anbudsansvarig" in page.locator("main").inner_text()
    assert "Som beslutsfattare" not in page.locator("main").inner_text()


def test_a_wrong_password_shows_an_error_and_stays_on_the_login_page(page: Page, decision_maker):
    page.goto("/accounts/login/")
    page.fill("input[name=username]", decision_maker.username)
    page.fill("input[name=password]", "fel-losenord")
    page.click("form#login button[type=submit]")
    assert "/accounts/login/" in page.url
    assert page.locator(".errorlist").count() >= 1
    assert_accessible(page)


def test_logging_out_returns_to_the_start_page_as_a_visitor(page: Page, needs_owner):
    log_in(page, needs_owner.username)
    page.get_by_role("button", name="Logga ut").click()
    page.wait_for_load_state()
    assert page.get_by_role("link", name="Logga in").first.is_visible()
    assert "Publicerade upphandlingar" in _menu(page)
    assert not _menu(page) & BUYER_ONLY


def test_the_login_and_password_pages_fit_a_phone_and_pass_axe(phone_page: Page, procurer):
    for path in ("/accounts/login/", "/accounts/password_reset/"):
        phone_page.goto(path)
        assert_accessible(phone_page)
        assert_fits_phone(phone_page)
    log_in(phone_page, procurer.username)
    assert_fits_phone(phone_page)
    phone_page.goto("/accounts/password_change/")
    assert phone_page.locator("h1").inner_text() == "Byt ditt lösenord"
    assert_accessible(phone_page)
    assert_fits_phone(phone_page)
    phone_page.goto("/org/profile/")
    assert_accessible(phone_page)
    assert_fits_phone(phone_page)


def test_a_member_changes_the_password_and_logs_in_with_the_new_one(page: Page, coordinator):
    log_in(page, coordinator.username)
    page.goto("/accounts/password_change/")
    page.fill("input[name=old_password]", PASSWORD)
    page.fill("input[name=new_password1]", "Nytt-krislosen-2026")
    page.fill("input[name=new_password2]", "Nytt-krislosen-2026")
    page.get_by_role("button", name="Byt lösenord").click()
    page.wait_for_url("**/password_change/done/")
    assert_accessible(page)
    page.get_by_role("button", name="Logga ut").click()
    log_in(page, coordinator.username, "Nytt-krislosen-2026")
    assert page.locator(".who").is_visible()


def test_a_forgotten_password_is_reset_by_the_mailed_link(page: Page, decision_maker):
    page.goto("/")
    page.get_by_role("link", name="Logga in").first.click()
    page.get_by_role("link", name="Glömt lösenordet?").click()
    page.get_by_label("E-post").fill(decision_maker.email)
    page.get_by_role("button", name="Skicka länken").click()
    page.wait_for_url("**/password_reset/done/")
    assert_accessible(page)
    page.goto(re.search(r"https?://\S+", mail.outbox[-1].body).group(0))
    assert page.locator("h1").inner_text() == "Välj ett nytt lösenord"
    assert_accessible(page)
    page.fill("input[name=new_password1]", "Aterstallt-i-webblasaren-1")
    page.fill("input[name=new_password2]", "Aterstallt-i-webblasaren-1")
    page.get_by_role("button", name="Spara det nya lösenordet").click()
    page.wait_for_url("**/reset/done/")
    assert_accessible(page)
    log_in(page, decision_maker.username, "Aterstallt-i-webblasaren-1")
    assert page.locator(".who").is_visible()


def test_dead_invitation_and_reset_links_say_what_to_do(page: Page):
    page.goto("/org/invitation/no-such-token/")
    assert page.locator("h1").inner_text() == "Inbjudan är inte giltig"
    assert_accessible(page)
    page.goto("/accounts/reset/MQ/set-password-bad/")
    assert page.locator("h1").inner_text() == "Länken är inte giltig"
    assert_accessible(page)
