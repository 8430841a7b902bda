"""Current suppliers: every model value with its source and date, and who they serve."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from beredd.network.models import (
    MealUnit,
    Supplier,
    SupplyAssignment,
)

SUPPLIER_POST = {
    "code": "S3",
    "name": "Skånegrossen AB",
    "supplier_organisation": "",
    "area": "south",
    "capacity_per_day": "2500,5",
    "upstream_slack": "0,5",
    "backup_power_hours": "72",
    "capacity_without_power": "0,2",
    "fuel_reserve_days": "3",
    "manual_ordering_share": "0,5",
    "staff_reserve": "0,1",
    "prioritises_critical": "on",
    "ordering_system": "sys-A",
    "time_to_recover_days": "14",
    "stock_days__dry": "10",
    "stock_days__chilled": "",
    "import_share__dry": "0,25",
    "import_share__chilled": "",
    "source__capacity_per_day": "verified",
    "date__capacity_per_day": "2026-10-01",
    "source__stock_days__dry": "declared",
    "date__stock_days__dry": "",
}


def test_a_procurer_creates_a_supplier_with_sources_for_its_values(procurer_client):
    response = procurer_client.post(reverse("network:supplier_create"), SUPPLIER_POST)
    supplier = Supplier.objects.get(code="S3")
    assert response.status_code == 302
    assert supplier.capacity_per_day == 2500.5 and supplier.prioritises_critical
    assert supplier.stock_days == {"dry": 10} and supplier.import_share == {"dry": 0.25}
    assert supplier.provenance["capacity_per_day"] == {"source": "verified", "date": "2026-10-01"}
    assert supplier.provenance["stock_days.dry"]["source"] == "declared"
    assert set(supplier.provenance) == {"capacity_per_day", "stock_days.dry"}


def test_the_supplier_page_shows_each_value_with_its_source_and_date(procurer_client):
    procurer_client.post(reverse("network:supplier_create"), SUPPLIER_POST)
    supplier = Supplier.objects.get(code="S3")
    page = procurer_client.get(
        reverse("network:supplier_detail", args=[supplier.pk])
    ).content.decode()
    assert "Verifierad" in page and "2026-10-01" in page and "Uppgiven av leverantören" in page
    assert "inte angiven" in page


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("import_share__dry", "1,2"),
        ("manual_ordering_share", "2"),
        ("capacity_per_day", "-1"),
        ("date__stock_days__dry", "2026-13-40"),
        ("source__capacity_per_day", "rumour"),
    ],
)
def test_invalid_supplier_values_are_refused(procurer_client, field, value):
    response = procurer_client.post(
        reverse("network:supplier_create"), {**SUPPLIER_POST, field: value}
    )
    assert field in response.context["form"].errors
    assert not Supplier.objects.filter(code="S3").exists()


def test_a_date_without_a_source_is_refused(procurer_client):
    data = {**SUPPLIER_POST, "date__fuel_reserve_days": "2026-01-01"}
    response = procurer_client.post(reverse("network:supplier_create"), data)
    assert "date__fuel_reserve_days" in response.context["form"].errors


def test_a_buyer_organisation_cannot_be_linked_as_the_supplier(procurer_client, other_org):
    data = {**SUPPLIER_POST, "supplier_organisation": str(other_org.pk)}
    response = procurer_client.post(reverse("network:supplier_create"), data)
    assert "supplier_organisation" in response.context["form"].errors


def test_a_supplier_page_sets_the_units_it_serves_for_a_category(procurer_client, small_network):
    procurer_client.post(reverse("network:supplier_create"), SUPPLIER_POST)
    s3 = Supplier.objects.get(code="S3")
    dry = small_network["categories"][0]
    u1, u2 = small_network["units"]
    url = reverse("network:supplier_assignments", args=[s3.pk])
    procurer_client.post(url, {"category": dry.pk, "rank": 2, "units": [u1.pk, u2.pk]})
    assert SupplyAssignment.objects.filter(supplier=s3, category=dry, rank=2).count() == 2
    procurer_client.post(url, {"category": dry.pk, "rank": 2, "units": [u2.pk]})
    assert list(
        SupplyAssignment.objects.filter(supplier=s3).values_list("unit__code", flat=True)
    ) == ["U2"]
    page = procurer_client.get(reverse("network:supplier_detail", args=[s3.pk])).content.decode()
    assert "Reserv 2" in page and "Ekby skola" in page


def test_a_rank_held_by_another_supplier_is_an_error_and_nothing_changes(
    procurer_client, small_network
):
    procurer_client.post(reverse("network:supplier_create"), SUPPLIER_POST)
    s3 = Supplier.objects.get(code="S3")
    dry = small_network["categories"][0]
    u1, u2 = small_network["units"]
    response = procurer_client.post(
        reverse("network:supplier_assignments", args=[s3.pk]),
        {"category": dry.pk, "rank": 0, "units": [u1.pk, u2.pk]},
        follow=True,
    )
    assert "har redan Grossisten AB (S1) på rang 0" in response.content.decode()
    assert not SupplyAssignment.objects.filter(supplier=s3).exists()


def test_units_of_another_organisation_cannot_be_assigned(
    procurer_client, small_network, other_org
):

    foreign = MealUnit.objects.create(
        organisation=other_org, code="X", name="X", unit_type="school", area="a", portions_per_day=1
    )
    s1 = small_network["suppliers"][0]
    dry = small_network["categories"][0]
    procurer_client.post(
        reverse("network:supplier_assignments", args=[s1.pk]),
        {"category": dry.pk, "rank": 3, "units": [foreign.pk]},
    )
    assert not SupplyAssignment.objects.filter(unit=foreign).exists()


def test_a_unit_page_adds_and_removes_a_supplier_in_its_chain(procurer_client, small_network):
    procurer_client.post(reverse("network:supplier_create"), SUPPLIER_POST)
    s3 = Supplier.objects.get(code="S3")
    unit = small_network["units"][0]
    chilled = small_network["categories"][1]
    procurer_client.post(
        reverse("network:unit_assignment_add", args=[unit.pk]),
        {"category": chilled.pk, "supplier": s3.pk, "rank": 2},
    )
    assignment = SupplyAssignment.objects.get(supplier=s3, unit=unit, category=chilled)
    assert assignment.rank == 2
    detail = reverse("network:unit_detail", args=[unit.pk])
    response = procurer_client.post(
        reverse("network:assignment_delete", args=[assignment.pk]), {"next": detail}
    )
    assert response["Location"] == detail
    assert not SupplyAssignment.objects.filter(pk=assignment.pk).exists()


def test_removing_an_assignment_never_redirects_off_site(procurer_client, small_network):
    assignment = SupplyAssignment.objects.first()
    response = procurer_client.post(
        reverse("network:assignment_delete", args=[assignment.pk]),
        {"next": "https://evil.example/"},
    )
    assert "evil" not in response["Location"]


def test_editing_a_supplier_keeps_other_values(procurer_client, small_network):
    s1 = small_network["suppliers"][0]
    page = procurer_client.get(reverse("network:supplier_edit", args=[s1.pk]))
    assert page.context["form"].initial["stock_days__dry"] == 2
    data = {**SUPPLIER_POST, "code": "S1", "name": "Grossisten Syd AB"}
    procurer_client.post(reverse("network:supplier_edit", args=[s1.pk]), data)
    s1.refresh_from_db()
    assert s1.name == "Grossisten Syd AB" and s1.assignments.count() == 4


def test_deleting_a_supplier_removes_its_assignments(procurer_client, small_network):
    s2 = small_network["suppliers"][1]
    procurer_client.post(reverse("network:supplier_delete", args=[s2.pk]))
    assert not Supplier.objects.filter(pk=s2.pk).exists()
    assert SupplyAssignment.objects.count() == 4


def test_a_change_link_prefills_the_units_a_supplier_serves(procurer_client, small_network):
    s2 = small_network["suppliers"][1]
    chilled = small_network["categories"][1]
    url = reverse("network:supplier_detail", args=[s2.pk])
    page = procurer_client.get(url).content.decode()
    assert f"?category={chilled.pk}&amp;rank=1" in page
    form = procurer_client.get(url, {"category": chilled.pk, "rank": 1}).context["assign_form"]
    assert form.initial == {
        "category": chilled.pk,
        "rank": 1,
        "units": [u.pk for u in small_network["units"]],
    }
    assert procurer_client.get(url, {"category": "x", "rank": "1"}).status_code == 200


# Bad input


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("time_to_recover_days", "1e30"),
        ("capacity_per_day", "1e30"),
        ("capacity_per_day", "100000001"),
        ("fuel_reserve_days", "3651"),
        ("backup_power_hours", "87601"),
        ("staff_reserve", "11"),
        ("upstream_slack", "1e9"),
        ("stock_days__dry", "1e30"),
    ],
)
def test_an_absurd_supplier_value_is_refused_beside_its_field(procurer_client, field, value):
    response = procurer_client.post(
        reverse("network:supplier_create"), {**SUPPLIER_POST, field: value}
    )
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not Supplier.objects.filter(code=SUPPLIER_POST["code"]).exists()


def test_the_largest_sensible_values_are_accepted(procurer_client):
    data = {
        **SUPPLIER_POST,
        "capacity_per_day": "100000000",
        "time_to_recover_days": "3650",
        "backup_power_hours": "87600",
        "staff_reserve": "10",
        "stock_days__dry": "3650",
    }
    response = procurer_client.post(reverse("network:supplier_create"), data)
    assert response.status_code == 302, response.context["form"].errors
    assert Supplier.objects.get(code=SUPPLIER_POST["code"]).capacity_per_day == 1e8


def test_the_model_refuses_an_absurd_value_from_any_door(buyer_org):
    supplier = Supplier(
        organisation=buyer_org, code="S9", name="X", area="n", capacity_per_day=1e30
    )
    with pytest.raises(ValidationError) as error:
        supplier.full_clean()
    assert "capacity_per_day" in error.value.message_dict


def test_a_source_dated_in_the_future_is_refused_in_the_form(procurer_client):

    data = {
        **SUPPLIER_POST,
        "source__fuel_reserve_days": "verified",
        "date__fuel_reserve_days": "2999-01-01",
    }
    response = procurer_client.post(reverse("network:supplier_create"), data)
    assert "date__fuel_reserve_days" in response.context["form"].errors
    assert not Supplier.objects.filter(code=SUPPLIER_POST["code"]).exists()


@pytest.mark.parametrize("rank", ["40000", "100000000000000000000"])
def test_an_absurd_rank_is_refused_with_a_message(procurer_client, small_network, rank):
    unit, dry = small_network["units"][0], small_network["categories"][0]
    supplier = Supplier.objects.create(
        organisation=unit.organisation, code="S9", name="Ny", area="n", capacity_per_day=1
    )
    response = procurer_client.post(
        reverse("network:unit_assignment_add", args=[unit.pk]),
        {"category": dry.pk, "supplier": supplier.pk, "rank": rank},
    )
    assert response.status_code == 302
    response = procurer_client.post(
        reverse("network:supplier_assignments", args=[supplier.pk]),
        {"category": dry.pk, "rank": rank, "units": [unit.pk]},
    )
    assert response.status_code == 302
    assert not SupplyAssignment.objects.filter(supplier=supplier).exists()


def test_a_supplier_page_ignores_a_category_filter_that_is_not_an_ascii_number(
    procurer_client, small_network
):
    supplier = Supplier.objects.get(code="S1")
    url = reverse("network:supplier_detail", args=[supplier.pk])
    for value in ("²", "99999999999999999999", "-1", "1e3", " 1"):
        response = procurer_client.get(url, {"category": value, "rank": "0"})
        assert response.status_code == 200, value
        assert response.context["assign_form"].initial == {}, value


def test_a_supplier_page_fills_the_form_from_a_good_category_link(procurer_client, small_network):
    supplier = Supplier.objects.get(code="S1")
    category = small_network["categories"][0]
    url = reverse("network:supplier_detail", args=[supplier.pk])

    response = procurer_client.get(url, {"category": str(category.pk), "rank": "0"})

    assert response.context["assign_form"].initial["category"] == category.pk
    assert response.context["assign_form"].initial["units"]
