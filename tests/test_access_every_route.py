"""Every named route, with real ids of Malmhaga's objects, as every kind of visitor.

For each route the table below says who may open it. From that the test expects, exactly:
an anonymous visitor is sent to log in; a supplier's person gets 403 on a buyer page; a person
of another buyer organisation gets 404 for Malmhaga's objects (the id does not leak) but their
own page where the route names no object; a Malmhaga person without the needed role gets 403;
and a Malmhaga person with the role gets the page (or, for a POST, its redirect). Because the
ids are real, a 404 can only mean "not yours" and a refusal is told from a missing object.

A route added to the URL conf and not listed here, or listed and gone, fails the first test.
"""

from dataclasses import dataclass, field
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from beredd.accounts.models import BUYER_ROLES, Role
from beredd.readiness.steps import STEPS_BY_SLUG
from tests.route_world import (
    BATCH_UPLOADER,
    BUYER_PEOPLE,
    ORG_ADMIN,
    OTHER_BUYER,
    OTHER_SUPPLIER,
    SUPPLIER,
    RouteWorld,
)

LOGIN = "login"  # a redirect to the login page, with ?next=
ALL_BUYER_ROLES = tuple(BUYER_ROLES)
# An import batch is its uploader's own: anyone else's lookup of it answers 404, role or not.
BATCH_IS_PERSONAL = {"without role": 404}
UNIT_EDITORS = (Role.NEEDS_OWNER, Role.PREPAREDNESS_COORDINATOR)
SUPPLIER_EDITORS = (Role.PROCUREMENT_OFFICER, Role.PREPAREDNESS_COORDINATOR)
READINESS_CREATORS = (Role.PREPAREDNESS_COORDINATOR, Role.NEEDS_OWNER)
RUN_STARTERS = (Role.PREPAREDNESS_COORDINATOR, Role.PROCUREMENT_OFFICER, Role.NEEDS_OWNER)
REQUIREMENT_WRITERS = (Role.PROCUREMENT_OFFICER, Role.PREPAREDNESS_COORDINATOR)
OFFICER = (Role.PROCUREMENT_OFFICER,)


@dataclass(frozen=True)
class Lit:
    """A path value that is not an object id (a kind, a format, a step)."""

    value: str


@dataclass(frozen=True)
class Route:
    """Who may open a route. `params` maps path parameters to world ids (or literals)."""

    access: str  # public, logged_in, buyer, org_admin, supplier, member (buyer or supplier)
    params: dict[str, Any] = field(default_factory=dict)
    method: str = "GET"
    roles: tuple[str, ...] = ALL_BUYER_ROLES  # for buyer routes: any one of them opens it
    post_roles: tuple[str, ...] = ()  # the GET is for every buyer role, the POST only for these
    query: dict[str, str] = field(default_factory=dict)  # values are world ids
    ok: int = 0  # the owner's status when it is not 200 (GET) or 302 (POST)
    exceptions: dict[str, Any] = field(default_factory=dict)  # visitor → outcome, with a reason


def public(method: str = "GET", **params: Any) -> Route:
    return Route("public", params, method)


def buyer(
    *roles: str, method: str = "GET", post_roles: tuple[str, ...] = (), **params: Any
) -> Route:
    return Route("buyer", params, method, roles or ALL_BUYER_ROLES, post_roles)


