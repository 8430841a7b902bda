"""Every unit and supplier value, declared once: engine name, model field, file columns, help.

The engine's dataclasses (beredd.engine.model.Unit, Supplier) are the list of what the stress
test reads; this table says where each of those fields lives on the Django side. The network
export, the import and export columns, the forms and the models' help texts are built from it,
and tests/test_network_fields.py proves every layer has every field and no extra. Adding a field
is one row here plus the model field (and its migration).
"""

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:  # a development dependency; at run time the text is a str or a lazy str
    from django_stubs_ext import StrOrPromise

# Kinds of cell: text, code, int, number, share, criticality, unit_type, bool; per-category
# values are "days" or "share".


@dataclass(frozen=True)
class NetworkField:
    """One value of a unit or supplier as each layer names it.

    `engine` is the field of the engine's dataclass ("menus.normal" is one part of `menus`);
    None for values only Beredd keeps. Per-category fields are JSON {category code: value} and
    their columns are `<sv><code>` / `<en><code>`. `omit_empty`: the network file leaves the
    value out when it is empty, so the engine uses its default.
    """

    model: str
    engine: str | None
    sv: str
    en: str
    kind: str
    help_text: "StrOrPromise" = ""
    unit: str = ""  # what the number counts: hours, days, share, portions, pe (portion-equivalents)
    required: bool = False
    aliases: tuple[str, ...] = ()
    per_category: bool = False
    omit_empty: bool = False
    identity: bool = False  # names the unit or supplier rather than describing its capability


UNIT_FIELDS = (
    NetworkField(
        "code",
        "id",
        "enhet_id",
        "id",
        "code",
        _("Short id used in files."),
        required=True,
        aliases=("unit_id", "enhet"),
        identity=True,
    ),
    NetworkField("name", "name", "namn", "name", "text", required=True, identity=True),
    NetworkField(
        "unit_type",
        "type",
        "typ",
        "type",
        "unit_type",
        _("What the unit is; results are rolled up by type."),
        required=True,
        aliases=("unit_type",),
        identity=True,
    ),
    NetworkField(
        "area",
        "area",
        "område",
        "area",
        "text",
        _("Where the unit is; outages and road closures hit areas."),
        required=True,
        identity=True,
    ),
    NetworkField(
        "portions_per_day",
        "portions_per_day",
        "portioner_per_dag",
        "portions_per_day",
        "int",
        _("Portions served on a normal day."),
        unit="portions",
        required=True,
    ),
    NetworkField(
        "criticality",
        "criticality",
        "kritikalitet",
        "criticality",
        "criticality",
        _(
            "How bad a missed meal is here. Units of class 1 are served first by suppliers "
            "that prioritise critical customers, and their losses weigh most."
        ),
    ),
    NetworkField(
        "loss_weight",
        "loss_weight",
        "förlustvikt",
        "loss_weight",
        "number",
        _("How much one missed portion weighs; empty means 10, 3 or 1 by criticality."),
        omit_empty=True,
    ),
    NetworkField(
        "min_service_level",
        "min_service_level",
        "lägsta_servicenivå",
        "min_service_level",
        "share",
        _("Share of the portions that must be served every day (0–1); 0.8 means 80 %."),
        unit="share",
    ),
    NetworkField(
        "mtpd_days",
        None,  # readiness weighs it; the stress test does not
        "mtpd_dagar",
        "mtpd_days",
        "number",
        _("Maximum tolerable period of disruption: how long the unit can go below its minimum."),
        unit="days",
    ),
    NetworkField(
        "backup_power_hours",
        "backup_power_hours",
        "reservkraft_timmar",
        "backup_power_hours",
        "number",
        _("How long the kitchen runs on backup power when the grid is down."),
        unit="hours",
    ),
    NetworkField(
        "capacity_without_power",
        "capacity_without_power",
        "kapacitet_utan_el",
        "capacity_without_power",
        "share",
        _("Share of the portions the kitchen can still make without power (0–1)."),
        unit="share",
    ),
    NetworkField(
        "capacity_without_water",
        "capacity_without_water",
        "kapacitet_utan_vatten",
        "capacity_without_water",
        "share",
        _("Share of the portions the kitchen can still make without running water (0–1)."),
        unit="share",
    ),
    NetworkField(
        "staff_reserve",
        "staff_reserve",
        "personalreserv",
        "staff_reserve",
        "number",
        _("Extra staff that can be called in, as a share of normal staffing (0.1 = 10 %)."),
        unit="share",
    ),
    NetworkField(
        "stock_days",
        "stock_days",
        "lagerdagar_",
        "stock_days_",
        "days",
        _("Days of normal use kept in the kitchen, per food category."),
        unit="days",
        per_category=True,
    ),
    NetworkField(
        "order_up_to_days",
        "order_up_to_days",
        "beställ_upp_till_",
        "order_up_to_days_",
        "days",
        _("Days of stock the unit orders up to, per category; empty means its own stock days."),
        unit="days",
        per_category=True,
    ),
    NetworkField(
        "menus.normal",
        "menus.normal",
        "egen_normalmeny_",
        "own_normal_menu_",
        "share",
        unit="share",
        per_category=True,
        omit_empty=True,
    ),
    NetworkField(
        "menus.crisis",
        "menus.crisis",
        "egen_krismeny_",
        "own_crisis_menu_",
        "share",
        unit="share",
        per_category=True,
        omit_empty=True,
    ),
)

