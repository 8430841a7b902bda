"""The public tender search, detail page and Atom feed: anyone finds published tenders."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse
from django.utils import timezone

from beredd.procurement.models import Status
from beredd.procurement.selectors import published_procurements
from beredd.publication.filters import normalised_query
from beredd.requirements.models import Verification
from tests.test_publication_data import add_requirement, make_tender

ATOM = "{http://www.w3.org/2005/Atom}"


def titles_on_list(client, query: str = "") -> str:
    response = client.get(reverse("publication:list") + query)
    assert response.status_code == 200
    return response.content.decode()


def feed_titles(client, query: str = "") -> list[str]:
    response = client.get(reverse("publication:feed") + query)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    return [entry.find(f"{ATOM}title").text for entry in root.iter(f"{ATOM}entry")]


@pytest.fixture
def tenders(buyer_org, other_org) -> dict:
    other_org.region = "Skåne"
    other_org.save()
    return {
        "bread": make_tender(buyer_org, "Bröd till skolor", reserved_for_sme=True),
        "fish": make_tender(
            other_org,
            "Fisk till äldreomsorgen",
            cpv_codes=("15220000-6",),
            category=("fish", "Fisk"),
            lot_value_sek=5_000_000,
            portions_per_day=2000,
            description="Färsk och fryst fisk till regionens kök.",
        ),
        "closed": make_tender(buyer_org, "Mjölk förra året", deadline_days=-3),
        "draft": make_tender(buyer_org, "Hemlig utkastupphandling", status=Status.DRAFT),
        "dialogue": make_tender(
            buyer_org, "Marknadsdialog om kaffe", status=Status.MARKET_DIALOGUE
        ),
        "awarded": make_tender(buyer_org, "Frukt tilldelad", status=Status.AWARDED),
        "cancelled": make_tender(buyer_org, "Avbruten kaffeupphandling", status=Status.CANCELLED),
    }


def test_public_means_published_through_contract(tenders):
    public = set(published_procurements().values_list("title", flat=True))
    assert public == {
        "Bröd till skolor",
        "Fisk till äldreomsorgen",
        "Mjölk förra året",
        "Frukt tilldelad",
    }


def test_anyone_sees_open_published_tenders_without_logging_in(client, tenders):
    html = titles_on_list(client)
    assert "Bröd till skolor" in html
    assert "Fisk till äldreomsorgen" in html
    assert "Mjölk förra året" not in html  # deadline passed: hidden unless asked for
    assert "Hemlig utkastupphandling" not in html
    assert "Marknadsdialog om kaffe" not in html


def test_it_shows_closed_tenders_when_asked(client, tenders):
    assert "Mjölk förra året" in titles_on_list(client, "?include_closed=on")


@pytest.mark.parametrize(
    ("query", "expected", "absent"),
    [
        ("?q=fisk", "Fisk till äldreomsorgen", "Bröd till skolor"),
        ("?q=kommunens+bröd", "Bröd till skolor", "Fisk till äldreomsorgen"),
        ("?region=skåne", "Fisk till äldreomsorgen", "Bröd till skolor"),
        ("?region=Ekby", "Bröd till skolor", "Fisk till äldreomsorgen"),
        ("?category=fish", "Fisk till äldreomsorgen", "Bröd till skolor"),
        ("?category=bröd", "Bröd till skolor", "Fisk till äldreomsorgen"),
        ("?cpv=1522", "Fisk till äldreomsorgen", "Bröd till skolor"),
        ("?cpv=158", "Bröd till skolor", "Fisk till äldreomsorgen"),
        ("?max_lot_value_sek=1000000", "Bröd till skolor", "Fisk till äldreomsorgen"),
        ("?max_portions_per_day=500", "Bröd till skolor", "Fisk till äldreomsorgen"),
        ("?sme_reserved=on", "Bröd till skolor", "Fisk till äldreomsorgen"),
    ],
)
def test_each_filter_narrows_the_list_and_the_feed(client, tenders, query, expected, absent):
    html = titles_on_list(client, query)
    assert expected in html
    assert absent not in html
    titles = " ".join(feed_titles(client, query))
    assert expected in titles
    assert absent not in titles


def test_it_filters_by_tender_deadline_range(client, tenders):
    tenders["fish"].tender_deadline = timezone.now() + datetime.timedelta(days=90)
    tenders["fish"].save()
    soon = (timezone.localdate() + datetime.timedelta(days=60)).isoformat()
    html = titles_on_list(client, f"?deadline_to={soon}")
    assert "Bröd till skolor" in html
    assert "Fisk till äldreomsorgen" not in html
    html = titles_on_list(client, f"?deadline_from={soon}")
    assert "Fisk till äldreomsorgen" in html
    assert "Bröd till skolor" not in html


def test_a_bad_date_names_the_field_and_does_not_crash(client, tenders):
    response = client.get(reverse("publication:list") + "?deadline_from=31-31-2026")
    assert response.status_code == 200
    assert response.context["filter"].form.errors["deadline_from"]


def test_the_feed_never_lists_drafts_even_when_searched_for(client, tenders):
    titles = feed_titles(client, "?q=Hemlig&include_closed=on")
    assert titles == []
    everything = feed_titles(client, "?include_closed=on")
    assert "Hemlig utkastupphandling" not in " ".join(everything)
    assert "Marknadsdialog om kaffe" not in " ".join(everything)
    assert len(everything) == 4


def test_the_feed_links_each_entry_to_its_detail_page(client, tenders):
    response = client.get(reverse("publication:feed") + "?q=fisk")
    root = ET.fromstring(response.content)
    links = [link.get("href") for link in root.iter(f"{ATOM}link")]
    detail = reverse("publication:detail", args=[tenders["fish"].pk])
    assert any(href.endswith(detail) for href in links)


def test_the_list_page_offers_the_feed_of_the_same_search(client, tenders):
    html = titles_on_list(client, "?cpv=158&q=")
    assert f"{reverse('publication:feed')}?cpv=158" in html


def test_the_detail_page_shows_lots_areas_and_requirements_without_unit_names(client, tenders):
    add_requirement(tenders["bread"])
    response = client.get(reverse("publication:detail", args=[tenders["bread"].pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Bröd till skolor – norr" in html
    assert "Hamnen" in html and "Norra" in html
    assert "B-STOCK:1" in html
    assert str(Verification.AUDIT.label) in html
    assert "300" in html  # portions per day, all units of the lot together
    assert "Kök N" not in html  # unit names are internal


@pytest.mark.parametrize("key", ["draft", "dialogue", "cancelled"])
def test_unpublished_tenders_answer_404_on_the_detail_page(client, tenders, key):
    response = client.get(reverse("publication:detail", args=[tenders[key].pk]))
    assert response.status_code == 404


def test_a_logged_in_buyer_cannot_see_its_own_draft_on_the_public_page(client, tenders, procurer):
    client.force_login(procurer)
    response = client.get(reverse("publication:detail", args=[tenders["draft"].pk]))
    assert response.status_code == 404


def test_the_search_is_normalised_for_watches():
    from django.http import QueryDict

    query = QueryDict("sme_reserved=on&q=+br%C3%B6d&cpv=&region=Sk%C3%A5ne&junk=1")
    assert normalised_query(query) == "q=br%C3%B6d&region=Sk%C3%A5ne&sme_reserved=true"


def test_long_result_lists_are_paged_and_keep_the_search(client, tenders, monkeypatch):
    monkeypatch.setattr("beredd.publication.views.PAGE_SIZE", 1)
    first = titles_on_list(client, "?region=Ekby")
    assert "2 upphandlingar hittades" in first
    assert "Sida 1 av 2" in first
    assert 'href="?region=Ekby&amp;page=2"' in first
    second = titles_on_list(client, "?region=Ekby&page=2")
    assert "Sida 2 av 2" in second


def test_search_words_also_find_lot_titles(client, tenders):
    tenders["fish"].lots.update(title="Lax och sill, kusten")
    html = titles_on_list(client, "?q=sill")
    assert "Fisk till äldreomsorgen" in html
    assert "Bröd till skolor" not in html
