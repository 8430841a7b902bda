"""Demo data: the shared starter library plus two own requirements of Malmhaga kommun."""

from dataclasses import replace
from typing import Any

from .library import load_starter_library
from .models import Requirement
from .services import RequirementContent, requirement_copy, requirement_create


def load(context: dict[str, Any]) -> None:
    load_starter_library()
    malmhaga = context["organisations"].get("malmhaga")
    if malmhaga is None or Requirement.objects.filter(organisation=malmhaga).exists():
        return
    dry_stock = Requirement.objects.get(krav_id="B-1003", is_current=True)
    requirement_copy(
        source=dry_stock,
        organisation=malmhaga,
        user=None,
        content=replace(
            RequirementContent.of(dry_stock),
            text_sv=dry_stock.text_sv.replace("minst sju dagars", "minst tio dagars"),
            text_en=dry_stock.text_en.replace("at least seven days", "at least ten days"),
            answer_min=10,
        ),
    )
    requirement_create(
        organisation=malmhaga,
        user=None,
        content=RequirementContent(
            title_sv="Leverans till evakueringsplats",
            title_en="Delivery to an evacuation site",
            text_sv="Vid kris ska leverantören på begäran leverera krissortimentet till den "
            "evakueringsplats som kommunen anvisar, inom kommunens gränser och inom 12 timmar.",
            text_en="In a crisis the supplier shall on request deliver the crisis range to the "
            "evacuation site the municipality names, within its borders and within 12 hours.",
            area="resilience",
            requirement_type="contract_condition",
            level="advanced",
            verification=["exercise"],
            evidence_sv="Rapport från övning med leveranstid.",
            evidence_en="Exercise report with delivery time.",
            follow_up="yearly",
            crisis_levels=["crisis", "heightened_alert"],
        ),
    )
