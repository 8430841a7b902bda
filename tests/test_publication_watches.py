"""Suppliers save searches as watches, see new matches, follow them by a secret feed address."""

import datetime
import io
import xml.etree.ElementTree as ET

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from beredd.accounts.models import Role
from beredd.procurement.models import Status
from beredd.publication.models import Watch
from tests.conftest import make_user
from tests.test_publication_data import make_tender

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def other_supplier(db):
    from beredd.accounts.models import Organisation, OrganisationKind, SizeClass

    organisation = Organisation.objects.create(
        name="Storgrossisten AB",
        slug="storgrossisten",
        kind=OrganisationKind.SUPPLIER,
        org_number="556074-7569",
        size_class=SizeClass.LARGE,
    )
    return make_user("storanbud", organisation, [Role.BID_MANAGER])


@pytest.fixture
def watch(bid_manager) -> Watch:
    return Watch.objects.create(user=bid_manager, name="Bröd", query="category=bread")


def test_a_supplier_saves_the_current_search_as_a_watch(client, bid_manager):
    client.force_login(bid_manager)
    response = client.post(
        reverse("publication:watch_create"),
        {"name": "Bröd i Skåne", "query": "region=Sk%C3%A5ne&category=bread&cpv=&junk=x"},
    )
    assert response.status_code == 302
    watch = Watch.objects.get(user=bid_manager)
    assert watch.name == "Bröd i Skåne"
    assert watch.query == "category=bread&region=Sk%C3%A5ne"


def test_a_watch_needs_a_name(client, bid_manager):
    client.force_login(bid_manager)
    response = client.post(reverse("publication:watch_create"), {"name": "", "query": "q=x"})
    assert response.status_code == 302
    assert not Watch.objects.exists()


def test_the_watch_list_marks_tenders_published_since_last_visit_as_new(
    client, bid_manager, buyer_org, watch
):
    old = make_tender(buyer_org, "Gammalt bröd")
    client.force_login(bid_manager)
    first = client.get(reverse("publication:watch_list"))
    assert first.context["rows"][0]["new_count"] == 1
    client.post(reverse("publication:watch_seen"))
    watch.refresh_from_db()
    assert watch.last_seen_at is not None
    Watch.objects.filter(pk=watch.pk).update(
        last_seen_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    old.published_at = timezone.now() - datetime.timedelta(days=1)
    old.save()
    make_tender(buyer_org, "Nytt bröd")
    make_tender(buyer_org, "Fisk", category=("fish", "Fisk"))
    rows = client.get(reverse("publication:watch_list")).context["rows"]
    matches = {tender.title: is_new for tender, is_new in rows[0]["matches"]}
    assert matches == {"Gammalt bröd": False, "Nytt bröd": True}


def test_the_watch_feed_works_without_login_and_applies_the_search(client, buyer_org, watch):
    make_tender(buyer_org, "Nytt bröd")
    make_tender(buyer_org, "Fisk", category=("fish", "Fisk"))
    make_tender(buyer_org, "Utkast bröd", status=Status.DRAFT)
    response = client.get(reverse("publication:watch_feed", args=[watch.feed_token]))
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    titles = [entry.find(f"{ATOM}title").text for entry in root.iter(f"{ATOM}entry")]
    assert titles == ["Nytt bröd (Ekby kommun)"]


def test_a_wrong_feed_token_gives_404(client, watch):
    response = client.get(reverse("publication:watch_feed", args=["not-the-token"]))
    assert response.status_code == 404


def test_a_supplier_cannot_see_or_delete_another_suppliers_watch(client, other_supplier, watch):
    client.force_login(other_supplier)
    response = client.get(reverse("publication:watch_list"))
    assert "Bröd" not in response.content.decode()
    assert watch.feed_token not in response.content.decode()
    response = client.post(reverse("publication:watch_delete", args=[watch.pk]))
    assert response.status_code == 404
    assert Watch.objects.filter(pk=watch.pk).exists()


def test_the_owner_deletes_a_watch(client, bid_manager, watch):
    client.force_login(bid_manager)
    client.post(reverse("publication:watch_delete", args=[watch.pk]))
    assert not Watch.objects.exists()


@pytest.mark.parametrize("name", ["watch_list", "watch_create"])
def test_anonymous_visitors_are_sent_to_login_for_watches(client, name):
    response = client.get(reverse(f"publication:{name}"))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("name", ["watch_list", "watch_create"])
def test_buyers_have_no_watches(client, outsider, procurer, name):
    for user in (outsider, procurer):
        client.force_login(user)
        assert client.get(reverse(f"publication:{name}")).status_code == 403


def test_watch_delete_refuses_anonymous_and_buyers(client, outsider, watch):
    response = client.post(reverse("publication:watch_delete", args=[watch.pk]))
    assert response.status_code == 302
    client.force_login(outsider)
    response = client.post(reverse("publication:watch_delete", args=[watch.pk]))
    assert response.status_code == 403


def test_notify_watches_mails_new_matches_once(bid_manager, buyer_org, watch):
    Watch.objects.filter(pk=watch.pk).update(created_at=timezone.now() - datetime.timedelta(days=1))
    make_tender(buyer_org, "Nytt bröd")
    call_command("notify_watches", stdout=io.StringIO())
    assert len(mail.outbox) == 1
    assert "Nytt bröd" in mail.outbox[0].body
    assert mail.outbox[0].to == ["anbud@example.se"]
    call_command("notify_watches", stdout=io.StringIO())
    assert len(mail.outbox) == 1


def test_a_search_too_long_to_save_is_refused_with_a_message(client, bid_manager):
    client.force_login(bid_manager)
    # 200 characters (the search's bound) that take six bytes each in the saved query string.
    response = client.post(
        reverse("publication:watch_create"), {"name": "Lång", "query": "q=" + "ö" * 200}
    )
    assert response.status_code == 302
    assert not Watch.objects.exists()
    follow = client.get(response["Location"])
    assert "för lång" in follow.content.decode()


def test_a_repeated_word_search_is_saved_as_the_words_it_searches(client, bid_manager):
    client.force_login(bid_manager)
    client.post(
        reverse("publication:watch_create"), {"name": "Bröd", "query": "q=" + "bröd+" * 400}
    )
    assert Watch.objects.get().query == "q=br%C3%B6d"


def test_a_supplier_follows_a_buyer_from_the_detail_page(client, bid_manager, buyer_org, other_org):
    tender = make_tender(buyer_org, "Bröd")
    make_tender(other_org, "Bröd hos grannen")
    client.force_login(bid_manager)
    html = client.get(reverse("publication:detail", args=[tender.pk])).content.decode()
    assert "Bevaka nya upphandlingar från Ekby kommun" in html
    client.post(reverse("publication:watch_create"), {"name": "Ekby kommun", "query": "buyer=ekby"})
    watch = Watch.objects.get(user=bid_manager)
    rows = client.get(reverse("publication:watch_list")).context["rows"]
    assert [tender.title for tender, _new in rows[0]["matches"]] == ["Bröd"]
    assert watch.query == "buyer=ekby"
    listing = client.get(reverse("publication:list") + "?buyer=ekby").content.decode()
    assert "Bara upphandlingar från Ekby kommun." in listing
    assert "Bröd hos grannen" not in listing
