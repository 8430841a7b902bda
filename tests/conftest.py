"""Shared fixtures: one buyer organisation with one person per role, a supplier, and an outsider."""

import datetime
import re
import zlib
from collections.abc import Iterator

import pytest
from django.db import connection, transaction
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from beredd.accounts.models import Organisation, OrganisationKind, Role, SizeClass, User
from beredd.dialogue.models import RequestForInformation
from beredd.network.models import (
    FoodCategory,
    MealUnit,
    MenuShare,
    Supplier,
    SupplyAssignment,
)
from beredd.procurement.models import Procurement, Status
from tests.procurement_data import make_ready_procurement
from tests.route_world import RouteWorld, build_route_world
from tests.stresstest_data import IMMEDIATE, Info, library
from tests.test_publication_data import make_tender

PASSWORD = "Beredd-test-2026!"

_PDF_STREAM = re.compile(rb"stream\r?\n(.*?)\r?\nendstream", re.S)
_PDF_SHOWN_TEXT = re.compile(rb"\(((?:\\.|[^\\)])*)\)\s*Tj", re.S)
_PDF_ESCAPE = re.compile(rb"\\([0-7]{1,3}|.)", re.S)
_PDF_ESCAPES = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"}


def _pdf_unescape(match: re.Match) -> bytes:
    code = match.group(1)
    if code[:1].isdigit():
        return bytes([int(code, 8)])
    return _PDF_ESCAPES.get(code, code)


def text_in_pdf(content: bytes) -> str:
    """The text a PDF made by fpdf2 with its core (Latin-1) fonts shows, one space between pieces.

    fpdf2 writes each line as one `(…) Tj` in a Flate-compressed page stream; there is no
    PDF reader among the dependencies, and this is all the app's PDFs need.
    """
    assert content.startswith(b"%PDF"), content[:20]
    pieces = []
    for stream in _PDF_STREAM.findall(content):
        try:
            operators = zlib.decompress(stream)
        except zlib.error:
            operators = stream
        for shown in _PDF_SHOWN_TEXT.findall(operators):
            pieces.append(_PDF_ESCAPE.sub(_pdf_unescape, shown).decode("latin-1"))
    return " ".join(" ".join(pieces).split())


@pytest.fixture(autouse=True)
def _fresh_rate_limits() -> None:
    """Rate-limit counts live in a cache shared across processes; each test starts from zero."""
    from django.core.cache import cache

    cache.clear()


def make_user(username: str, organisation: Organisation | None, roles: list[str], **extra) -> User:
    user = User.objects.create_user(
        username=username,
        email=f"{username}@example.se",
        password=PASSWORD,
        organisation=organisation,
        first_name=username.capitalize(),
        **extra,
    )
    user.set_roles(roles)
    return user


@pytest.fixture
def buyer_org(db) -> Organisation:
    return Organisation.objects.create(
        name="Ekby kommun",
        slug="ekby",
        kind=OrganisationKind.MUNICIPALITY,
        org_number="212000-1215",
    )


@pytest.fixture
def other_org(db) -> Organisation:
    return Organisation.objects.create(
        name="Ådala kommun",
        slug="adala",
        kind=OrganisationKind.MUNICIPALITY,
        org_number="212000-1223",
    )


@pytest.fixture
def supplier_org(db) -> Organisation:
    return Organisation.objects.create(
        name="Gårdsbageriet AB",
        slug="gardsbageriet",
        kind=OrganisationKind.SUPPLIER,
        org_number="556036-0793",
        size_class=SizeClass.MICRO,
    )


@pytest.fixture
def decision_maker(buyer_org) -> User:
    return make_user("beslut", buyer_org, [Role.DECISION_MAKER])


@pytest.fixture
def coordinator(buyer_org) -> User:
    return make_user("samordnare", buyer_org, [Role.PREPAREDNESS_COORDINATOR])


@pytest.fixture
def needs_owner(buyer_org) -> User:
    return make_user("kostchef", buyer_org, [Role.NEEDS_OWNER])


@pytest.fixture
def procurer(buyer_org) -> User:
    return make_user("upphandlare", buyer_org, [Role.PROCUREMENT_OFFICER])


@pytest.fixture
def org_admin(buyer_org) -> User:
    return make_user(
        "admin",
        buyer_org,
        [Role.PREPAREDNESS_COORDINATOR, Role.PROCUREMENT_OFFICER],
        is_org_admin=True,
    )


@pytest.fixture
def bid_manager(supplier_org) -> User:
    return make_user("anbud", supplier_org, [Role.BID_MANAGER])


@pytest.fixture
def outsider(other_org) -> User:
    """Holds every buyer role, but in another organisation."""
    return make_user(
        "utomstaende",
        other_org,
        [
            Role.DECISION_MAKER,
            Role.PREPAREDNESS_COORDINATOR,
            Role.NEEDS_OWNER,
            Role.PROCUREMENT_OFFICER,
        ],
        is_org_admin=True,
    )


