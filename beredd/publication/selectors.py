"""What the public may see: published procurements, their lots and requirements, watch matches."""

from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import QueryDict
from django.shortcuts import get_object_or_404

from beredd.procurement.models import Lot, LotRequirement, Procurement
from beredd.procurement.selectors import published_procurements
from beredd.publication.models import Watch
from beredd.requirements.models import Verification


def with_lot_counts(tenders: list[Procurement]) -> list[Procurement]:
    """Set lot_count and sme_lot_count on one page of tenders with one grouped query, so that
    the search's count and page stay plain queries without joins."""
    rows = (
        Lot.objects.filter(procurement__in=tenders)
        .values("procurement")
        .annotate(total=Count("pk"), sme=Count("pk", filter=Q(reserved_for_sme=True)))
    )
    counts = {row["procurement"]: (row["total"], row["sme"]) for row in rows}
    for tender in tenders:
        tender.lot_count, tender.sme_lot_count = counts.get(tender.pk, (0, 0))  # type: ignore[attr-defined]
    return tenders


def get_published_procurement(pk: int) -> Procurement:
    """The public procurement, or 404 (also for drafts, so their ids do not leak)."""
    lots = Lot.objects.prefetch_related(
        "categories",
        "units",
        Prefetch(
            "lot_requirements",
            queryset=LotRequirement.objects.select_related("requirement"),
        ),
    )
    queryset = published_procurements().prefetch_related(Prefetch("lots", queryset=lots))
    return get_object_or_404(queryset, pk=pk)


@dataclass(frozen=True)
class RequirementRow:
    identifier: str
    title: str
    type_label: str
    verification_labels: list[str]


def _requirement_row(lot_requirement: LotRequirement) -> RequirementRow:
    requirement = lot_requirement.requirement
    return RequirementRow(
        identifier=requirement.identifier,
        title=requirement.title,
        type_label=str(requirement.get_requirement_type_display()),
        verification_labels=[
            str(Verification(code).label) if code in Verification.values else code
            for code in requirement.verification
        ],
    )


@dataclass(frozen=True)
class LotSummary:
    """What a notice says about a lot: no unit names or internal figures beyond these."""

    lot: Lot
    category_names: list[str]
    areas: list[str]
    unit_count: int
    portions_per_day: int
    requirements: list[RequirementRow]


def lot_summaries(procurement: Procurement) -> list[LotSummary]:
    summaries = []
    for lot in procurement.lots.all():
        units = list(lot.units.all())
        summaries.append(
            LotSummary(
                lot=lot,
                category_names=[category.name for category in lot.categories.all()],
                areas=sorted({unit.area for unit in units}),
                unit_count=len(units),
                portions_per_day=sum(unit.portions_per_day for unit in units),
                requirements=[_requirement_row(row) for row in lot.lot_requirements.all()],
            )
        )
    return summaries


def user_watches(user) -> QuerySet[Watch]:  # type: ignore[no-untyped-def]
    return Watch.objects.filter(user=user)


def watch_matches(watch: Watch) -> QuerySet[Procurement]:
    from beredd.publication.filters import TenderFilter

    return TenderFilter(QueryDict(watch.query), queryset=published_procurements()).qs


def is_new_for(watch: Watch, procurement: Procurement) -> bool:
    """New = published since the supplier last looked at this watch (everything, the first time)."""
    if watch.last_seen_at is None:
        return True
    return bool(procurement.published_at and procurement.published_at > watch.last_seen_at)
