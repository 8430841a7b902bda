"""Meal unit pages: list with filters and totals, detail with supply chains, edit, delete."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from beredd.accounts.access import AuthenticatedHttpRequest, get_org_object, member_required
from beredd.accounts.models import Organisation
from beredd.core.forms import form_add_service_error
from beredd.core.paging import paginated
from beredd.network import selectors, services
from beredd.network.forms import AssignmentAddForm, UnitFilterForm, UnitForm
from beredd.network.models import MealUnit
from beredd.network.views.common import SUPPLIER_EDITORS, UNIT_EDITORS, VIEWERS, permissions

UNITS_PER_PAGE = 100  # a municipality may have hundreds of kitchens
UNCOVERED_SHOWN = 20


@member_required(*VIEWERS)
def unit_list(request: AuthenticatedHttpRequest, *, organisation: Organisation) -> HttpResponse:
    form = UnitFilterForm(request.GET or None, areas=selectors.unit_areas(organisation))
    filters = form.cleaned_data if form.is_valid() else {}
    units = selectors.unit_list(organisation, filters)
    uncovered = selectors.uncovered_pairs(organisation)
    context = {
        "filter_form": form,
        **paginated(request, units, UNITS_PER_PAGE),
        "totals": selectors.unit_totals(units),
        "uncovered": uncovered[:UNCOVERED_SHOWN],
        "uncovered_more": max(len(uncovered) - UNCOVERED_SHOWN, 0),
        "has_categories": bool(selectors.categories(organisation)),
        **permissions(request),
    }
    return render(request, "network/unit_list.html", context)


@member_required(*VIEWERS)
def unit_detail(
    request: AuthenticatedHttpRequest, pk: int, *, organisation: Organisation
) -> HttpResponse:
    unit = get_org_object(MealUnit, organisation, pk=pk)
    context = {
        "unit": unit,
        "chains": selectors.unit_chains(unit),
        "has_own_crisis_menu": any(v > 0 for v in (unit.menus or {}).get("crisis", {}).values()),
        "categories": selectors.categories(organisation),
        "add_form": AssignmentAddForm(organisation=organisation),
        **permissions(request),
    }
    return render(request, "network/unit_detail.html", context)


def _unit_form_page(
    request: AuthenticatedHttpRequest, organisation: Organisation, unit: MealUnit | None
) -> HttpResponse:
    categories = selectors.categories(organisation)
    form = UnitForm(request.POST or None, instance=unit, categories=categories)
    if request.method == "POST" and form.is_valid():
        try:
            unit = services.unit_save(organisation=organisation, unit=unit, **form.service_data())
        except ValidationError as error:
            form_add_service_error(form, error)
        else:
            messages.success(request, _("The unit %(unit)s is saved.") % {"unit": unit})
            return redirect("network:unit_detail", pk=unit.pk)
    return render(request, "network/unit_form.html", {"form": form, "unit": unit})


@member_required(*UNIT_EDITORS)
def unit_create(request: AuthenticatedHttpRequest, *, organisation: Organisation) -> HttpResponse:
    return _unit_form_page(request, organisation, None)


@member_required(*UNIT_EDITORS)
def unit_edit(
    request: AuthenticatedHttpRequest, pk: int, *, organisation: Organisation
) -> HttpResponse:
    return _unit_form_page(request, organisation, get_org_object(MealUnit, organisation, pk=pk))


@member_required(*UNIT_EDITORS)
def unit_delete(
    request: AuthenticatedHttpRequest, pk: int, *, organisation: Organisation
) -> HttpResponse:
    unit = get_org_object(MealUnit, organisation, pk=pk)
    if request.method == "POST":
        services.unit_delete(unit=unit)
        messages.success(request, _("The unit %(unit)s is deleted.") % {"unit": unit})
        return redirect("network:unit_list")
    return render(
        request,
        "network/confirm_delete.html",
        {"object": unit, "cancel_url": reverse("network:unit_detail", args=[unit.pk])},
    )


@require_POST
@member_required(*SUPPLIER_EDITORS)
def unit_assignment_add(
    request: AuthenticatedHttpRequest, pk: int, *, organisation: Organisation
) -> HttpResponse:
    unit = get_org_object(MealUnit, organisation, pk=pk)
    form = AssignmentAddForm(request.POST, organisation=organisation)
    if form.is_valid():
        try:
            services.assignment_add(unit=unit, **form.cleaned_data)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The supply chain is updated."))
    else:
        messages.error(request, _("Choose a category, a supplier and a rank ≥ 0."))
    return redirect("network:unit_detail", pk=unit.pk)
