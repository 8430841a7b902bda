"""Every user-visible string has a Swedish translation, and Swedish is what a new visitor gets."""

from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parent.parent
CATALOGUES = sorted(
    [
        *ROOT.glob("locale/sv/LC_MESSAGES/django.po"),
        *ROOT.glob("beredd/*/locale/sv/LC_MESSAGES/django.po"),
    ]
)


def test_the_project_and_every_app_with_pages_have_a_swedish_catalogue():
    # "sv" stands for the project catalogue in locale/sv, the others are app names.
    places = {path.relative_to(ROOT).parts[1] for path in CATALOGUES}
    expected = {"sv", "accounts", "core", "network", "readiness", "stresstests"}
    assert expected <= places, f"missing catalogues: {expected - places}"


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_string_is_translated_and_none_is_fuzzy(path):
    catalogue = polib.pofile(str(path))
    missing = [entry.msgid for entry in catalogue.untranslated_entries()]
    fuzzy = [entry.msgid for entry in catalogue.fuzzy_entries()]
    assert not missing, f"untranslated in {path}: {missing[:10]}"
    assert not fuzzy, f"fuzzy in {path}: {fuzzy[:10]}"


def test_a_new_visitor_gets_swedish(client):
    response = client.get("/")
    assert response.status_code == 200
    assert 'lang="sv"' in response.content.decode()
    assert "Logga in" in response.content.decode()
