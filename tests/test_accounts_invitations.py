"""An organisation admin invites people by e-mail; the link makes the account once, 14 days."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from beredd.accounts.models import Invitation, Role, User

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Kris-beredskap-77"


def _invite(client, email="ny@ekby.se", roles=(Role.NEEDS_OWNER,)):
    return client.post(reverse("accounts:invite"), {"email": email, "roles": list(roles)})


def _link_path(message) -> str:
    return re.search(r"https?://[^/\s]+(/\S+)", message.body).group(1)


def _accept_data(**extra):
    return {
        "first_name": "Nora",
        "last_name": "Nyberg",
        "username": "nora",
        "password1": NEW_PASSWORD,
        "password2": NEW_PASSWORD,
        **extra,
    }


def test_the_admin_invites_someone_and_a_mail_with_a_link_is_sent(client, org_admin, buyer_org):
    client.force_login(org_admin)
    assert client.get(reverse("accounts:invite")).status_code == 200
    response = _invite(client)
    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert invitation.organisation == buyer_org
    assert invitation.roles == [Role.NEEDS_OWNER]
    assert len(invitation.token) >= 40
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["ny@ekby.se"]
    assert reverse("accounts:accept", args=["x"]).rstrip("x/") in mail.outbox[0].body


def test_the_link_creates_a_member_of_the_inviting_organisation_with_the_roles(
    client, org_admin, buyer_org
):
    client.force_login(org_admin)
    _invite(client, roles=[Role.NEEDS_OWNER, Role.DECISION_MAKER])
    client.logout()
    link = _link_path(mail.outbox[0])
    assert client.get(link).status_code == 200
    response = client.post(link, _accept_data())
    assert response.status_code == 302
    user = User.objects.get(username="nora")
    assert user.organisation == buyer_org
    assert user.email == "ny@ekby.se"
    assert user.role_codes() == {Role.NEEDS_OWNER, Role.DECISION_MAKER}
    assert user.check_password(NEW_PASSWORD)
    assert Invitation.objects.get().accepted_at is not None


def test_the_link_works_only_once(client, org_admin):
    client.force_login(org_admin)
    _invite(client)
    client.logout()
    link = _link_path(mail.outbox[0])
    client.post(link, _accept_data())
    client.logout()
    response = client.post(link, _accept_data(username="nora2"))
    assert response.status_code == 404
    assert not User.objects.filter(username="nora2").exists()


def test_the_link_expires_after_14_days(client, org_admin):
    client.force_login(org_admin)
    _invite(client)
    client.logout()
    Invitation.objects.update(created_at=timezone.now() - timedelta(days=14, minutes=1))
    response = client.get(_link_path(mail.outbox[0]))
    assert response.status_code == 404
    assert client.post(_link_path(mail.outbox[0]), _accept_data()).status_code == 404


def test_an_unknown_token_is_not_found(client, db):
    assert client.get(reverse("accounts:accept", args=["no-such-token"])).status_code == 404


def test_accepting_rejects_a_taken_username_and_different_passwords(
    client, org_admin, decision_maker
):
    client.force_login(org_admin)
    _invite(client)
    client.logout()
    link = _link_path(mail.outbox[0])
    response = client.post(link, _accept_data(username=decision_maker.username.upper()))
    assert "username" in response.context["form"].errors
    response = client.post(link, _accept_data(password2="something-else-99"))
    assert "password2" in response.context["form"].errors
    response = client.post(link, _accept_data(password1="12345678", password2="12345678"))
    assert "password1" in response.context["form"].errors
    assert Invitation.objects.get().accepted_at is None


def test_inviting_an_existing_member_says_so_on_the_email_field(client, org_admin, decision_maker):
    client.force_login(org_admin)
    response = _invite(client, email=decision_maker.email)
    assert response.status_code == 200
    assert "email" in response.context["form"].errors
    assert not Invitation.objects.exists()
    assert not mail.outbox


def test_a_bad_email_and_no_role_are_named_in_the_form(client, org_admin):
    client.force_login(org_admin)
    response = client.post(reverse("accounts:invite"), {"email": "not-an-address"})
    errors = response.context["form"].errors
    assert "email" in errors and "roles" in errors
    assert not Invitation.objects.exists()


def test_a_buyer_cannot_invite_a_bid_manager(client, org_admin):
    client.force_login(org_admin)
    response = _invite(client, roles=[Role.BID_MANAGER])
    assert "roles" in response.context["form"].errors
    assert not Invitation.objects.exists()


def test_a_member_who_is_not_admin_cannot_invite(client, procurer):
    client.force_login(procurer)
    assert client.get(reverse("accounts:invite")).status_code == 403
    assert _invite(client).status_code == 403


def test_the_admin_withdraws_a_pending_invitation(client, org_admin):
    client.force_login(org_admin)
    _invite(client)
    pending = Invitation.objects.get()
    assert "ny@ekby.se" in client.get(reverse("accounts:members")).content.decode()
    client.post(reverse("accounts:invitation_cancel", args=[pending.pk]))
    assert not Invitation.objects.exists()


def test_an_outsider_admin_cannot_see_or_withdraw_invitations_of_another_organisation(
    client, org_admin, outsider
):
    client.force_login(org_admin)
    _invite(client)
    pending = Invitation.objects.get()
    client.cookies.clear()  # drop the "invitation sent" message meant for org_admin
    client.force_login(outsider)
    assert "ny@ekby.se" not in client.get(reverse("accounts:members")).content.decode()
    url = reverse("accounts:invitation_cancel", args=[pending.pk])
    assert client.post(url).status_code == 404
    assert Invitation.objects.filter(pk=pending.pk).exists()


def test_a_logged_in_person_is_asked_to_log_out_before_accepting(client, org_admin):
    client.force_login(org_admin)
    _invite(client)
    response = client.post(_link_path(mail.outbox[0]), _accept_data())
    assert response.status_code == 200
    assert not User.objects.filter(username="nora").exists()


def test_an_outsider_admin_invites_only_into_their_own_organisation(
    client, outsider, other_org, buyer_org
):
    client.force_login(outsider)
    _invite(client, email="ny@adala.se")
    invitation = Invitation.objects.get()
    assert invitation.organisation == other_org
    assert not Invitation.objects.filter(organisation=buyer_org).exists()


def test_staff_without_an_organisation_cannot_manage_members(client, db):
    staff = User.objects.create_user("drift", password="Drift-losen-2026", is_staff=True)
    staff.is_org_admin = True
    staff.save()
    client.force_login(staff)
    assert client.get(reverse("accounts:members")).status_code == 403
    assert client.get(reverse("accounts:invite")).status_code == 403
