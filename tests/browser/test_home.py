"""The start page greets each role with what to do first, and reads well on a phone."""

import pytest
from playwright.sync_api import Page

from tests.browser.conftest import assert_accessible, assert_fits_phone, log_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_visitor_sees_what_beredd_is_and_how_to_log_in(phone_page: Page):
    phone_page.goto("/")
    assert phone_page.locator("h1").inner_text() == "Beredd"
    assert phone_page.locator("main").get_by_role("link", name="Logga in").is_visible()
    assert_accessible(phone_page)
    assert_fits_phone(phone_page)


@pytest.mark.parametrize(
    ("person", "lead"),
    [
        ("decision_maker", "Som beslutsfattare"),
        ("coordinator", "Som beredskapssamordnare"),
        ("needs_owner", "Som kostchef"),
        ("procurer", "Som upphandlare"),
    ],
)
def test_each_buyer_role_gets_its_own_lead(phone_page: Page, request, person, lead):
    log_in(phone_page, request.getfixturevalue(person).username)
    main = phone_page.locator("main").inner_text()
    assert lead in main
    assert main.count("Som ") == 1  # one role, one lead
    assert_fits_phone(phone_page)


def test_the_phone_menu_opens_and_lists_the_members_page_for_an_admin(phone_page: Page, org_admin):
    log_in(phone_page, org_admin.username)
    members = phone_page.locator("nav[aria-label='Huvudmeny']").get_by_role(
        "link", name="Medlemmar"
    )
    assert not members.is_visible()
    phone_page.get_by_text("Meny", exact=True).click()
    assert members.is_visible()
    assert_accessible(phone_page)
    assert_fits_phone(phone_page)
    members.click()
    phone_page.wait_for_url("**/org/members/")
