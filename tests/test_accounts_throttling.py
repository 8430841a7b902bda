"""Throttling: repeated failed logins lock out (web and admin), and password reset, invitations,
the public search and feeds answer 429 with Retry-After past their rate per address."""

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import translation

from beredd.audit.models import AuditEntry
from beredd.security import check_production_settings
from tests.conftest import PASSWORD

LIMIT = 3


@pytest.fixture(autouse=True)
def low_limits(db, settings):
    settings.AXES_FAILURE_LIMIT = LIMIT
    settings.RATELIMIT_PASSWORD_RESET = "2/h"
    settings.RATELIMIT_SEARCH = "3/m"
    settings.RATELIMIT_FEED = "2/m"


def login(client, username: str, password: str, url: str = "login", ip: str = "10.0.0.1"):
    with translation.override("sv"):
        return client.post(
            reverse(url), {"username": username, "password": password}, REMOTE_ADDR=ip
        )


def test_the_nth_failed_login_locks_out_even_the_right_password(client, decision_maker):
    for _ in range(LIMIT - 1):
        assert login(client, decision_maker.username, "fel").status_code == 200
    assert login(client, decision_maker.username, "fel").status_code == 429
    response = login(client, decision_maker.username, PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_lockout_page_says_why_in_swedish_and_links_the_password_reset(client, decision_maker):
    for _ in range(LIMIT):
        response = login(client, decision_maker.username, "fel")
    page = response.content.decode()
    assert "För många misslyckade inloggningar" in page
    assert "Efter 3 misslyckade inloggningar är inloggningen spärrad" in page
    assert "Försök igen om 30 minuter." in page
    assert reverse("password_reset") in page
    assert response["Retry-After"] == "1800"


def test_the_lockout_holds_per_address_across_usernames(client, decision_maker, procurer):
    for name in ("okand1", "okand2", "okand3"):
        login(client, name, "fel")
    assert login(client, procurer.username, PASSWORD).status_code == 429
    assert login(client, procurer.username, PASSWORD, ip="10.0.0.2").status_code == 302


def test_the_lockout_holds_per_username_across_addresses(client, decision_maker):
    for number in range(LIMIT):
        login(client, decision_maker.username, "fel", ip=f"10.0.1.{number}")
    assert login(client, decision_maker.username, PASSWORD, ip="10.0.2.1").status_code == 429


def test_axes_reset_username_lifts_the_lock(client, decision_maker):
    for _ in range(LIMIT):
        login(client, decision_maker.username, "fel")
    call_command("axes_reset_username", decision_maker.username)
    assert login(client, decision_maker.username, PASSWORD).status_code == 302


def test_the_admin_login_locks_out_too(client, django_user_model):
    django_user_model.objects.create_superuser("root", "root@example.se", PASSWORD)
    for _ in range(LIMIT):
        login(client, "root", "fel", url="admin:login")
    response = login(client, "root", PASSWORD, url="admin:login")
    assert response.status_code == 429
    assert "För många misslyckade inloggningar" in response.content.decode()


def test_password_reset_requests_past_the_rate_answer_429_with_retry_after(client, decision_maker):
    url = reverse("password_reset")
    for _ in range(2):
        assert client.post(url, {"email": decision_maker.email}).status_code == 302
    with translation.override("sv"):
        response = client.post(url, {"email": "vem-som-helst@example.se"})
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 3600
    assert "För många förfrågningar från din adress" in response.content.decode()


def test_the_public_search_past_the_rate_answers_429(client):
    url = reverse("publication:list")
    assert [client.get(url).status_code for _ in range(4)] == [200, 200, 200, 429]
    assert 0 < int(client.get(url)["Retry-After"]) <= 60
    assert client.get(url, REMOTE_ADDR="10.9.9.9").status_code == 200


def test_the_feed_past_the_rate_answers_429(client):
    url = reverse("publication:feed")
    assert [client.get(url).status_code for _ in range(3)] == [200, 200, 429]


def test_invitation_links_past_the_rate_answer_429(client):
    url = reverse("accounts:accept", args=["no-such-token"])
    assert [client.get(url).status_code for _ in range(4)] == [404, 404, 404, 429]


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_behind_one_proxy_the_forwarded_address_is_counted(client):
    url = reverse("publication:list")
    for _ in range(3):
        client.get(url, HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert client.get(url, HTTP_X_FORWARDED_FOR="198.51.100.7").status_code == 429
    assert client.get(url, HTTP_X_FORWARDED_FOR="198.51.100.8").status_code == 200


def test_the_public_secret_key_fails_the_deploy_check(settings):
    settings.SECRET_KEY = settings.PUBLIC_DEFAULT_SECRET_KEY
    settings.ALLOWED_HOSTS = []
    ids = {error.id for error in check_production_settings(None)}
    assert {"beredd.E001", "beredd.E003"} <= ids


def test_a_long_random_key_and_a_host_pass_the_deploy_check(settings):
    settings.SECRET_KEY = "k" * 30 + "0123456789abcdefghijklmnopqrstuvwxyz"
    settings.ALLOWED_HOSTS = ["beredd.example.se"]
    settings.DEBUG = False
    assert check_production_settings(None) == []


def test_a_lockout_is_written_to_the_audit_log_with_username_and_address(client, decision_maker):
    for _ in range(LIMIT):
        login(client, decision_maker.username, "fel", ip="10.0.0.7")
    lockouts = AuditEntry.objects.filter(action="auth.lockout")
    assert [entry.detail for entry in lockouts] == [
        {"username": decision_maker.username, "ip": "10.0.0.7"}
    ]
    assert AuditEntry.objects.filter(action="auth.login_failed").count() == LIMIT
