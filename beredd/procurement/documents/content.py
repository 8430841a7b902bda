"""Everything a tender document says, as plain data in the active language.

The HTML page, the .docx and the PDF all render this one structure, so they never disagree.
"""

import dataclasses
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from django.db.models import Prefetch
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from beredd.core.files import plain_text
from beredd.procurement.documents import texts
from beredd.procurement.evaluation import ExampleBid, worked_example
from beredd.procurement.models import EvaluationModel, Lot, LotRequirement, Procurement
from beredd.procurement.scenarios import ScenarioInfo, scenarios_of
from beredd.procurement.sizing import lot_size, normal_shares
from beredd.requirements.models import CrisisLevel, RequirementType


def _plain(value: object) -> object:
    """`value` with every string in it (also inside dataclasses, lists, tuples) made plain."""
    if isinstance(value, str):
        return plain_text(value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = [f.name for f in dataclasses.fields(value) if f.init]
        return dataclasses.replace(value, **{name: _plain(getattr(value, name)) for name in fields})
    if isinstance(value, list):
        return [_plain(item) for item in value]
    if isinstance(value, tuple):
        return tuple(_plain(item) for item in value)
    return value


def sek(value: Decimal | float | None) -> str:
    if value is None:
        return "–"
    return f"{round(value):,}".replace(",", " ") + " kr"


def day(value: date | None) -> str:
    return formats.date_format(value, "Y-m-d") if value else "–"


def moment(value: datetime | None) -> str:
    if not value:
        return "–"
    return formats.date_format(timezone.localtime(value), "Y-m-d H:i")


@dataclass(frozen=True)
class RequirementRow:
    identifier: str
    title: str
    type: str
    text: str
    verification: str
    evidence: str
    deduction: str


@dataclass(frozen=True)
class LotSection:
    number: int
    title: str
    description: str
    basis: str
    units: str
    categories: list[str]
    pe_per_day: str
    value: str
    reserved_for_sme: bool
    requirements: list[RequirementRow]


@dataclass(frozen=True)
class EscalationStep:
    level: str
    duty: str
    requirements: list[str]


@dataclass
class TenderDocument:
    title: str
    organisation: str
    reference: str
    background: str
    scope: list[tuple[str, str]]
    lots: list[LotSection]
    evaluation_model: str
    evaluation_text: list[str]
    example: list[ExampleBid]
    scenarios: list[ScenarioInfo]
    stress_test_use: list[str]
    contract_terms: list[str]
    escalation: list[EscalationStep]
    timeline: list[tuple[str, str]]
    is_price_deduction: bool = False
    example_rows: list[list[str]] = field(default_factory=list)


def _lot_section(lot: Lot, shares: dict[str, float]) -> LotSection:
    types = dict(RequirementType.choices)
    size = lot_size(lot, shares)
    rows = [
        RequirementRow(
            identifier=use.requirement.identifier,
            title=use.requirement.title,
            type=str(types.get(use.requirement.requirement_type, "")),
            text=use.requirement.text,
            verification=", ".join(use.requirement.verification_labels),
            evidence=use.requirement.evidence,
            deduction=sek(use.deduction_sek) if use.deduction_sek else "",
        )
        for use in lot.lot_requirements.all()
    ]
    return LotSection(
        number=lot.number,
        title=lot.title,
        description=lot.description,
        basis=lot.get_basis_display(),
        units=_unit_summary(lot),
        categories=[category.name for category in lot.categories.all()],
        pe_per_day=f"{round(size.pe_per_day):,}".replace(",", " "),
        value=sek(lot.estimated_value_sek),
        reserved_for_sme=lot.reserved_for_sme,
        requirements=rows,
    )


def _unit_summary(lot: Lot) -> str:
    """How many units and in which areas; names stay internal (the documents are public)."""
    units = list(lot.units.all())
    areas = ", ".join(sorted({unit.area for unit in units})) or "–"
    return _("%(count)s in %(areas)s") % {"count": len(units), "areas": areas}


def _escalation(lots: list[Lot]) -> list[EscalationStep]:
    """Each crisis level with its duties and the contract conditions that change at that level.

    Conditions that apply at every level do not change anything, so they stay in the lot tables.
    """
    every_level = {level for level, _label in CrisisLevel.choices}
    conditions = {
        use.requirement
        for lot in lots
        for use in lot.lot_requirements.all()
        if use.requirement.requirement_type == RequirementType.CONTRACT_CONDITION
        and set(use.requirement.crisis_levels or []) != every_level
    }
    steps = []
    for level, label in CrisisLevel.choices:
        tied = sorted(
            f"{r.identifier} {r.title}" for r in conditions if level in (r.crisis_levels or [])
        )
        steps.append(
            EscalationStep(str(label), str(texts.ESCALATION_DUTIES[CrisisLevel(level)]), tied)
        )
    return steps


def _scope(procurement: Procurement) -> list[tuple[str, str]]:
    period = f"{day(procurement.contract_start)} – {day(procurement.contract_end)}"
    return [
        (_("Contracting authority"), str(procurement.organisation)),
        (_("Procedure"), procurement.get_procedure_display()),
        (_("CPV codes"), ", ".join(procurement.cpv_codes) or "–"),
        (_("Estimated value"), sek(procurement.estimated_value_sek)),
        (_("Contract period"), period),
        (_("Options"), _("%(months)s months") % {"months": procurement.option_months}),
        (_("Number of lots"), str(procurement.lots.count())),
    ]


def _timeline(procurement: Procurement) -> list[tuple[str, str]]:
    return [
        (_("Publication date"), day(procurement.publication_date)),
        (_("Last day for questions"), day(procurement.questions_deadline)),
        (_("Tender deadline"), moment(procurement.tender_deadline)),
        (_("Opening of tenders"), moment(procurement.opening_at)),
        (_("Standstill"), _("%(days)s days") % {"days": procurement.standstill_days}),
        (_("Contract start"), day(procurement.contract_start)),
    ]


def _example_rows(example: list[ExampleBid]) -> list[list[str]]:
    return [
        [
            _("Bid %(name)s") % {"name": bid.name},
            sek(bid.price_sek),
            ", ".join(c.identifier for c in bid.met) or "–",
            sek(bid.deduction_sek),
            sek(bid.comparison_price_sek),
            str(bid.rank),
        ]
        for bid in example
    ]


def tender_document(procurement: Procurement) -> TenderDocument:
    lot_rows = list(
        procurement.lots.prefetch_related(
            "units",
            "categories",
            Prefetch("lot_requirements", LotRequirement.objects.select_related("requirement")),
        )
    )
    shares = normal_shares(procurement.organisation_id)
    lots = [_lot_section(lot, shares) for lot in lot_rows]
    deduction = procurement.evaluation_model == EvaluationModel.PRICE_DEDUCTION
    evaluation_text = [
        str(texts.EVALUATION_PRICE_DEDUCTION if deduction else texts.EVALUATION_PRICE_ONLY)
    ]
    if deduction:
        evaluation_text.append(str(texts.NO_RANK_REVERSAL))
    example = worked_example(procurement)
    document = TenderDocument(
        title=procurement.title,
        organisation=str(procurement.organisation),
        reference=procurement.reference,
        background=procurement.description,
        scope=_scope(procurement),
        lots=lots,
        evaluation_model=procurement.get_evaluation_model_display(),
        evaluation_text=evaluation_text,
        example=example,
        scenarios=scenarios_of(procurement.scenario_ids),
        stress_test_use=[str(text) for text in texts.STRESS_TEST_USE],
        contract_terms=[str(text) for text in texts.CONTRACT_TERMS],
        escalation=_escalation(lot_rows),
        timeline=_timeline(procurement),
        is_price_deduction=deduction,
        example_rows=_example_rows(example),
    )
    return _plain(document)  # type: ignore[return-value]


def example_headers() -> list[str]:
    return [
        _("Bid"),
        _("Price"),
        _("Award criteria met"),
        _("Deductions"),
        _("Comparison price"),
        _("Rank"),
    ]


def requirement_headers() -> list[str]:
    return [
        _("Requirement id"),
        _("Requirement"),
        _("Type"),
        _("Verified by"),
        _("Evidence"),
        _("Deduction"),
    ]
