"""Everyone edits their own name and e-mail; password change and reset go through Django's views."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def test_a_member_changes_their_name_and_email(client, decision_maker):
    client.force_login(decision_maker)
    url = reverse("accounts:profile")
    assert client.get(url).status_code == 200
    data = {"first_name": "Berit", "last_name": "Beslut", "email": "berit@ekby.se"}
    assert client.post(url, data).status_code == 302
    decision_maker.refresh_from_db()
    assert (decision_maker.get_full_name(), decision_maker.email) == (
        "Berit Beslut",
        "berit@ekby.se",
    )


def test_the_profile_needs_a_valid_email(client, decision_maker):
    client.force_login(decision_maker)
    response = client.post(reverse("accounts:profile"), {"first_name": "B", "email": "nope"})
    assert "email" in response.context["form"].errors
    decision_maker.refresh_from_db()
    assert decision_maker.email == "beslut@example.se"


def test_the_profile_form_changes_only_the_own_account(client, decision_maker, outsider):
    client.force_login(outsider)
    data = {"first_name": "X", "last_name": "Y", "email": "x@y.se", "id": decision_maker.pk}
    client.post(reverse("accounts:profile"), data)
    decision_maker.refresh_from_db()
    assert decision_maker.email == "beslut@example.se"
    outsider.refresh_from_db()
    assert outsider.email == "x@y.se"


def test_a_member_changes_their_password(client, decision_maker):
    client.force_login(decision_maker)
    new = "Ny-losen-for-kris-2026"
    response = client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": new, "new_password2": new},
    )
    assert response.status_code == 302
    decision_maker.refresh_from_db()
    assert decision_maker.check_password(new)


def test_a_forgotten_password_is_reset_through_a_mailed_link(client, decision_maker):
    response = client.post(reverse("password_reset"), {"email": decision_maker.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert "Beredd" in mail.outbox[0].subject
    link = re.search(r"https?://[^/\s]+(/\S+)", mail.outbox[0].body).group(1)
    form_url = client.get(link).url  # Django swaps the token for a session key
    new = "Aterstallt-losen-2026"
    response = client.post(form_url, {"new_password1": new, "new_password2": new})
    assert response.status_code == 302
    decision_maker.refresh_from_db()
    assert decision_maker.check_password(new)


def test_the_auth_pages_use_the_beredd_templates(client, decision_maker):
    assert 'id="login"' in client.get(reverse("login")).content.decode()
    assert client.get(reverse("password_reset")).status_code == 200
    assert client.get(reverse("password_reset_done")).status_code == 200
    client.force_login(decision_maker)
    page = client.get(reverse("password_change")).content.decode()
    assert "Beredd" in page and 'name="old_password"' in page
