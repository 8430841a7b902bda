"""A hostile or clumsy visitor against the public tender pages, feeds and watches: odd searches,
guessed tokens, script in titles, internal data that must not leak, queries per row."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from beredd.dialogue.models import Question
from beredd.network.models import Supplier
from beredd.procurement.models import Lot, Status
from beredd.publication.models import Watch
from tests.conftest import PASSWORD
from tests.test_publication_data import make_category, make_tender, make_unit

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert('x')</script>"


def _count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_a_search_with_the_deadline_from_after_to_says_so_beside_the_field(client, buyer_org):
    make_tender(buyer_org, "Bröd till skolor")
    today = timezone.localdate()
    response = client.get(
        reverse("publication:list"),
        {
            "deadline_from": (today + datetime.timedelta(days=60)).isoformat(),
            "deadline_to": today.isoformat(),
        },
    )
    assert response.status_code == 200
    errors = response.context["filter"].form.errors
    assert "deadline_to" in errors
    assert errors["deadline_to"] == [
        "Det sista datumet för anbudsdag får inte vara före det första."
    ]


def test_a_watch_of_a_search_that_is_not_valid_is_refused_rather_than_watching_everything(
    client, bid_manager
):
    client.login(username=bid_manager.username, password=PASSWORD)
    query = "deadline_from=2030-05-01&deadline_to=2030-01-01&category=bread"
    client.post(reverse("publication:watch_create"), {"name": "Bröd", "query": query})
    assert not Watch.objects.filter(query="").exists()
    assert not Watch.objects.exists()
    client.post(
        reverse("publication:watch_create"), {"name": "Bröd", "query": "max_lot_value_sek=x"}
    )
    assert not Watch.objects.exists()


def test_a_guessed_or_empty_watch_feed_token_is_not_found(client, bid_manager):
    Watch.objects.create(user=bid_manager, name="Bröd", query="")
    for token in ("x", "a" * 32, "%20"):
        assert client.get(f"/tenders/watches/feed/{token}/").status_code == 404


def test_script_in_titles_is_escaped_on_the_list_detail_and_feed(client, buyer_org):
    tender = make_tender(buyer_org, SCRIPT, description=SCRIPT)
    Lot.objects.filter(procurement=tender).update(title=SCRIPT, description=SCRIPT)
    for url in (
        reverse("publication:list"),
        reverse("publication:detail", args=[tender.pk]),
        reverse("publication:feed"),
    ):
        text = client.get(url).content.decode()
        assert SCRIPT not in text, url
        assert "alert" in text, url


def test_public_pages_feeds_and_documents_hide_internal_data(client, buyer_org, supplier_org):
    tender = make_tender(buyer_org, "Bröd till skolor")
    draft = make_tender(buyer_org, "Utkast om frukt", status=Status.DRAFT)
    Supplier.objects.create(
        organisation=buyer_org,
        code="S9",
        name="Nuvarande Grossist AB",
        area="Norra",
        capacity_per_day=100,
    )
    Question.objects.create(
        procurement=tender,
        organisation=supplier_org,
        text="Fråga från Frågvisa Bageriet",
        public_text="Gäller kravet även helger?",
        answer="Ja.",
        published_at=timezone.now(),
    )
    Question.objects.create(
        procurement=tender, organisation=supplier_org, text="Opublicerad hemlig fråga"
    )
    pages = [
        reverse("publication:list"),
        reverse("publication:list") + "?include_closed=on",
        reverse("publication:detail", args=[tender.pk]),
        reverse("publication:feed"),
        reverse("procurement:document_html", args=[tender.pk]),
    ]
    secrets = [
        "Kök N",  # unit names
        "Nuvarande Grossist AB",
        supplier_org.name,
        "Frågvisa Bageriet",
        "Opublicerad hemlig fråga",
        "Utkast om frukt",
    ]
    for url in pages:
        text = client.get(url).content.decode()
        for secret in secrets:
            assert secret not in text, (url, secret)
    assert "Gäller kravet även helger?" in client.get(pages[2]).content.decode()
    assert client.get(reverse("publication:detail", args=[draft.pk])).status_code == 404


def test_the_public_search_does_not_query_per_tender_or_lot(client, buyer_org):
    make_tender(buyer_org, "Bröd 0")
    url = reverse("publication:list")
    few = _count_queries(client, url)
    for number in range(1, 6):
        tender = make_tender(buyer_org, f"Bröd {number}")
        for lot_number in range(2, 5):
            lot = Lot.objects.create(
                procurement=tender, number=lot_number, title="Extra", basis="area"
            )
            lot.categories.add(make_category(buyer_org, "bread", "Bröd"))
    assert _count_queries(client, url) == few
    assert _count_queries(client, reverse("publication:feed")) <= few + 1


def test_the_tender_detail_does_not_query_per_lot(client, buyer_org):
    tender = make_tender(buyer_org, "Bröd")
    url = reverse("publication:detail", args=[tender.pk])
    few = _count_queries(client, url)
    for lot_number in range(2, 7):
        lot = Lot.objects.create(procurement=tender, number=lot_number, title="Extra", basis="area")
        lot.categories.add(make_category(buyer_org, "bread", "Bröd"))
        lot.units.add(make_unit(buyer_org, f"X{lot_number}", "Öster", 10))
    assert _count_queries(client, url) == few


def test_the_watch_list_does_not_query_per_matching_tender(client, bid_manager, buyer_org):
    Watch.objects.create(user=bid_manager, name="Bröd", query="category=bread")
    make_tender(buyer_org, "Bröd 0")
    client.login(username=bid_manager.username, password=PASSWORD)
    url = reverse("publication:watch_list")
    few = _count_queries(client, url)
    for number in range(1, 6):
        make_tender(buyer_org, f"Bröd {number}")
    assert _count_queries(client, url) == few


def test_looking_at_the_watches_changes_nothing_and_marking_them_seen_needs_a_post(
    client, bid_manager, buyer_org, outsider
):
    watch = Watch.objects.create(user=bid_manager, name="Bröd", query="category=bread")
    make_tender(buyer_org, "Bröd 0")
    client.login(username=bid_manager.username, password=PASSWORD)
    for _visit in range(2):
        rows = client.get(reverse("publication:watch_list")).context["rows"]
        assert rows[0]["new_count"] == 1
    watch.refresh_from_db()
    assert watch.last_seen_at is None
    url = reverse("publication:watch_seen")
    assert client.get(url).status_code == 405
    assert client.post(url).status_code == 302
    watch.refresh_from_db()
    assert watch.last_seen_at is not None
    assert client.get(reverse("publication:watch_list")).context["rows"][0]["new_count"] == 0
    client.logout()
    assert client.post(url).status_code == 302  # to the login
    client.login(username=outsider.username, password=PASSWORD)
    assert client.post(url).status_code == 403
