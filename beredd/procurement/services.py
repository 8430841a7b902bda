"""Write-logic of the procurement composer: create, edit lots and requirements, publish."""

import datetime
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from beredd.accounts.models import Organisation, User
from beredd.network.models import FoodCategory, MealUnit
from beredd.procurement import selectors
from beredd.procurement.models import Lot, LotRequirement, Procurement, Status
from beredd.readiness.models import CriticalActivity
from beredd.requirements.models import Requirement, RequirementType


def _ensure_editable(procurement: Procurement) -> None:
    if procurement.is_public or procurement.status == Status.CANCELLED:
        raise ValidationError(_("A published procurement can no longer be changed."))


def procurement_create(
    *,
    organisation: Organisation,
    user: User | None,
    title: str,
    procedure: str,
    activity: CriticalActivity | None = None,
    reference: str = "",
    description: str = "",
    cpv_codes: Sequence[str] = (),
    estimated_value_sek: Decimal | None = None,
    contract_start: datetime.date | None = None,
    contract_end: datetime.date | None = None,
    option_months: int = 0,
) -> Procurement:
    """A new draft with its general facts; lots, evaluation, scenarios and timeline follow."""
    _check_activity(organisation, activity)
    procurement = Procurement(organisation=organisation, created_by=user)
    _set_general(
        procurement,
        title=title,
        procedure=procedure,
        activity=activity,
        reference=reference,
        description=description,
        cpv_codes=cpv_codes,
        estimated_value_sek=estimated_value_sek,
        contract_start=contract_start,
        contract_end=contract_end,
        option_months=option_months,
    )
    procurement.full_clean()
    procurement.save()
    return procurement


def procurement_update(
    *,
    procurement: Procurement,
    title: str,
    procedure: str,
    activity: CriticalActivity | None,
    reference: str,
    description: str,
    cpv_codes: Sequence[str],
    estimated_value_sek: Decimal | None,
    contract_start: datetime.date | None,
    contract_end: datetime.date | None,
    option_months: int,
) -> Procurement:
    """The general facts changed; status, organisation and publication stay as they are."""
    _ensure_editable(procurement)
    _check_activity(procurement.organisation, activity)
    _set_general(
        procurement,
        title=title,
        procedure=procedure,
        activity=activity,
        reference=reference,
        description=description,
        cpv_codes=cpv_codes,
        estimated_value_sek=estimated_value_sek,
        contract_start=contract_start,
        contract_end=contract_end,
        option_months=option_months,
    )
    procurement.full_clean()
    procurement.save()
    return procurement


def _check_activity(organisation: Organisation, activity: CriticalActivity | None) -> None:
    if activity is not None and activity.organisation_id != organisation.pk:
        raise ValidationError({"activity": _("Choose a critical activity of your organisation.")})


def _set_general(
    procurement: Procurement,
    *,
    title: str,
    procedure: str,
    activity: CriticalActivity | None,
    reference: str,
    description: str,
    cpv_codes: Sequence[str],
    estimated_value_sek: Decimal | None,
    contract_start: datetime.date | None,
    contract_end: datetime.date | None,
    option_months: int,
) -> None:
    procurement.title = title
    procurement.procedure = procedure
    procurement.activity = activity
    procurement.reference = reference
    procurement.description = description
    procurement.cpv_codes = list(cpv_codes)
    procurement.estimated_value_sek = estimated_value_sek
    procurement.contract_start = contract_start
    procurement.contract_end = contract_end
    procurement.option_months = option_months


def procurement_set_scenarios(
    *, procurement: Procurement, scenario_ids: Sequence[str]
) -> Procurement:
    """The scenarios of the library that the stress test of bids will use."""
    _ensure_editable(procurement)
    procurement.scenario_ids = list(scenario_ids)
    procurement.full_clean()
    procurement.save()
    return procurement


