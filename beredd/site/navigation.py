"""The main menu: each entry names a URL and who sees it.

It lists the pages of every app, so it lives above them all. An entry whose URL name does not
exist is an error (NoReverseMatch), not a silently missing menu entry.
"""

from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from beredd.accounts.models import Role, User

ANYONE = "anyone"
BUYER = "buyer"
SUPPLIER = "supplier"
ADMIN = "admin"


@dataclass(frozen=True)
class NavItem:
    url_name: str
    label: str | Promise
    audience: str = BUYER
    roles: tuple[str, ...] = ()


ITEMS = (
    NavItem("readiness:overview", _("Overview"), roles=(Role.DECISION_MAKER,)),
    NavItem("readiness:activity_list", _("Readiness analysis")),
    NavItem("network:unit_list", _("Meal units")),
    NavItem("network:supplier_list", _("Suppliers")),
    NavItem("stresstests:run_list", _("Stress tests")),
    NavItem("requirements:library", _("Requirements")),
    NavItem("procurement:list", _("Procurements")),
    NavItem("dialogue:rfi_list", _("Market dialogue")),
    NavItem("dialogue:question_list", _("Questions during the tender")),
    NavItem("publication:list", _("Published tenders"), audience=ANYONE),
    NavItem("publication:watch_list", _("My watches"), audience=SUPPLIER),
    NavItem("dialogue:rfi_list", _("Market dialogue"), audience=SUPPLIER),
    NavItem("dialogue:question_list", _("My questions"), audience=SUPPLIER),
    NavItem("accounts:members", _("Members"), audience=ADMIN),
)


def is_visible(item: NavItem, user: User | AnonymousUser) -> bool:
    """Whether this person sees the entry: by organisation kind, role or organisation admin."""
    if item.audience == ANYONE:
        return True
    if not isinstance(user, User) or user.organisation is None:
        return False
    organisation = user.organisation
    if item.audience == ADMIN:
        return user.is_org_admin
    if item.audience == SUPPLIER:
        return organisation.is_supplier
    if not organisation.is_buyer:
        return False
    return not item.roles or user.has_role(*item.roles)


def menu_for(user: User | AnonymousUser, current_path: str) -> list[dict[str, object]]:
    entries: list[dict[str, object]] = [
        {"url": reverse(item.url_name), "label": item.label, "current": False}
        for item in ITEMS
        if is_visible(item, user)
    ]
    # The deepest entry that the current path lies under is the current one.
    matching = [entry for entry in entries if current_path.startswith(str(entry["url"]))]
    if matching:
        max(matching, key=lambda entry: len(str(entry["url"])))["current"] = True
    return entries
