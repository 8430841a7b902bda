"""Absurd supplier and unit values (1e30 days, a billion portions) are refused with a message
naming the field, or the row and column of an import, and nothing is saved."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from beredd.network.models import MealUnit, Supplier
from tests.test_network_hardening import csv_file, problems, upload, xlsx_file
from tests.test_network_suppliers import SUPPLIER_POST
from tests.test_network_units import UNIT_POST


@pytest.fixture
def owner_client(client, needs_owner, small_network):
    client.force_login(needs_owner)
    return client


@pytest.fixture
def procurer_client(client, procurer, small_network):
    client.force_login(procurer)
    return client


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


def test_an_absurd_supplier_value_in_an_import_is_named_by_row_and_column(procurer_client):
    rows = [
        ["leverantör_id", "namn", "område", "kapacitet_per_dag", "återhämtning_dagar"],
        ["S3", "Ny", "n", 10, 1e30],
        ["S4", "Stor", "n", 1e30, 1],
    ]
    response = upload(procurer_client, "suppliers", xlsx_file(rows))
    assert response.status_code == 400
    found = problems(response)
    assert any("Rad 2" in p and "återhämtning_dagar" in p for p in found), found
    assert any("Rad 3" in p and "kapacitet_per_dag" in p for p in found), found
    assert not Supplier.objects.filter(code__in=["S3", "S4"]).exists()


@pytest.mark.parametrize(
    ("column", "cell"),
    [("portioner_per_dag", "1000000000"), ("lagerdagar_dry", "1e30"), ("personalreserv", "50")],
)
def test_an_absurd_unit_value_in_an_import_is_named_by_row_and_column(owner_client, column, cell):
    header = "enhet_id;namn;typ;område;portioner_per_dag"
    values = "U3;A;skola;n;10"
    if column == "portioner_per_dag":
        values = "U3;A;skola;n;" + cell
    else:
        header, values = f"{header};{column}", f"{values};{cell}"
    response = upload(owner_client, "units", csv_file(f"{header}\n{values}\n".encode()))
    assert response.status_code == 400
    found = problems(response)
    assert any("Rad 2" in p and column in p for p in found), found
    assert not MealUnit.objects.filter(code="U3").exists()


def test_the_model_refuses_an_absurd_value_from_any_door(buyer_org):
    supplier = Supplier(
        organisation=buyer_org, code="S9", name="X", area="n", capacity_per_day=1e30
    )
    with pytest.raises(ValidationError) as error:
        supplier.full_clean()
    assert "capacity_per_day" in error.value.message_dict
