"""An organisation admin lists members, sets their roles and deactivates them; nobody else can."""

import pytest
from django.urls import reverse

from beredd.accounts.models import Role
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def test_the_admin_sees_the_members_of_their_organisation_with_roles(
    client, org_admin, decision_maker, outsider
):
    client.force_login(org_admin)
    response = client.get(reverse("accounts:members"), HTTP_ACCEPT_LANGUAGE="sv")
    assert response.status_code == 200
    text = response.content.decode()
    assert decision_maker.username in text
    assert "Beslutsfattare" in text
    assert outsider.username not in text
    english = client.get(reverse("accounts:members"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Decision maker" in english and "Beslutsfattare" not in english


def test_a_member_who_is_not_admin_cannot_see_the_member_list(client, decision_maker):
    client.force_login(decision_maker)
    assert client.get(reverse("accounts:members")).status_code == 403


def test_anonymous_visitors_are_sent_to_log_in(client, decision_maker):
    for url in (
        reverse("accounts:members"),
        reverse("accounts:invite"),
        reverse("accounts:member_edit", args=[decision_maker.pk]),
        reverse("accounts:profile"),
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))


def test_the_admin_changes_a_members_roles(client, org_admin, decision_maker):
    client.force_login(org_admin)
    url = reverse("accounts:member_edit", args=[decision_maker.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"roles": [Role.NEEDS_OWNER, Role.DECISION_MAKER]})
    assert response.status_code == 302
    decision_maker.refresh_from_db()
    assert decision_maker.role_codes() == {Role.NEEDS_OWNER, Role.DECISION_MAKER}
    assert not decision_maker.is_org_admin


def test_a_member_needs_at_least_one_role(client, org_admin, decision_maker):
    client.force_login(org_admin)
    url = reverse("accounts:member_edit", args=[decision_maker.pk])
    response = client.post(url, {"roles": []})
    assert response.status_code == 200
    assert response.context["form"].errors["roles"]
    assert decision_maker.role_codes() == {Role.DECISION_MAKER}


def test_a_buyer_member_cannot_get_the_supplier_role(client, org_admin, decision_maker):
    client.force_login(org_admin)
    url = reverse("accounts:member_edit", args=[decision_maker.pk])
    response = client.post(url, {"roles": [Role.BID_MANAGER]})
    assert response.status_code == 200
    assert "roles" in response.context["form"].errors
    decision_maker.refresh_from_db()
    assert decision_maker.role_codes() == {Role.DECISION_MAKER}


def test_the_admin_cannot_remove_their_own_admin_rights(client, org_admin):
    client.force_login(org_admin)
    url = reverse("accounts:member_edit", args=[org_admin.pk])
    response = client.post(url, {"roles": [Role.PROCUREMENT_OFFICER]})
    assert response.status_code == 200
    org_admin.refresh_from_db()
    assert org_admin.is_org_admin


def test_a_deactivated_member_can_no_longer_log_in(client, org_admin, decision_maker):
    client.force_login(org_admin)
    url = reverse("accounts:member_active", args=[decision_maker.pk])
    assert client.post(url, {"active": "0"}).status_code == 302
    decision_maker.refresh_from_db()
    assert not decision_maker.is_active
    client.logout()
    assert not client.login(username=decision_maker.username, password=PASSWORD)


def test_a_deactivated_member_can_be_reactivated(client, org_admin, decision_maker):
    decision_maker.is_active = False
    decision_maker.save()
    client.force_login(org_admin)
    client.post(reverse("accounts:member_active", args=[decision_maker.pk]), {"active": "1"})
    decision_maker.refresh_from_db()
    assert decision_maker.is_active


def test_the_admin_cannot_deactivate_themselves(client, org_admin):
    client.force_login(org_admin)
    client.post(reverse("accounts:member_active", args=[org_admin.pk]), {"active": "0"})
    org_admin.refresh_from_db()
    assert org_admin.is_active


def test_an_outsider_admin_cannot_touch_members_of_another_organisation(
    client, outsider, decision_maker
):
    client.force_login(outsider)
    edit = reverse("accounts:member_edit", args=[decision_maker.pk])
    assert client.get(edit).status_code == 404
    assert client.post(edit, {"roles": [Role.NEEDS_OWNER]}).status_code == 404
    active = reverse("accounts:member_active", args=[decision_maker.pk])
    assert client.post(active, {"active": "0"}).status_code == 404
    decision_maker.refresh_from_db()
    assert decision_maker.is_active
    assert decision_maker.role_codes() == {Role.DECISION_MAKER}


def test_a_member_who_is_not_admin_cannot_change_roles(client, procurer, decision_maker):
    client.force_login(procurer)
    url = reverse("accounts:member_edit", args=[decision_maker.pk])
    assert client.post(url, {"roles": [Role.NEEDS_OWNER]}).status_code == 403


def test_a_supplier_admin_offers_only_the_bid_manager_role(client, supplier_org, bid_manager):
    bid_manager.is_org_admin = True
    bid_manager.save()
    client.force_login(bid_manager)
    response = client.get(reverse("accounts:member_edit", args=[bid_manager.pk]))
    choices = [value for value, _label in response.context["form"].fields["roles"].choices]
    assert choices == [Role.BID_MANAGER]


def test_the_member_list_needs_no_more_queries_for_more_members(client, org_admin, buyer_org):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.conftest import make_user

    client.force_login(org_admin)
    url = reverse("accounts:members")
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for number in range(8):
        make_user(f"person{number}", buyer_org, [Role.NEEDS_OWNER, Role.DECISION_MAKER])
    with CaptureQueriesContext(connection) as many:
        assert "person7" in client.get(url).content.decode()
    assert len(many) == len(few)
