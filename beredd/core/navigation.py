"""The main menu: each entry names a URL and who sees it.

Entries whose app has no such URL yet are skipped.
"""

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from beredd.accounts.models import Role

ANYONE = "anyone"
BUYER = "buyer"
SUPPLIER = "supplier"


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
    NavItem("accounts:members", _("Members"), audience="admin"),
)


def _visible(item: NavItem, user) -> bool:  # type: ignore[no-untyped-def]
    if item.audience == ANYONE:
        return True
    organisation = getattr(user, "organisation", None)
    if not user.is_authenticated or organisation is None:
        return False
    if item.audience == "admin":
        return bool(user.is_org_admin)
    if item.audience == SUPPLIER:
        return bool(organisation.is_supplier)
    if not organisation.is_buyer:
        return False
    return not item.roles or user.has_role(*item.roles)


def menu_for(user, current_path: str) -> list[dict[str, object]]:  # type: ignore[no-untyped-def]
    entries: list[dict[str, object]] = []
    for item in ITEMS:
        if not _visible(item, user):
            continue
        try:
            url = reverse(item.url_name)
        except NoReverseMatch:
            continue
        entries.append({"url": url, "label": item.label, "current": False})
    # The deepest entry that the current path lies under is the current one.
    matching = [entry for entry in entries if current_path.startswith(str(entry["url"]))]
    if matching:
        max(matching, key=lambda entry: len(str(entry["url"])))["current"] = True
    return entries