ROUTES: dict[str, Route] = {
    "core:home": public(),
    "set_language": public("POST"),
    "login": public(),
    "logout": public("POST"),
    "password_change": Route("logged_in"),
    "password_change_done": Route("logged_in"),
    "password_reset": public(),
    "password_reset_done": public(),
    "password_reset_confirm": Route(
        "public", {"uidb64": "uidb64", "token": "reset_token"}, ok=302
    ),  # on to the form at .../set-password/, keeping the token out of the address
    "password_reset_complete": public(),
    "accounts:members": Route("org_admin"),
    "accounts:member_edit": Route("org_admin", {"pk": "member"}),
    "accounts:member_active": Route("org_admin", {"pk": "member"}, "POST"),
    "accounts:invite": Route("org_admin"),
    "accounts:invitation_cancel": Route("org_admin", {"pk": "invitation"}, "POST"),
    "accounts:accept": public(token="token"),
    "accounts:profile": Route("logged_in"),
    "network:unit_list": buyer(),
    "network:unit_create": buyer(*UNIT_EDITORS),
    "network:unit_detail": buyer(pk="unit"),
    "network:unit_edit": buyer(*UNIT_EDITORS, pk="unit"),
    "network:unit_delete": buyer(*UNIT_EDITORS, pk="unit"),
    "network:unit_assignment_add": buyer(*SUPPLIER_EDITORS, method="POST", pk="unit"),
    "network:category_list": buyer(),
    "network:category_create": buyer(*UNIT_EDITORS),
    "network:category_edit": buyer(*UNIT_EDITORS, pk="category"),
    "network:category_delete": buyer(*UNIT_EDITORS, pk="category"),
    "network:supplier_list": buyer(),
    "network:supplier_create": buyer(*SUPPLIER_EDITORS),
    "network:supplier_detail": buyer(pk="supplier"),
    "network:supplier_edit": buyer(*SUPPLIER_EDITORS, pk="supplier"),
    "network:supplier_delete": buyer(*SUPPLIER_EDITORS, pk="supplier"),
    "network:supplier_assignments": buyer(*SUPPLIER_EDITORS, method="POST", pk="supplier"),
    "network:assignment_delete": buyer(*SUPPLIER_EDITORS, method="POST", pk="assignment"),
    "network:export": buyer(kind=Lit("units")),
    "network:template": buyer(kind=Lit("units")),
    "network:import_upload": buyer(*UNIT_EDITORS, kind=Lit("units")),
    "network:import_preview": Route(
        "buyer", {"pk": "batch"}, roles=UNIT_EDITORS, exceptions=BATCH_IS_PERSONAL
    ),
    "network:import_discard": Route(
        "buyer", {"pk": "batch"}, "POST", roles=UNIT_EDITORS, exceptions=BATCH_IS_PERSONAL
    ),
    "readiness:activity_list": buyer(),
    "readiness:activity_create": buyer(*READINESS_CREATORS),
    "readiness:overview": buyer(),
    "readiness:overview_docx": buyer(),
    "readiness:activity_detail": buyer(pk="activity"),
    "readiness:step": buyer(*STEPS_BY_SLUG["analysis"].roles, pk="activity", step=Lit("analysis")),
    "readiness:brief": buyer(pk="activity"),
    "readiness:brief_docx": buyer(pk="activity"),
    "readiness:brief_pdf": buyer(pk="activity"),
    "stresstests:run_list": buyer(),
    "stresstests:run_create": buyer(*RUN_STARTERS),
    "stresstests:run_compare": Route("buyer", query={"a": "run", "b": "run"}),
    "stresstests:run_detail": buyer(pk="run"),
    "stresstests:run_results": buyer(pk="run"),
    "stresstests:run_download": buyer(pk="run", fmt=Lit("xlsx")),
    "stresstests:run_rerun": buyer(*RUN_STARTERS, method="POST", pk="run"),
    "stresstests:run_what_if": buyer(*RUN_STARTERS, pk="run"),
    "stresstests:run_what_if_add": buyer(*RUN_STARTERS, pk="run"),
    "requirements:library": buyer(),
    "requirements:export": buyer(),
    "requirements:create": buyer(*REQUIREMENT_WRITERS),
    "requirements:detail": buyer(pk="requirement"),
    "requirements:copy": buyer(*REQUIREMENT_WRITERS, pk="requirement"),
    "requirements:revise": buyer(*REQUIREMENT_WRITERS, pk="requirement"),
    "procurement:list": buyer(),
    "procurement:create": buyer(*OFFICER),
    "procurement:detail": buyer(pk="draft"),
    "procurement:general": buyer(post_roles=OFFICER, pk="draft"),
    "procurement:lot_list": buyer(pk="draft"),
    "procurement:lot_create": buyer(*OFFICER, pk="draft"),
    "procurement:lot_edit": buyer(*OFFICER, pk="draft", lot_pk="lot"),
    "procurement:lot_delete": buyer(*OFFICER, method="POST", pk="draft", lot_pk="lot"),
    "procurement:lot_requirements": buyer(post_roles=REQUIREMENT_WRITERS, pk="draft", lot_pk="lot"),
    "procurement:lot_requirement_remove": buyer(
        *REQUIREMENT_WRITERS, method="POST", pk="draft", lot_pk="lot", use_pk="use"
    ),
    "procurement:evaluation": buyer(post_roles=OFFICER, pk="draft"),
    "procurement:scenarios": buyer(post_roles=REQUIREMENT_WRITERS, pk="draft"),
    "procurement:timeline": buyer(post_roles=OFFICER, pk="draft"),
    "procurement:publish": buyer(*OFFICER, method="POST", pk="draft"),
    "procurement:document_html": public(pk="published"),
    "procurement:document_docx": public(pk="published"),
    "procurement:document_pdf": public(pk="published"),
    "publication:list": public(),
    "publication:feed": public(),
    "publication:detail": public(pk="published"),
    "publication:watch_list": Route("supplier"),
    "publication:watch_create": Route("supplier", method="POST"),
    "publication:watch_seen": Route("supplier", method="POST"),
    "publication:watch_delete": Route("supplier", {"pk": "watch"}, "POST"),
    "publication:watch_feed": public(token="feed_token"),
    "dialogue:rfi_list": Route("member"),
    "dialogue:rfi_create": buyer(*OFFICER),
    "dialogue:rfi_detail": Route("member", {"pk": "rfi"}),
    "dialogue:rfi_export": buyer(pk="rfi"),
    "dialogue:question_list": Route("member"),
    # Another role's POST is sent back to the page with a message (tests/test_dialogue_*.py).
    "dialogue:question_answer": buyer(pk="question"),
    # Any supplier may ask about a published tender: its id is public, not Malmhaga's secret.
    "dialogue:question_ask": Route(
        "supplier", {"procurement_pk": "published"}, exceptions={"other supplier": 200}
    ),
}
# Django's admin is Django's own (staff only) and is left out of the walk.
SKIPPED_NAMESPACES = {"admin"}


