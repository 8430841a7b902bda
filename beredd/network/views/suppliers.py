"""Supplier pages: list, detail with values and their sources, create, edit, delete, assignments."""

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
from beredd.network import selectors, services
from beredd.network.forms import AssignmentSetForm, SupplierForm
from beredd.network.models import Supplier, SupplyAssignment
from beredd.network.views.common import SUPPLIER_EDITORS, VIEWERS, permissions, redirect_back


@member_required(*VIEWERS)
def supplier_list(request: AuthenticatedHttpRequest, *, organisation: Organisation) -> HttpResponse:
    context = {"suppliers": selectors.supplier_list(organisation), **permissions(request)}
    return render(request, "network/supplier_list.html", context)


@member_required(*VIEWERS)
def supplier_detail(
    request: AuthenticatedHttpRequest, pk: int, *, organisation: Organisation
) -> HttpResponse:
    supplier = get_org_object(Supplier, organisation, pk=pk)
    context = {
        "supplier": supplier,
        "value_rows": selectors.supplier_value_rows(supplier),
        "groups": selectors.supplier_groups(supplier),
        "assign_form": AssignmentSetForm(
            organisation=organisation, initial=selectors.served_initial(supplier, request.GET)
        ),
        **permissions(request),
    }
    return render(request, "network/supplier_detail.html", context)


def _supplier_form_page(
    request: AuthenticatedHttpRequest, organisation: Organisation, supplier: Supplier | None
) -> HttpResponse:
    categories = selectors.categories(organisation)
    form = SupplierForm(request.POST or None, instance=supplier, categories=categories)
    if request.method == "POST" and form.is_valid():
        try:
            supplier = services.supplier_save(
                organisation=organisation, supplier=supplier, **form.service_data()
            )
        except ValidationError as error:
            form_add_service_error(form, error)
        else:
            messages.success(request, _("The supplier %(s)s is saved.") % {"s": supplier})
            return redirect("network:supplier_detail", pk=supplier.pk)
    return render(request, "network/supplier_form.html", {"form": form, "supplier": supplier})


@member_required(*SUPPLIER_EDITORS)
def supplier_create(
    request: AuthenticatedHttpRequest, *, organisation: Organisation
) -> HttpResponse:
    return _supplier_form_page(request, organisation, None)


@member_required(*SUPPLIER_EDITORS)
def supplier_edit(
    request: AuthenticatedHttpRequest, pk: int, *, organisation: Organisation
) -> HttpResponse:
    return _supplier_form_page(request, organisation, get_org_object(Supplier, organisation, pk=pk))


@member_required(*SUPPLIER_EDITORS)
def supplier_delete(
    request: AuthenticatedHttpRequest, pk: int, *, organisation: Organisation
) -> HttpResponse:
    supplier = get_org_object(Supplier, organisation, pk=pk)
    if request.method == "POST":
        services.supplier_delete(supplier=supplier)
        messages.success(request, _("The supplier %(s)s is deleted.") % {"s": supplier})
        return redirect("network:supplier_list")
    cancel_url = reverse("network:supplier_detail", args=[supplier.pk])
    context = {"object": supplier, "cancel_url": cancel_url}
    return render(request, "network/confirm_delete.html", context)


@require_POST
@member_required(*SUPPLIER_EDITORS)
def supplier_assignments(
    request: AuthenticatedHttpRequest, pk: int, *, organisation: Organisation
) -> HttpResponse:
    supplier = get_org_object(Supplier, organisation, pk=pk)
    form = AssignmentSetForm(request.POST, organisation=organisation)
    if form.is_valid():
        try:
            services.assignments_set(supplier=supplier, **form.cleaned_data)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The units served are updated."))
    else:
        errors = [f"{form[name].label}: {' '.join(map(str, e))}" for name, e in form.errors.items()]
        messages.error(request, " ".join(errors))
    return redirect("network:supplier_detail", pk=supplier.pk)


@require_POST
@member_required(*SUPPLIER_EDITORS)
def assignment_delete(
    request: AuthenticatedHttpRequest, pk: int, *, organisation: Organisation
) -> HttpResponse:
    assignment = get_org_object(SupplyAssignment, organisation, pk=pk)
    services.assignment_delete(assignment=assignment)
    messages.success(request, _("The assignment is removed."))
    return redirect_back(request, reverse("network:supplier_detail", args=[assignment.supplier_id]))
