"""Rules of Swedish public procurement (LOU) that the composer checks: CPV codes and time limits.

Minimum tender periods, counted in days from publication to the tender deadline. We always
receive tenders electronically, so the shorter periods apply:

- open procedure above the EU threshold: 30 days (LOU 11:2 gives 35, shortened by 5 days for
  electronic submission, 11:6);
- restricted and negotiated procedures: 30 days for tenders (LOU 11:4; we do not model the
  separate period for requests to participate, and ignore the 25-day shortening to stay safe);
- simplified procedure (below the threshold, LOU 19:22): the law says "reasonable time"; we
  require at least 10 days so that small firms can answer;
- direct award: no minimum.

Standstill (avtalsspärr, LOU 20:1): at least 10 days for every procedure except direct award.
"""

import re

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from beredd.procurement.models import Procedure

MIN_TENDER_PERIOD_DAYS: dict[str, int] = {
    Procedure.OPEN: 30,
    Procedure.RESTRICTED: 30,
    Procedure.NEGOTIATED: 30,
    Procedure.SIMPLIFIED: 10,
    Procedure.DIRECT_AWARD: 0,
}
MIN_STANDSTILL_DAYS = 10
PROCEDURES_WITHOUT_STANDSTILL = (Procedure.DIRECT_AWARD,)

CPV_PATTERN = re.compile(r"^(\d{8})(?:-(\d))?$")
# The CPV check digit: digits weighted 3, 7, 1, 3, 7, 1, 3, 7, sum modulo 10
# (e.g. 15000000-8 food, 15800000-6 miscellaneous food products, 55520000-1 catering).
CPV_WEIGHTS = (3, 7, 1, 3, 7, 1, 3, 7)

PROCEDURE_NAMES: dict[str, Promise] = {
    Procedure.OPEN: _("open procedure"),
    Procedure.RESTRICTED: _("restricted procedure"),
    Procedure.NEGOTIATED: _("negotiated procedure"),
    Procedure.SIMPLIFIED: _("simplified procedure"),
    Procedure.DIRECT_AWARD: _("direct award"),
}


def cpv_check_digit(digits: str) -> int:
    return sum(int(digit) * weight for digit, weight in zip(digits, CPV_WEIGHTS, strict=True)) % 10


def cpv_normalise(code: str) -> str | None:
    """The code as `dddddddd-d`, or None if it is not a valid CPV code (format or check digit)."""
    match = CPV_PATTERN.match(code.strip())
    if match is None:
        return None
    digits, check = match.groups()
    expected = cpv_check_digit(digits)
    if check is not None and int(check) != expected:
        return None
    return f"{digits}-{expected}"


def min_tender_period_days(procedure: str) -> int:
    return MIN_TENDER_PERIOD_DAYS.get(procedure, 30)


def needs_standstill(procedure: str) -> bool:
    return procedure not in PROCEDURES_WITHOUT_STANDSTILL
