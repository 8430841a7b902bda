"""Standard texts of the tender documents: escalation ladder and how the stress test is used."""

from django.utils.translation import gettext_lazy as _

from beredd.requirements.models import CrisisLevel

ESCALATION_DUTIES = {
    CrisisLevel.NORMAL: _(
        "Deliveries as ordered, within the agreed delivery times and range. The supplier keeps "
        "the agreed stock at its depot, reports it as agreed and takes part in the buyer's "
        "exercises."
    ),
    CrisisLevel.DISRUPTION: _(
        "The supplier informs the buyer's crisis contact within two hours, delivers to the "
        "units of criticality class 1 first and may replace products with equivalent ones "
        "after agreement. Delivery times may be extended by at most one day."
    ),
    CrisisLevel.CRISIS: _(
        "The supplier delivers the agreed crisis menu range, serves units in order of "
        "criticality, runs on its backup power, fuel reserve and manual ordering, and reports "
        "its delivery capacity to the buyer every day."
    ),
    CrisisLevel.HEIGHTENED_ALERT: _(
        "The supplier follows the buyer's priorities and the decisions of the authorities, "
        "keeps delivering under the crisis terms for as long as heightened alert lasts, and "
        "keeps the staff and vehicles named in its continuity plan for this contract."
    ),
}

STRESS_TEST_USE = (
    _(
        "Every bid declares its capability as numbers: days of stock per food category, backup "
        "power, fuel reserve, staff reserve, manual ordering and time to recover. The buyer "
        "runs the stress test of the supply network the bid would create under each scenario "
        "listed here, with the same model for every bid."
    ),
    _(
        "A bid whose declared capability gives a time to survive (TTS) shorter than its time to "
        "recover (TTR) must submit a mitigation plan (more stock, backup power, a backup "
        "supplier) before the contract is signed."
    ),
    _(
        "The stress test never compares bids with each other. In the price-deduction model, a "
        "deduction for an award criterion that rewards declared capability is given only when "
        "the stress test with the declared values shows that the units' minimum service levels "
        "hold."
    ),
    _(
        "Declared values become contract conditions. They are followed up during the contract "
        "through reports, unannounced stock checks and exercises, and the results update the "
        "model."
    ),
)

EVALUATION_PRICE_ONLY = _(
    "The bid with the lowest price wins. Every requirement is a must: a bid that does not meet "
    "one is rejected."
)
EVALUATION_PRICE_DEDUCTION = _(
    "Every award criterion that a bid meets gives a fixed deduction in SEK from the bid price. "
    "Comparison price = bid price − sum of deductions. The bid with the lowest comparison price "
    "wins."
)
NO_RANK_REVERSAL = _(
    "The deductions do not depend on the other bids, so a further bid can never change the order "
    "of two others (no rank reversal)."
)
CONTRACT_TERMS = (
    _(
        "The special contract conditions of each lot apply for the whole contract period, "
        "options included. The escalation ladder below says what changes in the supplier's "
        "delivery obligations at each crisis level; the buyer announces the level."
    ),
    _(
        "The supplier reports deviations without delay and takes part in the buyer's exercises. "
        "Declared capability that is not kept is a breach of contract."
    ),
)
