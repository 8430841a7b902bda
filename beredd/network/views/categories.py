"""Food categories with their shares of the normal and crisis menus."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from beredd.accounts.access import AuthenticatedHttpRequest, get_org_object, member_required
from beredd.accounts.models import Organisation
from beredd.core.forms import form_add_service_error
from beredd.network import selectors, services
from beredd.network.forms import CategoryForm
from beredd.network.models import FoodCategory
from beredd.network.views.common import UNIT_EDITORS, VIEWERS, permissions


@member_required(*VIEWERS)
def category_list(request: AuthenticatedHttpRequest, *, organisation: Organisation) -> HttpResponse:
    rows = selectors.category_rows(organisation)
    totals = {
        "normal": sum(r.normal_share or 0 for r in rows),
        "crisis": sum(r.crisis_share or 0 for r in rows),
    }
    context = {"rows": rows, "totals": totals, **permissions(request)}
    return render(request, "network/category_list.html", context)


def _category_form_page(
    request: AuthenticatedHttpRequest, organisation: Organisation, category: FoodCategory | None
) -> HttpResponse:
    initial = selectors.menu_share_initial(category) if category else {}
    form = CategoryForm(request.POST or None, instance=category, initial=initial)
    form.instance.organisation = organisation
    if request.method == "POST" and form.is_valid():
        try:
            services.category_save(
                organisation=organisation,
                category=category,
                **form.service_data(),
            )
        except ValidationError as error:
            form_add_service_error(form, error)
        else:
            messages.success(request, _("The food category is saved."))
            return redirect("network:category_list")
    return render(request, "network/category_form.html", {"form": form, "category": category})


@member_required(*UNIT_EDITORS)
def category_create(
    request: AuthenticatedHttpRequest, *, organisation: Organisation
) -> HttpResponse:
    return _category_form_page(request, organisation, None)


@member_required(*UNIT_EDITORS)
def category_edit(
    request: AuthenticatedHttpRequest, pk: int, *, organisation: Organisation
) -> HttpResponse:
    category = get_org_object(FoodCategory, organisation, pk=pk)
    return _category_form_page(request, organisation, category)


@member_required(*UNIT_EDITORS)
def category_delete(
    request: AuthenticatedHttpRequest, pk: int, *, organisation: Organisation
) -> HttpResponse:
    category = get_org_object(FoodCategory, organisation, pk=pk)
    if request.method == "POST":
        services.category_delete(category=category)
        messages.success(request, _("The food category %(c)s is deleted.") % {"c": category})
        return redirect("network:category_list")
    context = {
        "object": category,
        "cancel_url": reverse("network:category_list"),
        "warning": _("Its stock days, import shares and supply assignments are deleted with it."),
    }
    return render(request, "network/confirm_delete.html", context)
