"""Read-logic: an organisation's procurements, the requirement library to pick from, where a
requirement is used, and the procurements the public may see."""

from django.db.models import Count, Q, QuerySet

from beredd.accounts.models import Organisation
from beredd.procurement.models import PUBLIC_STATUSES, Lot, LotRequirement, Procurement
from beredd.procurement.validation import Problem
from beredd.procurement.validation import publication_problems as _publication_problems
from beredd.requirements.models import Requirement


def library(*, organisation: Organisation) -> QuerySet[Requirement]:
    """Current versions of the shared starter library and of the organisation's own requirements."""
    return Requirement.objects.filter(
        Q(organisation__isnull=True) | Q(organisation=organisation), is_current=True
    )


def procurement_list(*, organisation: Organisation) -> QuerySet[Procurement]:
    return Procurement.objects.filter(organisation=organisation).annotate(lot_count=Count("lots"))


def library_search(
    *, organisation: Organisation, query: str = "", area: str = "", requirement_type: str = ""
) -> QuerySet[Requirement]:
    requirements = library(organisation=organisation)
    if query:
        requirements = requirements.filter(
            Q(title_sv__icontains=query)
            | Q(title_en__icontains=query)
            | Q(text_sv__icontains=query)
            | Q(text_en__icontains=query)
            | Q(krav_id__iexact=query)
        )
    if area:
        requirements = requirements.filter(area=area)
    if requirement_type:
        requirements = requirements.filter(requirement_type=requirement_type)
    return requirements.order_by("area", "krav_id")


def lot_requirements(*, lot: Lot) -> QuerySet[LotRequirement]:
    return lot.lot_requirements.select_related("requirement")


def procurement_lots(*, procurement: Procurement) -> QuerySet[Lot]:
    return procurement.lots.prefetch_related("units", "categories", "lot_requirements__requirement")


def publication_problems(*, procurement: Procurement) -> list[Problem]:
    """Everything that stops publication, each naming its field; empty when ready."""
    return _publication_problems(procurement)


def published_procurements() -> QuerySet[Procurement]:
    """Everything the public may see (PUBLIC_STATUSES: published through contract, open data);
    drafts, market dialogue and cancelled procurements never appear."""
    return Procurement.objects.filter(status__in=PUBLIC_STATUSES).select_related("organisation")


def requirement_uses(
    requirement: Requirement, organisation: Organisation
) -> QuerySet[LotRequirement]:
    """The organisation's lots that use any version of the requirement."""
    return (
        LotRequirement.objects.filter(
            requirement__krav_id=requirement.krav_id,
            requirement__organisation=requirement.organisation,
            lot__procurement__organisation=organisation,
        )
        .select_related("lot", "lot__procurement", "requirement")
        .order_by("lot__procurement__title", "lot__number")
    )
