"""The main menu: who sees which entry, which entry is current, and no entry with a wrong URL."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import NoReverseMatch, reverse
from django.utils import translation

from beredd.site import navigation
from beredd.site.navigation import ITEMS, NavItem, menu_for

pytestmark = pytest.mark.django_db


def labels(user, language="sv") -> list[str]:
    with translation.override(language):
        return [str(entry["label"]) for entry in menu_for(user, "/")]


def test_every_menu_entry_names_a_url_that_exists():
    for item in ITEMS:
        assert reverse(item.url_name).startswith("/"), item.url_name


def test_a_menu_entry_with_a_wrong_url_name_fails_instead_of_vanishing(monkeypatch):
    wrong = NavItem("publication:no_such_page", "Nowhere", audience=navigation.ANYONE)
    monkeypatch.setattr(navigation, "ITEMS", (*ITEMS, wrong))
    with pytest.raises(NoReverseMatch):
        menu_for(AnonymousUser(), "/")


def test_an_anonymous_visitor_sees_only_the_published_tenders():
    assert labels(AnonymousUser()) == ["Publicerade upphandlingar"]
    assert labels(AnonymousUser(), language="en") == ["Published tenders"]


def test_a_decision_maker_sees_the_overview_and_the_buyer_pages_but_not_members(decision_maker):
    seen = labels(decision_maker)
    assert seen[:2] == ["Översikt", "Beredskapsanalys"]
    assert "Upphandlingar" in seen
    assert "Medlemmar" not in seen
    assert "Mina bevakningar" not in seen


def test_a_procurement_officer_does_not_see_the_decision_makers_overview(procurer):
    seen = labels(procurer)
    assert "Översikt" not in seen
    assert "Upphandlingar" in seen


def test_a_suppliers_bid_manager_sees_the_supplier_pages_only(bid_manager):
    assert labels(bid_manager) == [
        "Publicerade upphandlingar",
        "Mina bevakningar",
        "Marknadsdialog",
        "Mina frågor",
    ]


def test_an_organisation_admin_sees_members(org_admin):
    assert labels(org_admin)[-1] == "Medlemmar"


def test_the_deepest_entry_the_page_lies_under_is_current(procurer):
    page = reverse("procurement:list") + "12/lots/"
    with translation.override("en"):
        current = [str(entry["label"]) for entry in menu_for(procurer, page) if entry["current"]]
    assert current == ["Procurements"]
