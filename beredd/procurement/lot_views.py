"""Lot views: the lots page with the lot-sizing aid, lot forms, and each lot's requirements."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from beredd.accounts.access import AuthenticatedHttpRequest, member_required
from beredd.accounts.models import Organisation
from beredd.core.forms import form_add_service_error
from beredd.procurement import selectors, services
from beredd.procurement.forms import AddRequirementForm, LibrarySearchForm, LotForm
from beredd.procurement.models import Lot, LotRequirement, Procurement
from beredd.procurement.views import (
    EDITORS,
    REQUIREMENT_EDITORS,
    get_procurement,
    posted,
    require_role,
    sizing_context,
)


def get_lot(procurement: Procurement, lot_pk: int) -> Lot:
    return get_object_or_404(Lot, procurement=procurement, pk=lot_pk)


@member_required()
def lot_list(
    request: AuthenticatedHttpRequest, organisation: Organisation, pk: int
) -> HttpResponse:
    procurement = get_procurement(organisation, pk)
    context = {
        "procurement": procurement,
        "can_edit": request.user.has_role(*EDITORS) and not procurement.is_public,
        **sizing_context(procurement),
    }
    return render(request, "procurement/lot_list.html", context)


def _lot_form_view(
    request: AuthenticatedHttpRequest,
    organisation: Organisation,
    procurement: Procurement,
    lot: Lot | None,
) -> HttpResponse:
    initial: dict[str, object] = {}
    if lot is None:
        initial["number"] = (procurement.lots.count() or 0) + 1
        if procurement.activity:
            initial["units"] = list(procurement.activity.units.all())
    form = LotForm(
        posted(request),
        instance=lot,
        initial=initial,
        organisation=organisation,
        procurement=procurement,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            saved = services.lot_save(
                procurement=procurement,
                lot=get_lot(procurement, lot.pk) if lot else None,
                units=data["units"],
                categories=data["categories"],
                number=data["number"],
                title=data["title"],
                basis=data["basis"],
                description=data["description"],
                reserved_for_sme=data["reserved_for_sme"],
                estimated_value_sek=data["estimated_value_sek"],
            )
        except ValidationError as error:
            form_add_service_error(form, error)
        else:
            messages.success(request, _("The lot was saved. Now choose its requirements."))
            return redirect("procurement:lot_requirements", pk=procurement.pk, lot_pk=saved.pk)
    context = {"procurement": procurement, "form": form, "lot": lot}
    return render(request, "procurement/lot_form.html", context)


@member_required(*EDITORS)
def lot_create(
    request: AuthenticatedHttpRequest, organisation: Organisation, pk: int
) -> HttpResponse:
    procurement = get_procurement(organisation, pk)
    return _lot_form_view(request, organisation, procurement, None)


@member_required(*EDITORS)
def lot_edit(
    request: AuthenticatedHttpRequest, organisation: Organisation, pk: int, lot_pk: int
) -> HttpResponse:
    procurement = get_procurement(organisation, pk)
    return _lot_form_view(request, organisation, procurement, get_lot(procurement, lot_pk))


@member_required(*EDITORS)
@require_POST
def lot_delete(
    request: AuthenticatedHttpRequest, organisation: Organisation, pk: int, lot_pk: int
) -> HttpResponse:
    procurement = get_procurement(organisation, pk)
    lot = get_lot(procurement, lot_pk)
    try:
        services.lot_delete(lot=lot)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Lot %(number)s was deleted.") % {"number": lot.number})
    return redirect("procurement:lot_list", pk=pk)


@member_required()
def lot_requirements(
    request: AuthenticatedHttpRequest, organisation: Organisation, pk: int, lot_pk: int
) -> HttpResponse:
    procurement = get_procurement(organisation, pk)
    lot = get_lot(procurement, lot_pk)
    add_form = AddRequirementForm(posted(request), organisation=organisation)
    if request.method == "POST":
        require_role(request, REQUIREMENT_EDITORS)
        if add_form.is_valid():
            requirement = add_form.cleaned_data["requirement"]
            try:
                services.lot_requirement_add(
                    lot=lot,
                    requirement=requirement,
                    deduction_sek=add_form.cleaned_data["deduction_sek"],
                )
            except ValidationError as error:
                form_add_service_error(add_form, error)
            else:
                messages.success(request, _("Added %(id)s.") % {"id": requirement.identifier})
                return redirect(request.get_full_path())
    search = LibrarySearchForm(request.GET or None)
    search.is_valid()
    data = getattr(search, "cleaned_data", {}) or {}
    found = selectors.library_search(
        organisation=organisation,
        query=data.get("q", ""),
        area=data.get("area", ""),
        requirement_type=data.get("type", ""),
    )
    uses = list(selectors.lot_requirements(lot=lot))
    library = list(found[:100])
    context = {
        "procurement": procurement,
        "lot": lot,
        "uses": uses,
        "used_ids": set(lot.lot_requirements.values_list("requirement_id", flat=True)),
        "library": library,
        "search": search,
        "add_form": add_form,
        "can_edit": request.user.has_role(*REQUIREMENT_EDITORS) and not procurement.is_public,
    }
    return render(request, "procurement/lot_requirements.html", context)


@member_required(*REQUIREMENT_EDITORS)
@require_POST
def lot_requirement_remove(
    request: AuthenticatedHttpRequest, organisation: Organisation, pk: int, lot_pk: int, use_pk: int
) -> HttpResponse:
    procurement = get_procurement(organisation, pk)
    lot = get_lot(procurement, lot_pk)
    use = get_object_or_404(LotRequirement, lot=lot, pk=use_pk)
    try:
        services.lot_requirement_remove(use=use)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("procurement:lot_requirements", pk=pk, lot_pk=lot_pk)
