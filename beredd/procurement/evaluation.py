"""The evaluation model and its worked example with three fictional bids.

In the price-deduction model (mervärdesmodell) each award criterion a bid meets takes a fixed
SEK amount off its price: comparison price = bid price − Σ deductions, lowest wins. The
deductions do not depend on the other bids, so a third bid can never swap the order of two
others (no rank reversal, unlike relative scoring models).
"""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from beredd.procurement.models import EvaluationModel, LotRequirement, Procurement
from beredd.requirements.models import RequirementType

# Used in the example when no award criterion has a deduction yet.
EXAMPLE_DEDUCTION_SEK = Decimal(250_000)
EXAMPLE_BIDS = (("A", Decimal(9_800_000)), ("B", Decimal(9_500_000)), ("C", Decimal(9_350_000)))


@dataclass(frozen=True)
class Criterion:
    identifier: str
    title: str
    deduction_sek: Decimal


@dataclass(frozen=True)
class ExampleBid:
    name: str
    price_sek: Decimal
    met: tuple[Criterion, ...]
    deduction_sek: Decimal
    comparison_price_sek: Decimal
    rank: int = 0


def award_criteria(procurement: Procurement) -> list[LotRequirement]:
    return list(
        LotRequirement.objects.filter(
            lot__procurement=procurement,
            requirement__requirement_type=RequirementType.AWARD_CRITERION,
        ).select_related("requirement", "lot")
    )


def example_criteria(procurement: Procurement) -> tuple[Criterion, ...]:
    """Distinct award criteria with their deductions (illustrative ones if none are set)."""
    criteria: dict[str, Criterion] = {}
    for use in award_criteria(procurement):
        if use.deduction_sek and use.requirement.identifier not in criteria:
            criteria[use.requirement.identifier] = Criterion(
                use.requirement.identifier, use.requirement.title, use.deduction_sek
            )
    if not criteria:
        return (
            Criterion("K1", str(_("Example criterion 1")), EXAMPLE_DEDUCTION_SEK),
            Criterion("K2", str(_("Example criterion 2")), EXAMPLE_DEDUCTION_SEK / 2),
        )
    return tuple(criteria.values())[:3]


def worked_example(procurement: Procurement) -> list[ExampleBid]:
    """Three fictional bids: A meets every criterion, B the first one, C none; ranked."""
    criteria = example_criteria(procurement)
    deduct = procurement.evaluation_model == EvaluationModel.PRICE_DEDUCTION
    met_by_bid = {"A": criteria, "B": criteria[:1], "C": ()}
    bids = []
    for name, price in EXAMPLE_BIDS:
        met = met_by_bid[name] if deduct else ()
        deduction = sum((criterion.deduction_sek for criterion in met), Decimal(0))
        bids.append(ExampleBid(name, price, met, deduction, price - deduction))
    ordered = sorted(bids, key=lambda bid: (bid.comparison_price_sek, bid.name))
    return [
        ExampleBid(b.name, b.price_sek, b.met, b.deduction_sek, b.comparison_price_sek, rank)
        for rank, b in enumerate(ordered, start=1)
    ]
