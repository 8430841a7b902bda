"""Each unit and supplier value is declared once (beredd.network.fields) and every layer has it."""

import dataclasses
import inspect
import json
from pathlib import Path

import pytest

from beredd.engine import model as engine
from beredd.network import services
from beredd.network.export import network_as_dict
from beredd.network.fields import SUPPLIER_FIELDS, UNIT_FIELDS, per_category, scalars
from beredd.network.forms import SupplierForm, UnitForm
from beredd.network.imports.batches import SUPPLIER_SPEC, UNIT_SPEC
from beredd.network.models import MealUnit, Supplier

SCHEMA = Path(engine.__file__).parent / "schemas" / "network.schema.json"
# Kept by Beredd, not read by the stress test: readiness weighs the tolerable outage.
DJANGO_ONLY = {"mtpd_days"}
SCHEMA_ANNOTATIONS = {"meta"}  # free-form notes the engine's schema allows on any record
CASES = [
    pytest.param(engine.Unit, UNIT_FIELDS, MealUnit, "units", id="unit"),
    pytest.param(engine.Supplier, SUPPLIER_FIELDS, Supplier, "suppliers", id="supplier"),
]


def engine_names(fields):
    return {f.engine.partition(".")[0] for f in fields if f.engine}


@pytest.mark.parametrize(("dataclass", "fields", "model", "key"), CASES)
def test_the_table_names_every_engine_field_and_no_other(dataclass, fields, model, key):
    assert engine_names(fields) == {f.name for f in dataclasses.fields(dataclass)}
    assert {f.model for f in fields if f.engine is None} <= DJANGO_ONLY


@pytest.mark.parametrize(("dataclass", "fields", "model", "key"), CASES)
def test_the_engine_schema_has_exactly_the_tables_fields(dataclass, fields, model, key):
    schema = json.loads(SCHEMA.read_text())
    properties = set(schema["properties"][key]["items"]["properties"])
    assert properties - SCHEMA_ANNOTATIONS == engine_names(fields)


@pytest.mark.parametrize(("dataclass", "fields", "model", "key"), CASES)
def test_every_table_field_is_a_model_field(dataclass, fields, model, key):
    model_fields = {f.name for f in model._meta.get_fields()}
    assert {f.model.partition(".")[0] for f in fields} <= model_fields


@pytest.mark.parametrize(("dataclass", "fields", "model", "key"), CASES)
def test_the_import_columns_are_the_tables_fields(dataclass, fields, model, key):
    spec = UNIT_SPEC if model is MealUnit else SUPPLIER_SPEC
    assert [c.field for c in spec.columns] == [f.model for f in scalars(fields)]
    assert [g.field for g in spec.category_columns] == [f.model for f in per_category(fields)]


def test_the_unit_form_has_every_table_field_and_its_help_text(small_network):
    form = UnitForm(categories=[])
    assert set(form.fields) == {f.model for f in scalars(UNIT_FIELDS)}
    assert set(form.per_category) == {f.model for f in per_category(UNIT_FIELDS)}
    assert str(form.fields["capacity_without_water"].help_text) == str(
        next(f.help_text for f in UNIT_FIELDS if f.model == "capacity_without_water")
    )


def test_the_supplier_form_has_every_table_field_beside_the_link_to_an_account(small_network):
    form = SupplierForm(categories=[])
    values = {name for name in form.fields if "__" not in name}
    assert values == {f.model for f in scalars(SUPPLIER_FIELDS)} | {"supplier_organisation"}
    assert set(form.per_category) == {f.model for f in per_category(SUPPLIER_FIELDS)}


def test_the_export_writes_every_engine_field_of_a_full_unit_and_supplier(small_network, buyer_org):
    MealUnit.objects.filter(code="U1").update(
        loss_weight=5, menus={"normal": {"dry": 1.0}, "crisis": {"dry": 1.0}}
    )
    Supplier.objects.filter(code="S1").update(ordering_system="Agresso")
    data = network_as_dict(buyer_org)
    unit = next(u for u in data["units"] if u["id"] == "U1")
    supplier = next(s for s in data["suppliers"] if s["id"] == "S1")
    assert set(unit) == {f.name for f in dataclasses.fields(engine.Unit)}
    assert set(supplier) == {f.name for f in dataclasses.fields(engine.Supplier)}
    assert unit["capacity_without_water"] == MealUnit.objects.get(code="U1").capacity_without_water
    assert unit["menus"] == {"normal": {"dry": 1.0}, "crisis": {"dry": 1.0}}


def test_the_export_leaves_out_empty_optional_values_for_the_engines_defaults(
    small_network, buyer_org
):
    unit = next(u for u in network_as_dict(buyer_org)["units"] if u["id"] == "U1")
    assert "loss_weight" not in unit and "menus" not in unit


def test_the_network_file_has_every_engine_network_part(small_network, buyer_org):
    parts = {f.name for f in dataclasses.fields(engine.Network)} - {"extra"}
    assert set(network_as_dict(buyer_org)) == parts


@pytest.mark.parametrize(
    ("save", "fields", "extra"),
    [
        pytest.param(services.unit_save, UNIT_FIELDS, {"organisation", "unit"}, id="unit"),
        pytest.param(
            services.supplier_save,
            SUPPLIER_FIELDS,
            {"organisation", "supplier", "supplier_organisation", "provenance"},
            id="supplier",
        ),
    ],
)
def test_the_save_services_take_exactly_the_tables_fields_as_keywords(save, fields, extra):
    keywords = set(inspect.signature(save).parameters)
    assert keywords == {f.model.partition(".")[0] for f in fields} | extra
