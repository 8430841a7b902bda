"""Swedish by default; a visitor switches to English and back, and the choice follows them."""

import pytest
from playwright.sync_api import Page

from tests.browser.conftest import assert_accessible, log_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_visitor_switches_from_swedish_to_english_and_back(page: Page):
    page.goto("/")
    assert page.locator("html").get_attribute("lang") == "sv"
    assert page.get_by_role("link", name="Logga in").first.is_visible()

    page.get_by_role("button", name="English").click()
    page.wait_for_selector("html[lang=en]")
    assert page.get_by_role("link", name="Log in").first.is_visible()
    assert "Procure food and meal services" in page.locator("main").inner_text()
    assert_accessible(page)

    page.goto("/accounts/login/")  # the choice persists on the next page
    assert page.locator("h1").inner_text() == "Log in to Beredd"
    assert page.get_by_label("Password").is_visible()

    page.get_by_role("button", name="Svenska").click()
    page.wait_for_selector("html[lang=sv]")
    assert page.locator("h1").inner_text() == "Logga in i Beredd"
    assert "/accounts/login/" in page.url  # stays on the same page


def test_a_member_sees_the_menu_and_their_roles_in_english(page: Page, decision_maker):
    log_in(page, decision_maker.username)
    page.get_by_role("button", name="English").click()
    page.wait_for_selector("html[lang=en]")
    menu = page.locator("nav[aria-label='Main menu']")
    assert menu.get_by_role("link", name="Overview").is_visible()
    assert menu.get_by_role("link", name="Meal units").is_visible()
    main = page.locator("main").inner_text()
    assert "Your roles: Decision maker" in main
    assert "As decision maker" in main
    assert_accessible(page)
