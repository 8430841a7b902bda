"""An organisation admin invites a new member in the browser; the new member logs in by the link."""

import re

import pytest
from django.core import mail
from playwright.sync_api import Page

from tests.browser.conftest import assert_accessible, assert_fits_phone, log_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_admin_invites_a_member_who_accepts_by_the_mailed_link(page: Page, org_admin):
    log_in(page, org_admin.username)
    page.goto("/org/members/")
    assert_accessible(page)
    page.get_by_role("link", name="Bjud in en medlem").click()
    assert_accessible(page)
    page.get_by_role("button", name="Skicka inbjudan").click()  # nothing filled in
    assert page.locator(".errorlist").count() >= 2
    assert_accessible(page)
    page.get_by_label("E-post").fill("kock@ekby.se")
    page.get_by_label("Behovsägare/kostchef").check()
    page.get_by_role("button", name="Skicka inbjudan").click()
    page.wait_for_url("**/org/members/")
    assert "En inbjudan är skickad till kock@ekby.se." in page.locator(".messages").inner_text()
    assert "kock@ekby.se" in page.locator("table").last.inner_text()

    link = re.search(r"https?://\S+", mail.outbox[-1].body).group(0)
    page.get_by_role("button", name="Logga ut").click()
    page.goto(link)
    assert_accessible(page)
    page.get_by_label("Förnamn").fill("Kim")
    page.get_by_label("Efternamn").fill("Kock")
    page.get_by_label("Användarnamn").fill("kim")
    page.locator("input[name=password1]").fill("Matlagning-i-kris-9")
    page.get_by_label("Lösenord igen").fill("Matlagning-i-kris-9")
    page.get_by_role("button", name="Skapa konto").click()
    page.wait_for_url(lambda url: "/org/invitation/" not in url)
    assert "Kim Kock" in page.locator(".who").inner_text()
    assert "Som kostchef" in page.locator("main").inner_text()


def test_an_admin_changes_roles_and_deactivates_a_member_on_a_phone(
    phone_page: Page, org_admin, decision_maker
):
    log_in(phone_page, org_admin.username)
    phone_page.goto("/org/members/")
    assert_fits_phone(phone_page)
    phone_page.get_by_role("link", name=f"Ändra roller för {decision_maker.first_name}").click()
    assert_accessible(phone_page)
    assert_fits_phone(phone_page)
    phone_page.get_by_label("Upphandlare").check()
    phone_page.get_by_role("button", name="Spara").click()
    phone_page.wait_for_url("**/org/members/")
    row = phone_page.locator("tr", has_text=decision_maker.username)
    assert "Upphandlare" in row.inner_text()
    row.get_by_role("button", name=f"Inaktivera {decision_maker.first_name}").click()
    phone_page.wait_for_load_state()
    row = phone_page.locator("tr", has_text=decision_maker.username)
    assert "Inaktiverad" in row.inner_text()
    assert_accessible(phone_page)
    phone_page.goto("/org/invite/")
    assert_fits_phone(phone_page)