SUPPLIER_FIELDS = (
    NetworkField(
        "code",
        "id",
        "leverantör_id",
        "id",
        "code",
        _("Short id used in files, e.g. the supplier's name in lower case."),
        required=True,
        aliases=("supplier_id", "leverantor"),
        identity=True,
    ),
    NetworkField("name", "name", "namn", "name", "text", required=True, identity=True),
    NetworkField(
        "area",
        "area",
        "område",
        "area",
        "text",
        _("Where the supplier's depot is."),
        required=True,
        identity=True,
    ),
    NetworkField(
        "capacity_per_day",
        "capacity_per_day",
        "kapacitet_per_dag",
        "capacity_per_day",
        "number",
        _("Portion-equivalents the supplier can deliver per day, all categories together."),
        unit="pe",
        required=True,
    ),
    NetworkField(
        "upstream_slack",
        "upstream_slack",
        "uppströms_marginal",
        "upstream_slack",
        "number",
        _("Upstream can supply (1 + slack) times normal demand per day; 0.5 means 50 % extra."),
        unit="share",
    ),
    NetworkField(
        "backup_power_hours",
        "backup_power_hours",
        "reservkraft_timmar",
        "backup_power_hours",
        "number",
        _("How long the depot runs on backup power, fuel included."),
        unit="hours",
    ),
    NetworkField(
        "capacity_without_power",
        "capacity_without_power",
        "kapacitet_utan_el",
        "capacity_without_power",
        "share",
        _("Share of normal capacity without power and without backup (0–1)."),
        unit="share",
    ),
    NetworkField(
        "fuel_reserve_days",
        "fuel_reserve_days",
        "bränslereserv_dagar",
        "fuel_reserve_days",
        "number",
        _("Days the vehicles can run on own fuel reserve during a fuel shortage."),
        unit="days",
    ),
    NetworkField(
        "manual_ordering_share",
        "manual_ordering_share",
        "manuell_beställning_andel",
        "manual_ordering_share",
        "share",
        _("Share of capacity kept when the ordering system is down (phone, paper)."),
        unit="share",
    ),
    NetworkField(
        "staff_reserve",
        "staff_reserve",
        "personalreserv",
        "staff_reserve",
        "number",
        _("Extra staff as a share of normal staffing."),
        unit="share",
    ),
    NetworkField(
        "prioritises_critical",
        "prioritises_critical",
        "prioriterar_kritiska",
        "prioritises_critical",
        "bool",
        _("Serves hospitals and elderly care first when it cannot serve everyone."),
    ),
    NetworkField(
        "ordering_system",
        "ordering_system",
        "beställningssystem",
        "ordering_system",
        "text",
        _("Name of the IT system orders go through; an attack on it stops them."),
        omit_empty=True,
    ),
    NetworkField(
        "time_to_recover_days",
        "time_to_recover_days",
        "återhämtning_dagar",
        "time_to_recover_days",
        "number",
        _("Days the supplier needs to deliver fully again after a total stop."),
        unit="days",
    ),
    NetworkField(
        "stock_days",
        "stock_days",
        "lagerdagar_",
        "stock_days_",
        "days",
        _("Days of normal demand kept at the depot, per food category."),
        unit="days",
        per_category=True,
    ),
    NetworkField(
        "import_share",
        "import_share",
        "importandel_",
        "import_share_",
        "share",
        _("Share of upstream supply that is imported, per food category (0–1)."),
        unit="share",
        per_category=True,
    ),
)


def scalars(fields: tuple[NetworkField, ...]) -> tuple[NetworkField, ...]:
    return tuple(f for f in fields if not f.per_category)


def per_category(fields: tuple[NetworkField, ...]) -> tuple[NetworkField, ...]:
    return tuple(f for f in fields if f.per_category)


def help_text(fields: tuple[NetworkField, ...], model_field: str) -> "StrOrPromise":
    """The help text of a model field, for the model's declaration."""
    return next(f.help_text for f in fields if f.model == model_field)


def form_help_texts(fields: tuple[NetworkField, ...]) -> dict[str, "StrOrPromise"]:
    """Help texts of the form fields, by model field name."""
    return {f.model: f.help_text for f in scalars(fields) if f.help_text}


def share_field_names(fields: tuple[NetworkField, ...]) -> tuple[str, ...]:
    """Per-category fields whose values are shares (0–1) rather than days."""
    return tuple(f.model for f in per_category(fields) if f.kind == "share")
