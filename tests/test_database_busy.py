"""A database still locked after the busy timeout gives a Swedish "try again" page, never a 500."""

import pytest
from django.conf import settings
from django.db import OperationalError
from django.urls import include, path

import beredd.urls


def locked_view(request):
    raise OperationalError("database is locked")


def broken_view(request):
    raise OperationalError("no such table: nowhere")


urlpatterns = [
    path("test/locked/", locked_view),
    path("test/broken/", broken_view),
    path("", include(beredd.urls)),
]

pytestmark = pytest.mark.urls("tests.test_database_busy")


@pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3",
    reason="SQLite's transaction mode and busy timeout; PostgreSQL locks rows",
)
def test_sqlite_takes_the_write_lock_at_begin_and_waits_for_it():
    options = settings.DATABASES["default"]["OPTIONS"]
    assert options["transaction_mode"] == "IMMEDIATE"
    assert options["timeout"] == 20
    assert "journal_mode=WAL" in options["init_command"]
    assert "synchronous=NORMAL" in options["init_command"]


@pytest.mark.django_db
def test_a_locked_database_asks_the_person_to_try_again_in_swedish(client):
    response = client.get("/test/locked/", headers={"accept-language": "sv"})
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    text = response.content.decode()
    assert "Försök igen om en stund" in text
    assert "sparades inte" in text


@pytest.mark.django_db
def test_other_database_errors_are_not_hidden_as_busy(client):
    client.raise_request_exception = True
    with pytest.raises(OperationalError, match="no such table"):
        client.get("/test/broken/")
