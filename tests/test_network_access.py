"""Who may see and change the supply network: every view against outsiders, suppliers and roles."""

import pytest
from django.urls import reverse

from beredd.network.models import ImportBatch, MealUnit, Supplier

LIST_URLS = [
    ("network:unit_list", []),
    ("network:category_list", []),
    ("network:supplier_list", []),
    ("network:export", ["units"]),
    ("network:export", ["suppliers"]),
    ("network:template", ["units"]),
    ("network:template", ["suppliers"]),
]
FORM_URLS = [
    ("network:unit_create", []),
    ("network:category_create", []),
    ("network:supplier_create", []),
    ("network:import_upload", ["units"]),
    ("network:import_upload", ["suppliers"]),
]
# (url name, which object of small_network, GET allowed)
OBJECT_URLS = [
    ("network:unit_detail", "unit", True),
    ("network:unit_edit", "unit", True),
    ("network:unit_delete", "unit", True),
    ("network:unit_assignment_add", "unit", False),
    ("network:category_edit", "category", True),
    ("network:category_delete", "category", True),
    ("network:supplier_detail", "supplier", True),
    ("network:supplier_edit", "supplier", True),
    ("network:supplier_delete", "supplier", True),
    ("network:supplier_assignments", "supplier", False),
    ("network:assignment_delete", "assignment", False),
    ("network:import_preview", "batch", True),
    ("network:import_discard", "batch", False),
]


@pytest.fixture
def objects(small_network, coordinator) -> dict:
    unit = small_network["units"][0]
    batch = ImportBatch.objects.create(
        organisation=unit.organisation, created_by=coordinator, kind="units", filename="x.csv"
    )
    return {
        "unit": unit,
        "category": small_network["categories"][0],
        "supplier": small_network["suppliers"][0],
        "assignment": unit.assignments.first(),
        "batch": batch,
    }


def _url(name: str, obj) -> str:
    return reverse(name, args=[obj.pk])


@pytest.mark.parametrize(("name", "kind", "get_allowed"), OBJECT_URLS)
def test_an_outsider_gets_404_for_every_object_view(
    client, outsider, objects, name, kind, get_allowed
):
    client.force_login(outsider)
    url = _url(name, objects[kind])
    assert client.post(url).status_code == 404
    if get_allowed:
        assert client.get(url).status_code == 404
    assert MealUnit.objects.filter(pk=objects["unit"].pk).exists()
    assert Supplier.objects.filter(pk=objects["supplier"].pk).exists()


@pytest.mark.parametrize(("name", "kind", "get_allowed"), OBJECT_URLS)
def test_a_supplier_user_gets_403_for_every_object_view(
    client, bid_manager, objects, name, kind, get_allowed
):
    client.force_login(bid_manager)
    assert client.post(_url(name, objects[kind])).status_code == 403


@pytest.mark.parametrize(("name", "args"), LIST_URLS + FORM_URLS)
def test_a_supplier_user_gets_403_for_every_page(client, bid_manager, name, args):
    client.force_login(bid_manager)
    assert client.get(reverse(name, args=args)).status_code == 403


@pytest.mark.parametrize(("name", "args"), LIST_URLS + FORM_URLS)
def test_anonymous_visitors_are_sent_to_the_login(client, db, name, args):
    response = client.get(reverse(name, args=args))
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


@pytest.mark.parametrize(("name", "kind", "get_allowed"), [u for u in OBJECT_URLS if u[2]])
def test_anonymous_visitors_are_sent_to_the_login_from_objects(
    client, objects, name, kind, get_allowed
):
    response = client.get(_url(name, objects[kind]))
    assert response.status_code == 302


@pytest.mark.parametrize(
    "name", ["network:unit_list", "network:category_list", "network:supplier_list"]
)
def test_an_outsider_sees_none_of_the_other_organisations_network(
    client, outsider, small_network, name
):
    client.force_login(outsider)
    response = client.get(reverse(name))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Ekby sjukhus" not in page and "Grossisten" not in page and "Kylvaror" not in page


def test_an_outsiders_export_holds_only_their_own_network(client, outsider, small_network):
    import io

    from openpyxl import load_workbook

    client.force_login(outsider)
    response = client.get(reverse("network:export", args=["units"]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.max_row == 1


def test_every_buyer_role_may_view(client, decision_maker, small_network):
    client.force_login(decision_maker)
    unit, supplier = small_network["units"][0], small_network["suppliers"][0]
    for url in (
        reverse("network:unit_list"),
        _url("network:unit_detail", unit),
        _url("network:supplier_detail", supplier),
    ):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("name", ["network:unit_create", "network:category_create"])
def test_only_needs_owners_and_coordinators_edit_units(
    client, procurer, needs_owner, coordinator, name
):
    client.force_login(procurer)
    assert client.get(reverse(name)).status_code == 403
    for user in (needs_owner, coordinator):
        client.force_login(user)
        assert client.get(reverse(name)).status_code == 200


def test_only_procurers_and_coordinators_edit_suppliers(
    client, needs_owner, procurer, coordinator, small_network
):
    supplier = small_network["suppliers"][0]
    client.force_login(needs_owner)
    assert client.get(reverse("network:supplier_create")).status_code == 403
    assert client.get(_url("network:supplier_edit", supplier)).status_code == 403
    assert (
        client.post(_url("network:assignment_delete", supplier.assignments.first())).status_code
        == 403
    )
    assert client.get(reverse("network:import_upload", args=["suppliers"])).status_code == 403
    for user in (procurer, coordinator):
        client.force_login(user)
        assert client.get(_url("network:supplier_edit", supplier)).status_code == 200


def test_a_pending_import_belongs_to_the_person_who_uploaded_it(client, objects, needs_owner):
    client.force_login(needs_owner)
    assert client.get(_url("network:import_preview", objects["batch"])).status_code == 404