def _named_routes(patterns: list, namespace: str | None = None) -> set[str]:
    names: set[str] = set()
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = entry.namespace or namespace
            if inner not in SKIPPED_NAMESPACES:
                names |= _named_routes(entry.url_patterns, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            names.add(f"{namespace}:{entry.name}" if namespace else entry.name)
    return names


def test_every_named_route_is_listed_and_every_listed_route_exists():
    routes = _named_routes(get_resolver().url_patterns)
    assert sorted(routes - set(ROUTES)) == [], "routes without an access rule here"
    assert sorted(set(ROUTES) - routes) == [], "listed routes that are gone"


def _value(world: RouteWorld, source: Any) -> Any:
    return source.value if isinstance(source, Lit) else world.ids[source]


def _url(world: RouteWorld, name: str, route: Route) -> str:
    kwargs = {param: _value(world, source) for param, source in route.params.items()}
    url = reverse(name, kwargs=kwargs)
    if route.query:
        url += "?" + "&".join(f"{key}={world.ids[source]}" for key, source in route.query.items())
    return url


def _names_an_object(route: Route) -> bool:
    return any(not isinstance(source, Lit) for source in route.params.values()) or bool(route.query)


def _buyer_person(world: RouteWorld, roles: tuple[str, ...], *, holding: bool) -> str | None:
    for username in BUYER_PEOPLE:
        if world.users[username].has_role(*roles) == holding:
            return username
    return None


def _owner(world: RouteWorld, route: Route) -> str | None:
    if route.params.get("pk") == "batch":
        return BATCH_UPLOADER
    return _buyer_person(world, route.roles, holding=True)


def expected_outcomes(world: RouteWorld, route: Route) -> dict[str, tuple[str | None, Any]]:
    """visitor → (username or None, outcome); an outcome is LOGIN or a status code."""
    ok = route.ok or (302 if route.method == "POST" else 200)
    foreign = 404 if _names_an_object(route) else ok
    anonymous_ok = ok if route.access == "public" else LOGIN
    expected: dict[str, tuple[str | None, Any]] = {"anonymous": (None, anonymous_ok)}
    if route.access in ("public", "logged_in"):
        expected |= {
            "supplier": (SUPPLIER, ok),
            "other buyer": (OTHER_BUYER, ok),
            "owner": (BUYER_PEOPLE[0], ok),
        }
    elif route.access == "supplier":
        expected |= {
            "buyer": (ORG_ADMIN, 403),
            "other supplier": (OTHER_SUPPLIER, foreign),
            "owner": (SUPPLIER, ok),
        }
    elif route.access == "member":
        expected |= {
            "supplier": (SUPPLIER, ok),
            "other buyer": (OTHER_BUYER, foreign),
            "owner": (BUYER_PEOPLE[0], ok),
        }
    elif route.access == "org_admin":
        # A supplier's admin manages the members of their own firm, not of Malmhaga.
        expected |= {
            "supplier": (SUPPLIER, foreign),
            "other buyer": (OTHER_BUYER, foreign),
            "without role": ("malmhaga-beslut", 403),
            "owner": (ORG_ADMIN, ok),
        }
    else:
        assert route.access == "buyer", route
        expected |= {
            "supplier": (SUPPLIER, 403),
            "other buyer": (OTHER_BUYER, foreign),
            "owner": (_owner(world, route), ok),
        }
        without = _buyer_person(world, route.roles, holding=False)
        if without:
            expected["without role"] = (without, 403)
    for visitor, outcome in route.exceptions.items():
        expected[visitor] = (expected[visitor][0], outcome)
    return expected


def outcome_of(response) -> Any:
    if response.status_code == 302 and response["Location"].startswith("/accounts/login/"):
        return LOGIN
    return response.status_code


def _request(client: Client, method: str, url: str):
    return client.post(url) if method == "POST" else client.get(url)


@pytest.mark.parametrize("name", sorted(ROUTES))
def test_each_route_answers_each_visitor_as_its_rule_says(db, route_world, name):
    route = ROUTES[name]
    url = _url(route_world, name, route)
    expected = expected_outcomes(route_world, route)
    seen = {}
    # The owner goes last: a POST may delete the object the others asked for.
    for visitor, (username, _outcome) in sorted(expected.items(), key=lambda i: i[0] == "owner"):
        client = Client()
        if username:
            client.force_login(route_world.users[username])
        seen[visitor] = (username, outcome_of(_request(client, route.method, url)))
    assert seen == expected, f"{route.method} {url}"


@pytest.mark.parametrize("name", sorted(n for n, r in ROUTES.items() if r.post_roles))
def test_a_buyer_without_the_editing_role_may_read_the_page_but_not_post_it(db, route_world, name):
    route = ROUTES[name]
    url = _url(route_world, name, route)
    reader = _buyer_person(route_world, route.post_roles, holding=False)
    assert reader, f"every buyer person may edit {name}"
    client = Client()
    client.force_login(route_world.users[reader])
    assert client.get(url).status_code == 200, url
    assert client.post(url).status_code == 403, url
