"""The public search is bounded: a huge query is cut to a few words, answers 200 and says so."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from beredd.publication.filters import MAX_QUERY_TERMS, search_terms
from tests.test_publication_data import make_tender

THOUSAND_WORDS = " ".join(f"ord{number}" for number in range(1000))


@pytest.fixture
def bread(buyer_org):
    return make_tender(buyer_org, "Bröd till skolor", reserved_for_sme=True)


def test_search_terms_keep_the_first_ten_distinct_words():
    assert search_terms(THOUSAND_WORDS) == [f"ord{number}" for number in range(MAX_QUERY_TERMS)]
    assert search_terms("bröd Bröd mjölk") == ["bröd", "mjölk"]


def test_search_terms_read_only_the_first_200_characters():
    assert search_terms("x" * 300 + " bröd") == ["x" * 200]


def test_a_thousand_word_search_answers_with_ten_terms_and_says_so(client, bread):
    with translation.override("sv"), CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("publication:list"), {"q": THOUSAND_WORDS})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Sökningen var för lång. Bara de första 10 orden (högst 200 tecken) används" in page
    assert "ord9" in page and "ord10 " not in page
    search = [query["sql"] for query in queries if "procurement_procurement" in query["sql"]]
    # One count, one page; each of the ten words is one LIKE on title, description, reference.
    assert len(search) <= 3
    assert max(query.count("LIKE") for query in search) <= 4 * MAX_QUERY_TERMS


def test_a_short_search_finds_the_tender_without_a_notice(client, bread):
    with translation.override("sv"):
        response = client.get(reverse("publication:list"), {"q": "bröd skolor"})
    page = response.content.decode()
    assert "Bröd till skolor" in page
    assert "Sökningen var för lång" not in page


def test_the_list_shows_lot_counts_in_a_fixed_number_of_queries(client, buyer_org):
    for number in range(5):
        make_tender(buyer_org, f"Bröd {number}", reserved_for_sme=True)
    with CaptureQueriesContext(connection) as five:
        client.get(reverse("publication:list"))
    for number in range(5, 15):
        make_tender(buyer_org, f"Bröd {number}")
    with translation.override("sv"), CaptureQueriesContext(connection) as fifteen:
        response = client.get(reverse("publication:list"))
    assert len(fifteen) == len(five)
    assert response.content.decode().count("1 reserverat för små företag") == 5


def test_the_feed_with_a_thousand_words_answers_atom(client, bread):
    response = client.get(reverse("publication:feed"), {"q": THOUSAND_WORDS})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
