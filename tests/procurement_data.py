"""Builders shared by the procurement tests: library requirements and a ready procurement.

Plain functions rather than fixtures, so each test module states what it uses.
"""

from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from beredd.accounts.models import Organisation, User
from beredd.procurement.models import Lot, LotRequirement, Procurement
from beredd.requirements.models import Requirement


def make_requirement(
    krav_id: str,
    requirement_type: str = "contract_condition",
    *,
    organisation: Organisation | None = None,
    area: str = "resilience",
    **extra: object,
) -> Requirement:
    return Requirement.objects.create(
        organisation=organisation,
        krav_id=krav_id,
        title_sv=f"Krav {krav_id} lagerdagar",
        title_en=f"Requirement {krav_id} stock days",
        text_sv="Leverantören ska hålla minst 5 dagars lager av torrvaror.",
        text_en="The supplier shall keep at least 5 days of dry goods in stock.",
        evidence_sv="Lagerrapport",
        evidence_en="Stock report",
        area=area,
        requirement_type=requirement_type,
        verification=["evidence", "audit"],
        crisis_levels=["crisis", "heightened_alert"],
        **extra,
    )


def valid_timeline(today: date | None = None) -> dict:
    """Dates that satisfy the open procedure: 35 days of tender period, opening an hour later."""
    today = today or timezone.localdate()
    deadline = timezone.make_aware(
        timezone.datetime.combine(today + timedelta(days=35), timezone.datetime.min.time())
    ) + timedelta(hours=23)
    return {
        "publication_date": today,
        "questions_deadline": today + timedelta(days=25),
        "tender_deadline": deadline,
        "opening_at": deadline + timedelta(hours=1),
        "standstill_days": 10,
    }


def make_ready_procurement(organisation: Organisation, user: User, network: dict) -> Procurement:
    """A procurement that passes every publication check: one lot, one requirement, a timeline."""
    today = timezone.localdate()
    procurement = Procurement.objects.create(
        organisation=organisation,
        title="Livsmedel till vård och omsorg",
        reference="UH-2026-7",
        description="Bakgrund: matförsörjningen ska hålla i kris.",
        procedure="open",
        cpv_codes=["15000000-8"],
        estimated_value_sek=Decimal(12_000_000),
        contract_start=today + timedelta(days=120),
        contract_end=today + timedelta(days=120 + 730),
        option_months=24,
        scenario_ids=["power-north"],
        created_by=user,
        **valid_timeline(today),
    )
    lot = Lot.objects.create(procurement=procurement, number=1, title="Torrvaror", basis="area")
    lot.units.set(network["units"])
    lot.categories.set(network["categories"])
    LotRequirement.objects.create(lot=lot, requirement=make_requirement("9001"))
    return procurement
