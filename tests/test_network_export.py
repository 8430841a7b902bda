"""The network file: `network_as_dict`, `beredd network export` and `manage.py export_network`."""

import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from beredd.cli import main as beredd_main
from beredd.engine import load_network
from beredd.network import services
from beredd.network.cli import main
from beredd.network.export import network_as_dict
from beredd.network.models import (
    FoodCategory,
    MealUnit,
    SupplyAssignment,
)


def test_the_small_network_is_written_in_the_model_file_format(small_network, buyer_org):
    data = network_as_dict(buyer_org)
    assert data["categories"] == [
        {"id": "dry", "cold_hours": None},
        {"id": "chilled", "cold_hours": 12},
    ]
    assert data["areas"] == ["north", "south"]
    assert data["menus"] == {"normal": {"dry": 0.5, "chilled": 0.5}, "crisis": {"dry": 1.0}}
    assert [u["id"] for u in data["units"]] == ["U1", "U2"]
    assert data["units"][0]["type"] == "hospital" and data["units"][0]["portions_per_day"] == 40
    assert data["suppliers"][0]["prioritises_critical"] is True
    assert data["assignments"] == [
        {"category": "chilled", "units": ["U1", "U2"], "primary": "S1", "backups": ["S2"]},
        {"category": "dry", "units": ["U1", "U2"], "primary": "S1", "backups": ["S2"]},
    ]


def test_units_with_different_chains_get_separate_assignments(small_network, buyer_org):
    SupplyAssignment.objects.filter(unit__code="U2", category__code="dry", rank=1).delete()
    entries = [a for a in network_as_dict(buyer_org)["assignments"] if a["category"] == "dry"]
    assert {(tuple(a["units"]), tuple(a["backups"])) for a in entries} == {
        (("U1",), ("S2",)),
        (("U2",), ()),
    }


def test_the_exported_file_loads_in_the_engine(small_network, buyer_org):
    network = load_network(json.loads(json.dumps(network_as_dict(buyer_org))))
    assert [u.id for u in network.units] == ["U1", "U2"]
    assert [s.id for s in network.suppliers] == ["S1", "S2"]


def test_the_cli_writes_json_for_a_slug_or_an_id(small_network, buyer_org, capsys):
    assert main(["export", "--org", "ekby"]) == 0
    by_slug = json.loads(capsys.readouterr().out)
    assert main(["export", "--org", str(buyer_org.pk)]) == 0
    assert json.loads(capsys.readouterr().out) == by_slug == network_as_dict(buyer_org)


def test_the_cli_refuses_an_unknown_organisation_with_exit_code_2(db, capsys):
    assert main(["export", "--org", "finns-inte"]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and "finns-inte" in captured.err


def test_the_cli_refuses_a_supplier_organisation(supplier_org, capsys):
    assert main(["export", "--org", supplier_org.slug]) == 2


def test_the_cli_needs_the_org_option(db, capsys):
    assert main(["export"]) == 2


def test_the_beredd_command_dispatches_to_the_network_cli(small_network, capsys):
    assert beredd_main(["network", "export", "--org", "ekby"]) == 0
    assert json.loads(capsys.readouterr().out)["units"][0]["id"] == "U1"


def test_the_management_command_writes_the_same_file(small_network, buyer_org):
    out = io.StringIO()
    call_command("export_network", "--org", "ekby", stdout=out)
    assert json.loads(out.getvalue()) == network_as_dict(buyer_org)
    with pytest.raises(CommandError):
        call_command("export_network", "--org", "nope", stdout=io.StringIO())


def test_an_organisations_export_holds_only_its_own_units(small_network, other_org):
    MealUnit.objects.create(
        organisation=other_org,
        code="X1",
        name="X",
        unit_type="school",
        area="a",
        portions_per_day=5,
    )
    data = network_as_dict(other_org)
    assert [u["id"] for u in data["units"]] == ["X1"] and data["suppliers"] == []


def test_a_units_own_menus_are_exported_and_loaded_by_the_engine(small_network, buyer_org):
    unit = small_network["units"][0]
    unit.menus = {"normal": {"dry": 0.8, "chilled": 0.2}, "crisis": {"dry": 1.0}}
    unit.save()
    data = network_as_dict(buyer_org)
    assert data["units"][0]["menus"] == unit.menus
    assert "menus" not in data["units"][1]
    network = load_network(data)
    assert network.units[0].menus.normal == {"dry": 0.8, "chilled": 0.2}


# After everyday edits


def test_the_network_after_everyday_edits_still_loads_in_the_engine(
    client, coordinator, small_network, buyer_org
):
    """Delete a category in use, add a menu share nobody serves, then follow the unit list."""
    client.force_login(coordinator)
    dry, chilled = small_network["categories"]
    client.post(reverse("network:category_delete", args=[chilled.pk]))
    client.post(
        reverse("network:category_create"),
        {
            "code": "frozen",
            "name": "Fryst",
            "cold_hours": "24",
            "sort_order": "2",
            "normal_share": "0,2",
        },
    )
    listed = client.get(reverse("network:unit_list")).context["uncovered"]
    assert {(u.code, c.code) for u, c in listed} == {("U1", "frozen"), ("U2", "frozen")}
    frozen = FoodCategory.objects.get(code="frozen")
    for unit in small_network["units"]:
        services.assignment_add(
            unit=unit, category=frozen, supplier=small_network["suppliers"][1], rank=0
        )
    from beredd.engine import load_network  # imported here: the engine is heavy to import

    load_network(network_as_dict(buyer_org))


# Outsiders


def test_an_outsiders_export_holds_only_their_own_network(client, outsider, small_network):
    import io

    from openpyxl import load_workbook

    client.force_login(outsider)
    response = client.get(reverse("network:export", args=["units"]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.max_row == 1
