"""Builders of published and draft tenders for the publication and dialogue tests."""

import datetime

from django.utils import timezone

from beredd.accounts.models import Organisation
from beredd.network.models import FoodCategory, MealUnit
from beredd.procurement.models import Lot, LotRequirement, Procurement, Status
from beredd.requirements.models import Requirement


def make_unit(organisation: Organisation, code: str, area: str, portions_per_day: int) -> MealUnit:
    return MealUnit.objects.create(
        organisation=organisation,
        code=code,
        name=f"Kök {code}",
        unit_type="school",
        area=area,
        portions_per_day=portions_per_day,
    )


def make_category(organisation: Organisation, code: str, name: str) -> FoodCategory:
    return FoodCategory.objects.get_or_create(
        organisation=organisation, code=code, defaults={"name": name}
    )[0]


def make_tender(
    organisation: Organisation,
    title: str = "Bröd till skolor",
    *,
    status: str = Status.PUBLISHED,
    cpv_codes: tuple[str, ...] = ("15811000-6",),
    deadline_days: int = 30,
    questions_days: int = 10,
    category: tuple[str, str] = ("bread", "Bröd"),
    reserved_for_sme: bool = False,
    lot_value_sek: int = 400_000,
    portions_per_day: int = 300,
    description: str = "Leverans av bröd till kommunens kök.",
) -> Procurement:
    now = timezone.now()
    procurement = Procurement.objects.create(
        organisation=organisation,
        title=title,
        description=description,
        procedure="open",
        cpv_codes=list(cpv_codes),
        status=status,
        questions_deadline=timezone.localdate() + datetime.timedelta(days=questions_days),
        tender_deadline=now + datetime.timedelta(days=deadline_days),
        published_at=now if status != Status.DRAFT else None,
    )
    lot = Lot.objects.create(
        procurement=procurement,
        number=1,
        title=f"{title} – norr",
        basis="area",
        reserved_for_sme=reserved_for_sme,
        estimated_value_sek=lot_value_sek,
    )
    lot.categories.add(make_category(organisation, *category))
    suffix = procurement.pk
    lot.units.add(
        make_unit(organisation, f"N{suffix}a", "Norra", portions_per_day // 2),
        make_unit(organisation, f"N{suffix}b", "Hamnen", portions_per_day - portions_per_day // 2),
    )
    return procurement


def add_requirement(procurement: Procurement) -> Requirement:
    requirement, _created = Requirement.objects.get_or_create(
        krav_id="B-STOCK",
        version=1,
        defaults={
            "title_sv": "Lagerdagar torrvaror",
            "title_en": "Days of stock, dry goods",
            "text_sv": "Leverantören ska hålla lager.",
            "text_en": "The supplier shall keep stock.",
            "area": "resilience",
            "requirement_type": "contract_condition",
            "verification": ["audit", "follow_up"],
            "crisis_levels": ["normal"],
        },
    )
    LotRequirement.objects.create(lot=procurement.lots.first(), requirement=requirement)
    return requirement
