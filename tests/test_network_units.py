"""Meal units, food categories and menus through the pages: forms, filters, validation."""

import pytest
from django.urls import reverse

from beredd.network.models import FoodCategory, MealUnit, MenuShare, Supplier

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
