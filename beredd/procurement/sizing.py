"""The lot-sizing aid: is a lot small enough for a small supplier to carry, and how to split it.

Seed 004 (Upphandlingsdialog Dalarna) asks buyers to see procurement from the supplier's side
and to make "smaller contracts" so that small firms can take part. We turn that into two simple
benchmarks of what a small firm (at most 50 employees) can typically carry. They are our own
rules of thumb, deliberately round and kept here, in one place, without settings:

- daily volume: at most 1,500 portion-equivalents a day (a local wholesaler or bakery with a
  few vehicles delivers to some tens of kitchens);
- value: at most 10 MSEK a year (EU "small enterprise" turnover is ≤ 10 MEUR; a contract should
  not exceed about a tenth of it, or one contract becomes the whole firm).

A lot above either benchmark is flagged, with a suggested split by the areas of its units.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from beredd.network.models import MealUnit, MenuKind, MenuShare
from beredd.procurement.models import Lot, Procurement

SME_MAX_PE_PER_DAY = 1500
SME_MAX_VALUE_SEK_PER_YEAR = 10_000_000


@dataclass(frozen=True)
class AreaPart:
    area: str
    unit_count: int
    pe_per_day: float
    value_sek_per_year: float | None


@dataclass(frozen=True)
class LotSize:
    lot: Lot
    pe_per_day: float
    value_sek_per_year: float | None
    too_large_volume: bool
    too_large_value: bool
    parts_by_area: tuple[AreaPart, ...]

    @property
    def fits_sme(self) -> bool:
        return not (self.too_large_volume or self.too_large_value)

    @property
    def can_split_by_area(self) -> bool:
        return len(self.parts_by_area) > 1


def contract_years(procurement: Procurement) -> float | None:
    """Length of the basic contract period in years (options excluded), if both dates are set."""
    start: date | None = procurement.contract_start
    end: date | None = procurement.contract_end
    if not start or not end or end <= start:
        return None
    return (end - start).days / 365.25


def organisation_shares(lot: Lot) -> dict[str, float]:
    """Normal-menu share of each of the lot's categories, by category code."""
    shares = MenuShare.objects.filter(
        organisation=lot.procurement.organisation,
        menu=MenuKind.NORMAL,
        category__in=lot.categories.all(),
    ).select_related("category")
    return {share.category.code: share.share for share in shares}


def unit_share(unit: MealUnit, codes: list[str], default: dict[str, float]) -> float:
    """Portion-equivalents of the lot's categories in one of the unit's normal portions.

    A unit with its own normal menu (e.g. hospital diets) uses it instead of the organisation's.
    """
    own = (getattr(unit, "menus", None) or {}).get("normal")
    shares = own if own else default
    return float(sum(shares.get(code, 0) for code in codes))


def normal_shares(organisation_id: int) -> dict[str, float]:
    """Normal-menu share of every category of the organisation, by category code."""
    shares = MenuShare.objects.filter(
        organisation_id=organisation_id, menu=MenuKind.NORMAL
    ).select_related("category")
    return {share.category.code: share.share for share in shares}


def lot_size(lot: Lot, shares: dict[str, float] | None = None) -> LotSize:
    """`shares`: the organisation's normal_shares, when sizing several lots (one query)."""
    codes = [category.code for category in lot.categories.all()]
    default = organisation_shares(lot) if shares is None else shares
    years = contract_years(lot.procurement)
    value_per_year: float | None = None
    if lot.estimated_value_sek is not None:
        # The estimate covers the basic contract period; without dates we read it as a year.
        value_per_year = float(lot.estimated_value_sek / Decimal(years or 1))
    by_area: dict[str, list[float]] = defaultdict(list)
    for unit in lot.units.all():
        by_area[unit.area].append(unit.portions_per_day * unit_share(unit, codes, default))
    pe_per_day = sum(sum(volumes) for volumes in by_area.values())
    parts = tuple(
        AreaPart(
            area=area,
            unit_count=len(volumes),
            pe_per_day=sum(volumes),
            value_sek_per_year=(
                value_per_year * sum(volumes) / pe_per_day
                if value_per_year is not None and pe_per_day
                else None
            ),
        )
        for area, volumes in sorted(by_area.items())
    )
    return LotSize(
        lot=lot,
        pe_per_day=pe_per_day,
        value_sek_per_year=value_per_year,
        too_large_volume=pe_per_day > SME_MAX_PE_PER_DAY,
        too_large_value=value_per_year is not None and value_per_year > SME_MAX_VALUE_SEK_PER_YEAR,
        parts_by_area=parts,
    )


def procurement_lot_sizes(procurement: Procurement) -> list[LotSize]:
    lots = procurement.lots.prefetch_related("units", "categories")
    shares = normal_shares(procurement.organisation_id)
    return [lot_size(lot, shares) for lot in lots]
