"""Security basics of logging in and out, password resets and invitations."""

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from beredd.accounts.models import Invitation, Role, User
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def _link_path(message) -> str:
    return re.search(r"https?://[^/\s]+(/\S+)", message.body).group(1)


def test_the_login_form_refuses_a_post_without_its_csrf_token(decision_maker):
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("login"), {"username": "beslut", "password": PASSWORD})
    assert response.status_code == 403
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize(
    "target", ["https://evil.example/", "//evil.example/", "https:evil.example", "/\\evil.example"]
)
def test_logging_in_never_redirects_to_another_site(client, decision_maker, target):
    response = client.post(
        reverse("login"), {"username": "beslut", "password": PASSWORD, "next": target}
    )
    assert response.status_code == 302
    assert "evil.example" not in response["Location"]


def test_logging_in_follows_a_next_page_on_this_site(client, decision_maker):
    response = client.post(
        reverse("login"), {"username": "beslut", "password": PASSWORD, "next": "/readiness/"}
    )
    assert response["Location"] == "/readiness/"


def test_logging_out_needs_a_post_so_a_link_or_image_cannot_log_anyone_out(client, decision_maker):
    client.force_login(decision_maker)
    assert client.get(reverse("logout")).status_code == 405
    assert "_auth_user_id" in client.session
    client.post(reverse("logout"))
    assert "_auth_user_id" not in client.session


def test_a_password_reset_does_not_reveal_whether_the_email_is_known(client, decision_maker):
    known = client.post(reverse("password_reset"), {"email": decision_maker.email})
    unknown = client.post(reverse("password_reset"), {"email": "ingen@example.se"})
    assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"])
    assert len(mail.outbox) == 1


def test_a_deactivated_member_gets_no_password_reset_mail(client, decision_maker):
    decision_maker.is_active = False
    decision_maker.save()
    client.post(reverse("password_reset"), {"email": decision_maker.email})
    assert mail.outbox == []


def test_a_password_reset_link_works_only_once(client, decision_maker):
    client.post(reverse("password_reset"), {"email": decision_maker.email})
    link = _link_path(mail.outbox[0])
    form_url = client.get(link).url
    new = "Aterstallt-losen-2026"
    client.post(form_url, {"new_password1": new, "new_password2": new})
    again = Client()
    response = again.get(link, follow=True)
    assert b'name="new_password1"' not in response.content
    decision_maker.refresh_from_db()
    assert decision_maker.check_password(new)


def _invite(client, email="ny@ekby.se"):
    return client.post(reverse("accounts:invite"), {"email": email, "roles": [Role.NEEDS_OWNER]})


def test_the_stored_invitation_is_not_the_link_so_a_database_leak_gives_no_accounts(
    client, org_admin
):
    client.force_login(org_admin)
    _invite(client)
    stored = Invitation.objects.get().token
    link = _link_path(mail.outbox[0])
    assert stored not in link
    client.logout()
    assert client.get(reverse("accounts:accept", args=[stored])).status_code == 404
    assert client.get(link).status_code == 200


def test_inviting_the_same_address_again_replaces_the_first_link(client, org_admin):
    client.force_login(org_admin)
    _invite(client)
    _invite(client, email="NY@ekby.se")
    assert Invitation.objects.filter(accepted_at__isnull=True).count() == 1
    client.logout()
    assert client.get(_link_path(mail.outbox[0])).status_code == 404
    assert client.get(_link_path(mail.outbox[1])).status_code == 200


def test_an_invitation_cannot_be_accepted_for_an_address_that_became_a_member(
    client, org_admin, buyer_org
):
    client.force_login(org_admin)
    _invite(client)
    client.logout()
    User.objects.create_user("tidigare", email="ny@ekby.se", organisation=buyer_org)
    data = {
        "first_name": "Nora",
        "last_name": "Nyberg",
        "username": "nora",
        "password1": "Kris-beredskap-77",
        "password2": "Kris-beredskap-77",
    }
    response = client.post(_link_path(mail.outbox[0]), data)
    assert not User.objects.filter(username="nora").exists()
    assert response.status_code == 200
    assert "redan medlem" in response.content.decode()


def test_a_deactivated_admin_can_no_longer_manage_members(client, org_admin):
    client.force_login(org_admin)
    org_admin.is_active = False
    org_admin.save()
    assert client.get(reverse("accounts:members")).status_code == 302
    assert _invite(client).status_code == 302
    assert not Invitation.objects.exists()


def test_a_supplier_admin_cannot_edit_a_buyer_member(client, bid_manager, decision_maker):
    bid_manager.is_org_admin = True
    bid_manager.save()
    client.force_login(bid_manager)
    url = reverse("accounts:member_edit", args=[decision_maker.pk])
    assert client.post(url, {"roles": [Role.BID_MANAGER], "is_org_admin": "on"}).status_code == 404
    assert (
        client.post(reverse("accounts:member_active", args=[decision_maker.pk])).status_code == 404
    )
    decision_maker.refresh_from_db()
    assert decision_maker.is_active and not decision_maker.is_org_admin
