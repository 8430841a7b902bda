"""The "where it is used" table on a requirement's page: which of the organisation's lots use it.

Procurement knows its lots and sits above requirements, so the requirement page includes this
tag instead of importing procurement.
"""

from django import template

from beredd.accounts.models import Organisation
from beredd.procurement.selectors import requirement_uses
from beredd.requirements.models import Requirement

register = template.Library()


@register.inclusion_tag("procurement/_requirement_uses.html")
def requirement_uses_table(requirement: Requirement, organisation: Organisation) -> dict:
    return {"uses": requirement_uses(requirement, organisation)}
