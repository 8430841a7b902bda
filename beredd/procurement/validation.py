"""What a procurement needs before it can be published; each problem names its field.

The same timeline checks serve the timeline form (errors beside the fields) and the publish
check (a list of what is missing).
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from beredd.procurement import rules
from beredd.procurement.models import EvaluationModel, Procurement
from beredd.requirements.models import RequirementType

FIELD_LABELS: dict[str, Promise] = {
    "title": gettext_lazy("Title"),
    "procedure": gettext_lazy("Procedure"),
    "cpv_codes": gettext_lazy("CPV codes"),
    "contract_start": gettext_lazy("Contract start"),
    "contract_end": gettext_lazy("Contract end"),
    "lots": gettext_lazy("Lots"),
    "evaluation_model": gettext_lazy("Evaluation model"),
    "scenario_ids": gettext_lazy("Stress-test scenarios"),
    "publication_date": gettext_lazy("Publication date"),
    "questions_deadline": gettext_lazy("Last day for questions"),
    "tender_deadline": gettext_lazy("Tender period"),
    "opening_at": gettext_lazy("Opening of tenders"),
    "standstill_days": gettext_lazy("Standstill"),
}


@dataclass(frozen=True)
class Problem:
    field: str
    message: str

    def __str__(self) -> str:
        return f"{FIELD_LABELS.get(self.field, self.field)}: {self.message}"


def _local_date(moment: datetime | None) -> date | None:
    if moment is None:
        return None
    return timezone.localtime(moment).date() if timezone.is_aware(moment) else moment.date()


def timeline_problems(
    *,
    procedure: str,
    publication_date: date | None,
    questions_deadline: date | None,
    tender_deadline: datetime | None,
    opening_at: datetime | None,
    standstill_days: int | None,
) -> list[Problem]:
    """Order: publication ≤ questions < tender deadline ≤ opening; minimum periods by procedure."""
    problems = []
    deadline_day = _local_date(tender_deadline)
    if publication_date and questions_deadline and questions_deadline < publication_date:
        problems.append(Problem("questions_deadline", _("must not be before the publication.")))
    if questions_deadline and deadline_day and questions_deadline >= deadline_day:
        problems.append(
            Problem("questions_deadline", _("must be before the day of the tender deadline."))
        )
    if tender_deadline and opening_at and opening_at < tender_deadline:
        problems.append(Problem("opening_at", _("must not be before the tender deadline.")))
    if publication_date and deadline_day:
        minimum = rules.min_tender_period_days(procedure)
        if (deadline_day - publication_date).days < minimum:
            problems.append(
                Problem(
                    "tender_deadline",
                    _("must be at least %(days)s days after the publication for %(procedure)s.")
                    % {"days": minimum, "procedure": rules.PROCEDURE_NAMES.get(procedure, "")},
                )
            )
    if rules.needs_standstill(procedure) and (standstill_days or 0) < rules.MIN_STANDSTILL_DAYS:
        problems.append(
            Problem(
                "standstill_days",
                _("must be at least %(days)s days.") % {"days": rules.MIN_STANDSTILL_DAYS},
            )
        )
    return problems


def _general_problems(procurement: Procurement) -> list[Problem]:
    problems = []
    if not procurement.cpv_codes:
        problems.append(Problem("cpv_codes", _("give at least one CPV code.")))
    if not procurement.contract_start:
        problems.append(Problem("contract_start", _("is missing.")))
    if not procurement.contract_end:
        problems.append(Problem("contract_end", _("is missing.")))
    elif procurement.contract_start and procurement.contract_end <= procurement.contract_start:
        problems.append(Problem("contract_end", _("must be after the contract start.")))
    return problems


def _timeline_presence(procurement: Procurement) -> list[Problem]:
    names = ("publication_date", "questions_deadline", "tender_deadline", "opening_at")
    problems = [Problem(n, _("is missing.")) for n in names if getattr(procurement, n) is None]
    if procurement.is_public:
        return problems  # the dates below are checked at publication; time has moved on since
    if procurement.tender_deadline and procurement.tender_deadline <= timezone.now():
        problems.append(Problem("tender_deadline", _("the tender deadline has already passed.")))
    # The minimum tender period runs from the real publication: a date in the past would
    # shorten it below the legal minimum without anyone noticing.
    if procurement.publication_date and procurement.publication_date < timezone.localdate():
        problems.append(
            Problem("publication_date", _("is in the past; publish from today or later."))
        )
    return problems


def _lot_problems(procurement: Procurement) -> list[Problem]:
    lots = list(procurement.lots.prefetch_related("units", "categories", "lot_requirements"))
    if not lots:
        return [Problem("lots", _("add at least one lot."))]
    problems = []
    for lot in lots:
        name = _("Lot %(number)s") % {"number": lot.number}
        if not lot.units.all():
            problems.append(Problem("lots", _("%(lot)s has no meal units.") % {"lot": name}))
        if not lot.categories.all():
            problems.append(Problem("lots", _("%(lot)s has no food categories.") % {"lot": name}))
        if not lot.lot_requirements.all():
            problems.append(Problem("lots", _("%(lot)s has no requirements.") % {"lot": name}))
    return problems


def _evaluation_problems(procurement: Procurement) -> list[Problem]:
    if procurement.evaluation_model != EvaluationModel.PRICE_DEDUCTION:
        return []
    has_deduction = procurement.lots.filter(
        lot_requirements__requirement__requirement_type=RequirementType.AWARD_CRITERION,
        lot_requirements__deduction_sek__gt=0,
    ).exists()
    if has_deduction:
        return []
    return [
        Problem(
            "evaluation_model",
            _("the price-deduction model needs at least one award criterion with a deduction."),
        )
    ]


def _contract_after_award(procurement: Procurement) -> list[Problem]:
    """The contract cannot start before tenders are opened and the standstill has run out."""
    opening_day = _local_date(procurement.opening_at)
    if not procurement.contract_start or opening_day is None:
        return []
    earliest = opening_day + timedelta(days=procurement.standstill_days or 0)
    if procurement.contract_start > earliest:
        return []
    return [
        Problem(
            "contract_start",
            _("must be after the opening of tenders and the standstill (after %(date)s).")
            % {"date": earliest.isoformat()},
        )
    ]


def publication_problems(procurement: Procurement) -> list[Problem]:
    problems = _general_problems(procurement)
    problems += _lot_problems(procurement)
    problems += _evaluation_problems(procurement)
    if not procurement.scenario_ids:
        problems.append(Problem("scenario_ids", _("choose at least one scenario.")))
    problems += _timeline_presence(procurement)
    problems += timeline_problems(
        procedure=procurement.procedure,
        publication_date=procurement.publication_date,
        questions_deadline=procurement.questions_deadline,
        tender_deadline=procurement.tender_deadline,
        opening_at=procurement.opening_at,
        standstill_days=procurement.standstill_days,
    )
    problems += _contract_after_award(procurement)
    return problems
