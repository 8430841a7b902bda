"""The supplier parameters of the stress-test model that a structured answer may set.

One list for requirements now and for bids later: a path is a supplier field of the network
file (`backup_power_hours`) or, for per-category fields, `field.<category slug>` or `field.*`
(`stock_days.dry`, `import_share.*`).
"""

import re
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

NUMBER = "number"
SHARE = "share"
BOOLEAN = "boolean"
TEXT = "text"

_CATEGORY = re.compile(r"^(?:\*|[a-z0-9]+(?:[-_][a-z0-9]+)*)$")


@dataclass(frozen=True)
class Parameter:
    """A supplier field of the model; `kind` is the answer type it takes (an AnswerType value)."""

    name: str
    kind: str
    label: str | Promise
    per_category: bool = False

    @property
    def bounds(self) -> tuple[float | None, float | None]:
        """The range every answer must stay in: shares 0..1, numbers at least 0."""
        if self.kind == SHARE:
            return 0.0, 1.0
        if self.kind == NUMBER:
            return 0.0, None
        return None, None


PARAMETERS: tuple[Parameter, ...] = (
    Parameter("capacity_per_day", NUMBER, _("Delivery capacity (portion-equivalents per day)")),
    Parameter("stock_days", NUMBER, _("Days of stock at the depot"), per_category=True),
    Parameter("upstream_slack", NUMBER, _("Upstream slack (share above normal demand)")),
    Parameter("import_share", SHARE, _("Imported share of upstream supply"), per_category=True),
    Parameter("backup_power_hours", NUMBER, _("Backup power (hours)")),
    Parameter("capacity_without_power", SHARE, _("Capacity without grid power (share)")),
    Parameter("fuel_reserve_days", NUMBER, _("Fuel reserve for vehicles (days)")),
    Parameter("manual_ordering_share", SHARE, _("Capacity with manual ordering (share)")),
    Parameter("staff_reserve", SHARE, _("Staff reserve (share)")),
    Parameter("prioritises_critical", BOOLEAN, _("Prioritises critical customers")),
    Parameter("ordering_system", TEXT, _("Ordering system")),
    Parameter("time_to_recover_days", NUMBER, _("Time to recover (days)")),
)
BY_NAME: dict[str, Parameter] = {parameter.name: parameter for parameter in PARAMETERS}


def parse_parameter(path: str) -> tuple[Parameter, str | None] | None:
    """The parameter and category of a path like `stock_days.dry`, or None if it is unknown.

    The category is None for fields that are not per category, or "*" for all categories.
    """
    name, dot, category = path.strip().partition(".")
    parameter = BY_NAME.get(name)
    if parameter is None:
        return None
    if not parameter.per_category:
        return None if dot else (parameter, None)
    if not dot or not _CATEGORY.match(category):
        return None
    return parameter, category


def parameter_examples() -> list[str]:
    """Paths to show as help, e.g. in a form's help text or an error message."""
    return [f"{p.name}.<category>" if p.per_category else p.name for p in PARAMETERS]
