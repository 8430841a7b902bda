"""A net under the per-view outsider tests: walk every route of every Beredd app.

Anonymous visitors reach only the public pages; a supplier's person reaches no buyer page;
nothing answers with a server error for ids that do not exist.
"""

import uuid

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

BEREDD_NAMESPACES = {
    "core",
    "accounts",
    "network",
    "readiness",
    "stresstests",
    "requirements",
    "procurement",
    "publication",
    "dialogue",
}
# Routes anyone may open without logging in (documents of published procurements answer 404
# for drafts, which the test accepts for every route).
PUBLIC = {
    "core:home",
    "accounts:accept",
    "publication:list",
    "publication:detail",
    "publication:feed",
    "publication:watch_feed",
    "procurement:document_html",
    "procurement:document_docx",
    "procurement:document_pdf",
}
# Buyer namespaces whose routes a supplier's person must never get a 200 from.
BUYER_ONLY = {"network", "readiness", "stresstests", "requirements", "procurement"}
SUPPLIER_OK = {"procurement:document_html", "procurement:document_docx", "procurement:document_pdf"}
DUMMY = {
    "int": "987654",
    "slug": "no-such-thing",
    "str": "no-such-thing",
    "path": "no/such",
    "uuid": str(uuid.UUID(int=7)),
}


def _walk(patterns, prefix="", namespace=None):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            yield from _walk(
                entry.url_patterns, prefix + str(entry.pattern), entry.namespace or namespace
            )
        elif isinstance(entry, URLPattern) and namespace in BEREDD_NAMESPACES and entry.name:
            yield f"{namespace}:{entry.name}", prefix + str(entry.pattern), entry.pattern


def _concrete_path(route: str, pattern) -> str | None:
    converters = getattr(pattern, "converters", {})
    path = route
    for name, converter in converters.items():
        kind = type(converter).__name__.replace("Converter", "").lower()
        for token in (f"<{kind}:{name}>", f"<{name}>"):
            path = path.replace(token, DUMMY.get(kind, "no-such-thing"))
    if "<" in path or "(" in path or "^" in path:
        return None
    return "/" + path


ROUTES = [
    (name, path)
    for name, route, pattern in _walk(get_resolver().url_patterns)
    if (path := _concrete_path(route, pattern)) is not None
]


def test_the_walk_finds_the_routes_of_the_apps():
    assert len(ROUTES) >= 5


@pytest.mark.parametrize(("name", "path"), ROUTES, ids=[name for name, _ in ROUTES])
def test_an_anonymous_visitor_reaches_only_public_pages(client, db, name, path):
    response = client.get(path)
    assert response.status_code < 500, f"{name} {path}: {response.status_code}"
    if name in PUBLIC:
        return
    assert response.status_code in (302, 403, 404, 405), f"{name} {path}: {response.status_code}"
    if response.status_code == 302:
        assert "/accounts/login/" in response["Location"], f"{name} redirects elsewhere"


@pytest.mark.parametrize(
    ("name", "path"),
    [(n, p) for n, p in ROUTES if n.split(":")[0] in BUYER_ONLY and n not in SUPPLIER_OK],
    ids=[n for n, _ in ROUTES if n.split(":")[0] in BUYER_ONLY and n not in SUPPLIER_OK],
)
def test_a_suppliers_person_reaches_no_buyer_page(client, bid_manager, name, path):
    client.force_login(bid_manager)
    response = client.get(path)
    assert response.status_code in (403, 404, 405), f"{name} {path}: {response.status_code}"
