"""Write-logic of the procurement composer: create, edit lots and requirements, publish."""

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from beredd.accounts.models import Organisation, User
from beredd.network.models import FoodCategory, MealUnit
from beredd.procurement.models import Lot, LotRequirement, Procurement, Status
from beredd.procurement.validation import Problem, publication_problems
from beredd.readiness.models import CriticalActivity
from beredd.requirements.models import Requirement, RequirementType


def _ensure_editable(procurement: Procurement) -> None:
    if procurement.is_public or procurement.status == Status.CANCELLED:
        raise ValidationError(_("A published procurement can no longer be changed."))


def procurement_create(
    *,
    organisation: Organisation,
    user: User,
    activity: CriticalActivity | None = None,
    **fields: Any,
) -> Procurement:
    if activity is not None and activity.organisation_id != organisation.pk:
        raise ValidationError({"activity": _("Choose a critical activity of your organisation.")})
    procurement = Procurement(
        organisation=organisation, activity=activity, created_by=user, **fields
    )
    procurement.full_clean()
    procurement.save()
    return procurement


def procurement_update(*, procurement: Procurement, **fields: Any) -> Procurement:
    _ensure_editable(procurement)
    for name, value in fields.items():
        setattr(procurement, name, value)
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
    **fields: Any,
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
    lot = lot or Lot(procurement=procurement)
    for name, value in fields.items():
        setattr(lot, name, value)
    lot.full_clean()
    lot.save()
    lot.units.set(units)
    lot.categories.set(categories)
    return lot


def lot_delete(*, lot: Lot) -> None:
    _ensure_editable(lot.procurement)
    lot.delete()


def library_queryset(organisation: Organisation):  # type: ignore[no-untyped-def]
    """Current versions of the shared starter library and of the organisation's own requirements."""
    from django.db.models import Q

    return Requirement.objects.filter(
        Q(organisation__isnull=True) | Q(organisation=organisation), is_current=True
    )


def lot_requirement_add(
    *, lot: Lot, requirement: Requirement, deduction_sek: Decimal | None = None
) -> LotRequirement:
    _ensure_editable(lot.procurement)
    if not library_queryset(lot.procurement.organisation).filter(pk=requirement.pk).exists():
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
    *, procurement: Procurement, evaluation_model: str, deductions: dict[int, Decimal | None]
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


def procurement_validate_for_publication(*, procurement: Procurement) -> list[Problem]:
    """Everything that stops publication, each naming its field; empty when ready."""
    return publication_problems(procurement)


@transaction.atomic
def procurement_publish(*, procurement: Procurement) -> Procurement:
    procurement = Procurement.objects.select_for_update().get(pk=procurement.pk)
    _ensure_editable(procurement)
    problems = procurement_validate_for_publication(procurement=procurement)
    if problems:
        raise ValidationError([str(problem) for problem in problems])
    procurement.status = Status.PUBLISHED
    procurement.published_at = timezone.now()
    procurement.full_clean()
    procurement.save()
    return procurement