@pytest.fixture
def small_network(buyer_org) -> dict:
    """Two categories, two units, two suppliers; S1 primary and S2 backup for everything."""
    dry = FoodCategory.objects.create(organisation=buyer_org, code="dry", name="Torrvaror")
    chilled = FoodCategory.objects.create(
        organisation=buyer_org, code="chilled", name="Kylvaror", cold_hours=12, sort_order=1
    )
    for menu, shares in {"normal": {dry: 0.5, chilled: 0.5}, "crisis": {dry: 1.0}}.items():
        for category, share in shares.items():
            MenuShare.objects.create(
                organisation=buyer_org, menu=menu, category=category, share=share
            )
    units = [
        MealUnit.objects.create(
            organisation=buyer_org,
            code="U1",
            name="Ekby sjukhus avd 3",
            unit_type="hospital",
            area="north",
            portions_per_day=40,
            criticality=1,
            stock_days={"dry": 1, "chilled": 1},
            capacity_without_power=0.5,
        ),
        MealUnit.objects.create(
            organisation=buyer_org,
            code="U2",
            name="Ekby skola",
            unit_type="school",
            area="north",
            portions_per_day=60,
            criticality=2,
            stock_days={"dry": 1, "chilled": 1},
            capacity_without_power=0.5,
        ),
    ]
    suppliers = [
        Supplier.objects.create(
            organisation=buyer_org,
            code="S1",
            name="Grossisten AB",
            area="south",
            capacity_per_day=100,
            stock_days={"dry": 2},
            prioritises_critical=True,
            backup_power_hours=24,
            capacity_without_power=0.5,
            time_to_recover_days=7,
        ),
        Supplier.objects.create(
            organisation=buyer_org,
            code="S2",
            name="Lokala Mejeriet",
            area="north",
            capacity_per_day=40,
            time_to_recover_days=3,
        ),
    ]
    for unit in units:
        for category in (dry, chilled):
            for rank, supplier in enumerate(suppliers):
                SupplyAssignment.objects.create(
                    organisation=buyer_org,
                    unit=unit,
                    category=category,
                    supplier=supplier,
                    rank=rank,
                )
    return {"categories": [dry, chilled], "units": units, "suppliers": suppliers}


@pytest.fixture
def scenario_library(monkeypatch) -> list[Info]:
    """The stress-test pages offer two small scenarios instead of the engine's library."""
    from beredd.stresstests import engine_api

    monkeypatch.setattr(engine_api, "scenario_library", library)
    return library()


@pytest.fixture
def immediate_tasks(settings, tmp_path):
    """Tasks run at once, in the request that queues them; files go to a temporary folder."""
    settings.TASKS = IMMEDIATE
    settings.MEDIA_ROOT = tmp_path
    return settings


@pytest.fixture(scope="module")
def route_world(django_db_setup, django_db_blocker, tmp_path_factory) -> Iterator[RouteWorld]:
    """The demo region plus one object behind every route's ids, built once per module.

    It lives in a transaction rolled back after the module; each test's own transaction
    (a savepoint inside it) undoes what that test changed.
    """
    media = tmp_path_factory.mktemp("route-world-media")
    with override_settings(MEDIA_ROOT=media), django_db_blocker.unblock():
        with transaction.atomic():
            yield build_route_world()
            transaction.set_rollback(True)


# Market dialogue and tender questions


@pytest.fixture
def tender(buyer_org):
    return make_tender(buyer_org, "Bröd till skolor")


@pytest.fixture
def draft(buyer_org):
    return make_tender(buyer_org, "Bröd 2027", status=Status.DRAFT)


@pytest.fixture
def rfi(draft, procurer) -> RequestForInformation:
    return RequestForInformation.objects.create(
        procurement=draft,
        title="Delområden",
        questions="Hur många kök kan ni leverera till?",
        answer_deadline=timezone.localdate() + datetime.timedelta(days=14),
        created_by=procurer,
    )


def org_number(number: int) -> str:
    """A valid Swedish organisation number (Luhn check digit), one per `number`."""
    digits = f"556{number:06d}"
    total = 0
    for index, digit in enumerate(int(d) for d in digits):
        doubled = digit * 2 if index % 2 == 0 else digit
        total += doubled - 9 if doubled > 9 else doubled
    full = digits + str((10 - total % 10) % 10)
    return f"{full[:6]}-{full[6:]}"


def another_supplier(number: int) -> Organisation:
    return Organisation.objects.create(
        name=f"Leverantör {number} AB",
        slug=f"leverantor-{number}",
        kind=OrganisationKind.SUPPLIER,
        org_number=org_number(100 + number),
        size_class=SizeClass.SMALL,
    )


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


# Supply network


@pytest.fixture
def owner_client(client, needs_owner, small_network):
    client.force_login(needs_owner)
    return client


@pytest.fixture
def procurer_client(client, procurer, small_network):
    client.force_login(procurer)
    return client


@pytest.fixture
def other_network(other_org) -> dict:
    """The other organisation uses the same codes: codes are per organisation."""
    dry = FoodCategory.objects.create(organisation=other_org, code="dry", name="Torrt")
    unit = MealUnit.objects.create(
        organisation=other_org,
        code="U1",
        name="Ådala skola",
        unit_type="school",
        area="väst",
        portions_per_day=10,
    )
    supplier = Supplier.objects.create(
        organisation=other_org, code="S1", name="Ådala grossist", area="väst", capacity_per_day=9
    )
    return {"category": dry, "unit": unit, "supplier": supplier}


# Procurement


@pytest.fixture
def ready_procurement(buyer_org, procurer, small_network) -> Procurement:
    return make_ready_procurement(buyer_org, procurer, small_network)


@pytest.fixture
def logged_in(client, procurer):
    client.login(username=procurer.username, password=PASSWORD)
    return client


def general_data_of(procurement: Procurement, **changes: object) -> dict:
    data = {
        "title": procurement.title,
        "reference": procurement.reference,
        "description": procurement.description,
        "procedure": procurement.procedure,
        "cpv_text": "15000000-8",
        "estimated_value_sek": "1000000",
        "contract_start": procurement.contract_start.isoformat(),
        "contract_end": procurement.contract_end.isoformat(),
        "option_months": "0",
    }
    data.update(changes)
    return data


def publish(procurement: Procurement) -> None:
    procurement.status = "published"
    procurement.published_at = timezone.now()
    procurement.save()
