"""Who may do what on the network pages, and small helpers the views share."""

from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme

from beredd.accounts.access import AuthenticatedHttpRequest
from beredd.accounts.models import BUYER_ROLES, Role

VIEWERS = tuple(BUYER_ROLES)
UNIT_EDITORS = (Role.NEEDS_OWNER, Role.PREPAREDNESS_COORDINATOR)
SUPPLIER_EDITORS = (Role.PROCUREMENT_OFFICER, Role.PREPAREDNESS_COORDINATOR)


def permissions(request: AuthenticatedHttpRequest) -> dict[str, bool]:
    user = request.user
    return {
        "can_edit_units": user.has_role(*UNIT_EDITORS),
        "can_edit_suppliers": user.has_role(*SUPPLIER_EDITORS),
    }


def redirect_back(request: AuthenticatedHttpRequest, fallback: str) -> HttpResponse:
    """Back to the page the form came from, if it is on this site."""
    target = request.POST.get("next", "")
    if target.startswith("/") and url_has_allowed_host_and_scheme(target, {request.get_host()}):
        return redirect(target)
    return redirect(fallback)