def procurement_set_timeline(
    *,
    procurement: Procurement,
    publication_date: datetime.date | None,
    questions_deadline: datetime.date | None,
    tender_deadline: datetime.datetime | None,
    opening_at: datetime.datetime | None,
    standstill_days: int,
) -> Procurement:
    """The dates of the tender; `validation.timeline_problems` names what publication needs."""
    _ensure_editable(procurement)
    procurement.publication_date = publication_date
    procurement.questions_deadline = questions_deadline
    procurement.tender_deadline = tender_deadline
    procurement.opening_at = opening_at
    procurement.standstill_days = standstill_days
    procurement.full_clean()
    procurement.save()
    return procurement


@transaction.atomic
def lot_save(
    *,
    procurement: Procurement,
    lot: Lot | None = None,
    units: Iterable[MealUnit],
    categories: Iterable[FoodCategory],
    number: int,
    title: str,
    basis: str,
    description: str = "",
    reserved_for_sme: bool = False,
    estimated_value_sek: Decimal | None = None,
) -> Lot:
    """Create or change a lot; units and categories must be the procurement organisation's."""
    _ensure_editable(procurement)
    units, categories = list(units), list(categories)
    org_id = procurement.organisation_id
    if not units:
        raise ValidationError({"units": _("Choose at least one meal unit.")})
    if not categories:
        raise ValidationError({"categories": _("Choose at least one food category.")})
    owners = {unit.organisation_id for unit in units} | {c.organisation_id for c in categories}
    if owners != {org_id}:
        raise ValidationError(_("Units and categories must belong to your organisation."))
    if lot is not None and lot.procurement_id != procurement.pk:
        raise ValidationError(_("Choose a lot of this procurement."))
    lot = lot or Lot(procurement=procurement)
    lot.number = number
    lot.title = title
    lot.basis = basis
    lot.description = description
    lot.reserved_for_sme = reserved_for_sme
    lot.estimated_value_sek = estimated_value_sek
    lot.full_clean()
    lot.save()
    lot.units.set(units)
    lot.categories.set(categories)
    return lot


def lot_delete(*, lot: Lot) -> None:
    _ensure_editable(lot.procurement)
    lot.delete()


def lot_requirement_add(
    *, lot: Lot, requirement: Requirement, deduction_sek: Decimal | None = None
) -> LotRequirement:
    _ensure_editable(lot.procurement)
    if (
        not selectors.library(organisation=lot.procurement.organisation)
        .filter(pk=requirement.pk)
        .exists()
    ):
        raise ValidationError(_("Choose a current requirement of the library."))
    if lot.lot_requirements.filter(requirement=requirement).exists():
        raise ValidationError(
            _("%(id)s is already a requirement of this lot.") % {"id": requirement.identifier}
        )
    if requirement.requirement_type != RequirementType.AWARD_CRITERION:
        deduction_sek = None
    last = lot.lot_requirements.order_by("-sort_order").first()
    use = LotRequirement(
        lot=lot,
        requirement=requirement,
        deduction_sek=deduction_sek,
        sort_order=(last.sort_order + 1) if last else 0,
    )
    use.full_clean()
    use.save()
    return use


def lot_requirement_remove(*, use: LotRequirement) -> None:
    _ensure_editable(use.lot.procurement)
    use.delete()


@transaction.atomic
def procurement_set_evaluation(
    *, procurement: Procurement, evaluation_model: str, deductions: Mapping[int, Decimal | None]
) -> Procurement:
    """The model and, for each award criterion in use (by LotRequirement pk), its deduction."""
    _ensure_editable(procurement)
    uses = LotRequirement.objects.filter(
        lot__procurement=procurement,
        requirement__requirement_type=RequirementType.AWARD_CRITERION,
        pk__in=deductions,
    )
    for use in uses:
        use.deduction_sek = deductions[use.pk]
        use.full_clean()
        use.save()
    procurement.evaluation_model = evaluation_model
    procurement.full_clean()
    procurement.save()
    return procurement


@transaction.atomic
def procurement_publish(*, procurement: Procurement) -> Procurement:
    procurement = Procurement.objects.select_for_update().get(pk=procurement.pk)
    _ensure_editable(procurement)
    problems = selectors.publication_problems(procurement=procurement)
    if problems:
        raise ValidationError([str(problem) for problem in problems])
    procurement.status = Status.PUBLISHED
    procurement.published_at = timezone.now()
    procurement.full_clean()
    procurement.save()
    return procurement
