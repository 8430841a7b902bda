"""Meal units, food categories and menus through the pages: forms, filters, validation."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from beredd.network.models import (
    FoodCategory,
    ImportBatch,
    MealUnit,
    MenuShare,
    Supplier,
    SupplyAssignment,
)

UNIT_POST = {
    "code": "U9",
    "name": "Solgårdens äldreboende",
    "unit_type": "elderly_care",
    "area": "north",
    "portions_per_day": "150",
    "criticality": "1",
    "loss_weight": "",
    "min_service_level": "0,9",
    "mtpd_days": "1,5",
    "backup_power_hours": "24",
    "capacity_without_power": "0,3",
    "capacity_without_water": "0,5",
    "staff_reserve": "0,1",
    "stock_days__dry": "4,5",
    "stock_days__chilled": "",
    "order_up_to_days__dry": "",
    "order_up_to_days__chilled": "2",
}


@pytest.fixture
def owner(client, needs_owner, small_network):
    client.force_login(needs_owner)
    return client


def test_a_needs_owner_creates_a_unit_with_stock_days_per_category(owner):
    response = owner.post(reverse("network:unit_create"), UNIT_POST)
    unit = MealUnit.objects.get(code="U9")
    assert response.status_code == 302 and response["Location"].endswith(f"/units/{unit.pk}/")
    assert unit.stock_days == {"dry": 4.5} and unit.order_up_to_days == {"chilled": 2}
    assert (unit.min_service_level, unit.mtpd_days, unit.criticality) == (0.9, 1.5, 1)


def test_the_unit_form_shows_one_number_field_per_category_with_help_texts(owner):
    page = owner.get(reverse("network:unit_create")).content.decode()
    assert 'name="stock_days__dry"' in page and 'name="stock_days__chilled"' in page
    assert "Längsta acceptabla avbrottstid" in page  # MTPD explained
    assert "Torrvaror (dry)" in page


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("capacity_without_power", "1,5"),
        ("min_service_level", "-0,1"),
        ("portions_per_day", "-3"),
        ("stock_days__dry", "-1"),
        ("unit_type", "spaceship"),
        ("code", "har mellanslag"),
        ("menus_normal__dry", "1,5"),
    ],
)
def test_invalid_unit_values_are_refused_with_the_field_named(owner, field, value):
    response = owner.post(reverse("network:unit_create"), {**UNIT_POST, field: value})
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not MealUnit.objects.filter(code="U9").exists()


def test_a_duplicate_unit_id_is_refused(owner):
    response = owner.post(reverse("network:unit_create"), {**UNIT_POST, "code": "U1"})
    assert response.status_code == 200 and response.context["form"].non_field_errors()
    assert MealUnit.objects.filter(code="U1").count() == 1


def test_editing_keeps_the_values_and_unknown_categories_cannot_sneak_in(owner, small_network):
    unit = small_network["units"][0]
    data = {**UNIT_POST, "code": "U1", "stock_days__frukt": "9"}
    owner.post(reverse("network:unit_edit", args=[unit.pk]), data)
    unit.refresh_from_db()
    assert unit.name == "Solgårdens äldreboende" and unit.stock_days == {"dry": 4.5}


def test_deleting_a_unit_asks_first(owner, small_network):
    unit = small_network["units"][0]
    url = reverse("network:unit_delete", args=[unit.pk])
    assert "Ta bort" in owner.get(url).content.decode()
    owner.post(url)
    assert not MealUnit.objects.filter(pk=unit.pk).exists()


def test_the_list_filters_and_totals_portions(owner, small_network):
    response = owner.get(reverse("network:unit_list"), {"unit_type": "school"})
    assert [u.code for u in response.context["page"].object_list] == ["U2"]
    assert response.context["totals"] == {"count": 1, "portions": 60}
    response = owner.get(reverse("network:unit_list"), {"criticality": "1", "area": "north"})
    assert [u.code for u in response.context["page"].object_list] == ["U1"]
    assert (
        "2 enheter, 100 portioner per dag."
        in owner.get(reverse("network:unit_list")).content.decode()
    )


def test_the_unit_page_shows_its_chain_per_category(owner, small_network):
    unit = small_network["units"][0]
    page = owner.get(reverse("network:unit_detail", args=[unit.pk])).content.decode()
    assert "Grossisten AB" in page and "Lokala Mejeriet" in page and "Reserv 1" in page


def test_units_whose_menu_needs_lack_a_supplier_are_listed(owner, small_network):
    small_network["units"][1].assignments.filter(category__code="chilled").delete()
    response = owner.get(reverse("network:unit_list"))
    assert [(u.code, c.code) for u, c in response.context["uncovered"]] == [("U2", "chilled")]


def test_a_category_with_its_menu_shares_is_created(owner):
    data = {
        "code": "frozen",
        "name": "Frysvaror",
        "cold_hours": "48",
        "sort_order": "2",
        "normal_share": "0,2",
        "crisis_share": "",
    }
    owner.post(reverse("network:category_create"), data)
    category = FoodCategory.objects.get(code="frozen")
    assert category.cold_hours == 48
    assert list(MenuShare.objects.filter(category=category).values_list("menu", "share")) == [
        ("normal", 0.2)
    ]


def test_renaming_a_category_renames_it_in_units_and_suppliers(owner, small_network):
    dry = small_network["categories"][0]
    supplier = small_network["suppliers"][0]
    supplier.provenance = {"stock_days.dry": {"source": "verified", "date": "2026-01-01"}}
    supplier.save()
    data = {
        "code": "torr",
        "name": "Torrvaror",
        "cold_hours": "",
        "sort_order": "0",
        "normal_share": "0,5",
        "crisis_share": "1",
    }
    owner.post(reverse("network:category_edit", args=[dry.pk]), data)
    assert MealUnit.objects.get(code="U1").stock_days == {"torr": 1, "chilled": 1}
    supplier.refresh_from_db()
    assert supplier.stock_days == {"torr": 2} and "stock_days.torr" in supplier.provenance


def test_deleting_a_category_removes_its_stock_days(owner, small_network):
    dry = small_network["categories"][0]
    owner.post(reverse("network:category_delete", args=[dry.pk]))
    assert MealUnit.objects.get(code="U1").stock_days == {"chilled": 1}
    assert Supplier.objects.get(code="S1").stock_days == {}


def test_a_negative_menu_share_is_refused(owner):
    data = {
        "code": "x",
        "name": "X",
        "cold_hours": "",
        "sort_order": "0",
        "normal_share": "-1",
        "crisis_share": "",
    }
    response = owner.post(reverse("network:category_create"), data)
    assert "normal_share" in response.context["form"].errors
    assert not FoodCategory.objects.filter(code="x").exists()


def test_the_category_page_shows_menu_shares_and_sums(owner):
    response = owner.get(reverse("network:category_list"))
    assert response.context["totals"] == {"normal": 1.0, "crisis": 1.0}


def test_numbers_are_shown_without_float_noise(owner, small_network):
    unit = small_network["units"][0]
    unit.capacity_without_power = 0.1 + 0.2
    unit.save()
    page = owner.get(reverse("network:unit_detail", args=[unit.pk])).content.decode()
    assert "0,3<" in page and "0000000" not in page
    form = owner.get(reverse("network:unit_edit", args=[unit.pk])).context["form"]
    assert form.initial["capacity_without_power"] == 0.3


def test_a_unit_may_have_its_own_menus(owner, small_network):
    data = {**UNIT_POST, "menus_normal__dry": "0,6", "menus_normal__chilled": "0,4"}
    data |= {"menus_crisis__dry": "1"}
    owner.post(reverse("network:unit_create"), data)
    unit = MealUnit.objects.get(code="U9")
    assert unit.menus == {"normal": {"dry": 0.6, "chilled": 0.4}, "crisis": {"dry": 1.0}}
    page = owner.get(reverse("network:unit_detail", args=[unit.pk])).content.decode()
    assert "Egna menyer" in page


def test_an_own_crisis_menu_without_a_normal_menu_is_refused(owner):
    response = owner.post(reverse("network:unit_create"), {**UNIT_POST, "menus_crisis__dry": "1"})
    assert "normalmeny" in str(response.context["form"].non_field_errors())
    assert not MealUnit.objects.filter(code="U9").exists()


def test_a_unit_without_own_menus_uses_the_organisations(owner):
    owner.post(reverse("network:unit_create"), UNIT_POST)
    assert MealUnit.objects.get(code="U9").menus == {}


def test_a_unit_whose_own_menu_needs_a_category_nobody_serves_is_listed(owner, small_network):
    unit = small_network["units"][0]
    unit.menus = {"normal": {"dry": 1.0}}
    unit.save()
    unit.assignments.filter(category__code="chilled").delete()
    response = owner.get(reverse("network:unit_list"))
    assert response.context["uncovered"] == []


def test_a_menu_share_above_one_is_refused_as_the_engine_would(owner):
    data = {"code": "x", "name": "X", "cold_hours": "", "sort_order": "0"}
    response = owner.post(reverse("network:category_create"), data | {"normal_share": "1,5"})
    assert "normal_share" in response.context["form"].errors


# Bad input


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("portions_per_day", str(10**9)),
        ("loss_weight", "1e7"),
        ("mtpd_days", "1e30"),
        ("backup_power_hours", "1e30"),
        ("staff_reserve", "10,5"),
        ("order_up_to_days__chilled", "4000"),
    ],
)
def test_an_absurd_unit_value_is_refused_beside_its_field(owner_client, field, value):
    response = owner_client.post(reverse("network:unit_create"), {**UNIT_POST, field: value})
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not MealUnit.objects.filter(code=UNIT_POST["code"]).exists()


def test_an_oversized_id_in_a_network_url_is_not_found(procurer_client):
    response = procurer_client.get("/network/suppliers/99999999999999999999/")
    assert response.status_code == 404


def test_a_category_spoiling_after_zero_hours_is_refused_as_the_engine_would(owner_client):
    response = owner_client.post(
        reverse("network:category_create"),
        {"code": "ice", "name": "Glass", "cold_hours": "0", "sort_order": "0"},
    )
    assert response.status_code == 200
    assert "cold_hours" in response.context["form"].errors
    assert not FoodCategory.objects.filter(code="ice").exists()


def test_a_unit_with_an_own_normal_menu_only_is_told_it_has_no_crisis_menu(
    owner_client, small_network
):
    unit = small_network["units"][0]
    unit.menus = {"normal": {"dry": 1.0}}
    unit.save()
    page = owner_client.get(reverse("network:unit_detail", args=[unit.pk])).content.decode()
    assert 'id="no-crisis-menu"' in page
    unit.menus = {"normal": {"dry": 1.0}, "crisis": {"dry": 1.0}}
    unit.save()
    page = owner_client.get(reverse("network:unit_detail", args=[unit.pk])).content.decode()
    assert 'id="no-crisis-menu"' not in page


# Other organisations' ids, roles and deactivated members


def test_a_supplier_of_another_organisation_cannot_be_put_in_a_units_chain(
    client, procurer, small_network, other_network
):
    client.force_login(procurer)
    unit, dry = small_network["units"][0], small_network["categories"][0]
    client.post(
        reverse("network:unit_assignment_add", args=[unit.pk]),
        {"category": dry.pk, "supplier": other_network["supplier"].pk, "rank": 5},
    )
    assert not SupplyAssignment.objects.filter(supplier=other_network["supplier"]).exists()


def test_a_category_of_another_organisation_cannot_be_used_in_a_chain(
    client, procurer, small_network, other_network
):
    client.force_login(procurer)
    supplier = small_network["suppliers"][0]
    client.post(
        reverse("network:supplier_assignments", args=[supplier.pk]),
        {"category": other_network["category"].pk, "rank": 5, "units": [other_network["unit"].pk]},
    )
    client.post(
        reverse("network:unit_assignment_add", args=[small_network["units"][0].pk]),
        {"category": other_network["category"].pk, "supplier": supplier.pk, "rank": 5},
    )
    assert not SupplyAssignment.objects.filter(category=other_network["category"]).exists()


def test_a_needs_owner_cannot_change_who_supplies_a_unit(client, needs_owner, small_network):
    client.force_login(needs_owner)
    unit, dry = small_network["units"][0], small_network["categories"][0]
    assignment = SupplyAssignment.objects.filter(unit=unit).first()
    add = reverse("network:unit_assignment_add", args=[unit.pk])
    assert client.post(add, {"category": dry.pk, "supplier": 1, "rank": 7}).status_code == 403
    remove = reverse("network:assignment_delete", args=[assignment.pk])
    assert client.post(remove).status_code == 403
    assert SupplyAssignment.objects.filter(pk=assignment.pk).exists()


def test_a_deactivated_member_is_logged_out_of_the_network_pages(client, procurer, small_network):
    client.force_login(procurer)
    procurer.is_active = False
    procurer.save()
    response = client.get(reverse("network:supplier_list"))
    assert response.status_code == 302 and "login" in response["Location"]


# Many units


def test_the_unit_list_says_when_there_are_no_food_categories(client, needs_owner, buyer_org):
    client.force_login(needs_owner)
    MealUnit.objects.create(
        organisation=buyer_org,
        code="U1",
        name="A",
        unit_type="school",
        area="n",
        portions_per_day=1,
    )
    response = client.get(reverse("network:unit_list"))
    assert "livsmedelskategori" in response.content.decode()


def _bulk_units(organisation, count: int, start: int = 0) -> None:
    MealUnit.objects.bulk_create(
        MealUnit(
            organisation=organisation,
            code=f"B{number:05d}",
            name=f"Kök {number}",
            unit_type="school",
            area=f"område {number % 7}",
            portions_per_day=number + 1,
            criticality=1 + number % 3,
        )
        for number in range(start, start + count)
    )


def test_the_unit_list_shows_a_thousand_units_a_page_at_a_time(client, needs_owner, buyer_org):
    client.force_login(needs_owner)
    _bulk_units(buyer_org, 1001)
    response = client.get(reverse("network:unit_list"), {"area": "område 0"})
    page = response.context["page"]
    assert len(page.object_list) == 100 and page.paginator.count == 143
    assert "area=omr%C3%A5de+0&amp;page=2" in response.content.decode()
    assert "143 enheter" in response.content.decode()
    last = client.get(reverse("network:unit_list"), {"area": "område 0", "page": 2})
    assert last.context["page"].object_list[0].code == "B00700"


def test_the_unit_list_sorts_by_portions_or_criticality(client, needs_owner, buyer_org):
    client.force_login(needs_owner)
    _bulk_units(buyer_org, 30)
    biggest = client.get(reverse("network:unit_list"), {"sort": "-portions_per_day"})
    assert biggest.context["page"].object_list[0].portions_per_day == 30
    critical = client.get(reverse("network:unit_list"), {"sort": "criticality"})
    assert {u.criticality for u in critical.context["page"].object_list[:10]} == {1}


def test_the_list_of_needs_without_a_supplier_says_how_many_more_there_are(
    client, needs_owner, small_network, buyer_org
):
    client.force_login(needs_owner)
    _bulk_units(buyer_org, 25)  # each needs dry and chilled; nobody serves them
    response = client.get(reverse("network:unit_list"))
    assert len(response.context["uncovered"]) == 20
    assert response.context["uncovered_more"] == 30


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    "name", ["network:unit_list", "network:supplier_list", "network:category_list"]
)
def test_list_pages_need_no_more_queries_for_more_rows(
    client, coordinator, small_network, buyer_org, name
):
    client.force_login(coordinator)
    url = reverse(name)
    few = _queries(client, url)
    _bulk_units(buyer_org, 50)
    Supplier.objects.bulk_create(
        Supplier(organisation=buyer_org, code=f"X{n}", name="X", area="n", capacity_per_day=1)
        for n in range(30)
    )
    dry = small_network["categories"][0]
    for number in range(5):
        category = FoodCategory.objects.create(organisation=buyer_org, code=f"c{number}", name="C")
        MenuShare.objects.create(organisation=buyer_org, menu="crisis", category=category, share=0)
    SupplyAssignment.objects.bulk_create(
        SupplyAssignment(organisation=buyer_org, unit=unit, category=dry, supplier=supplier, rank=0)
        for unit, supplier in zip(
            MealUnit.objects.filter(code__startswith="B"),
            Supplier.objects.filter(code__startswith="X"),
            strict=False,
        )
    )
    assert _queries(client, url) == few


def test_a_supplier_serving_many_units_gets_a_page_of_reasonable_size(
    procurer_client, small_network, buyer_org
):
    _bulk_units(buyer_org, 600)
    supplier = small_network["suppliers"][0]
    SupplyAssignment.objects.bulk_create(
        SupplyAssignment(organisation=buyer_org, unit=unit, category=category, supplier=supplier)
        for unit in MealUnit.objects.filter(code__startswith="B")
        for category in small_network["categories"]
    )
    response = procurer_client.get(reverse("network:supplier_detail", args=[supplier.pk]))
    page = response.content.decode()
    assert "avmarkera dem i formuläret nedan" in page
    assert len(response.content) < 300_000, len(response.content)


# Outsiders, suppliers, visitors and roles on every network page


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
