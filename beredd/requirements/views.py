"""Pages of the requirement library: list with filters, detail with versions, own requirements.

Every buyer role may read; procurement officers and preparedness coordinators write.
Suppliers get 403; another organisation's own requirements answer 404.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.translation import gettext as _

from beredd.accounts.access import AuthenticatedHttpRequest, member_required
from beredd.accounts.models import BUYER_ROLES, Organisation, Role
from beredd.core.files import xlsx_response
from beredd.core.forms import form_add_service_error
from beredd.core.paging import paginated

from .export import requirements_xlsx
from .filters import RequirementFilter
from .forms import RequirementForm
from .models import Requirement
from .selectors import requirement_versions, version_diffs, visible_requirements
from .services import (
    CONTENT_FIELDS,
    requirement_copy,
    requirement_create,
    requirement_revise,
)

WRITERS = (Role.PROCUREMENT_OFFICER, Role.PREPAREDNESS_COORDINATOR)
PAGE_SIZE = 50


def _may_write(request: AuthenticatedHttpRequest) -> bool:
    return request.user.has_role(*WRITERS)


@member_required(*BUYER_ROLES)
def library(request: AuthenticatedHttpRequest, *, organisation: Organisation) -> HttpResponse:
    filterset = RequirementFilter(request.GET, queryset=visible_requirements(organisation))
    context = {
        "filter": filterset,
        **paginated(request, filterset.qs, PAGE_SIZE),
        "may_write": _may_write(request),
    }
    return render(request, "requirements/library.html", context)


@member_required(*BUYER_ROLES)
def export(request: AuthenticatedHttpRequest, *, organisation: Organisation) -> HttpResponse:
    filterset = RequirementFilter(request.GET, queryset=visible_requirements(organisation))
    return xlsx_response(requirements_xlsx(filterset.qs), "beredd-requirements.xlsx")


@member_required(*BUYER_ROLES)
def detail(
    request: AuthenticatedHttpRequest, pk: int, *, organisation: Organisation
) -> HttpResponse:
    requirement = get_object_or_404(visible_requirements(organisation), pk=pk)
    versions = requirement_versions(requirement)
    context = {
        "requirement": requirement,
        "versions": versions,
        "diffs": version_diffs(versions, translation.get_language() or "sv"),
        "organisation": organisation,
        "may_write": _may_write(request),
        "may_revise": _may_write(request) and not requirement.is_shared,
    }
    return render(request, "requirements/detail.html", context)


@member_required(*WRITERS)
def create(request: AuthenticatedHttpRequest, *, organisation: Organisation) -> HttpResponse:
    form = RequirementForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            requirement = requirement_create(
                organisation=organisation, user=request.user, content=form.content
            )
        except ValidationError as error:
            form_add_service_error(form, error)
        else:
            messages.success(request, _("%(id)s was added.") % {"id": requirement.identifier})
            return redirect("requirements:detail", pk=requirement.pk)
    return render(request, "requirements/form.html", {"form": form, "mode": "create"})


@member_required(*WRITERS)
def copy(request: AuthenticatedHttpRequest, pk: int, *, organisation: Organisation) -> HttpResponse:
    source = get_object_or_404(visible_requirements(organisation), pk=pk)
    form = RequirementForm(request.POST or None, instance=Requirement(), initial=_initial(source))
    if request.method == "POST" and form.is_valid():
        try:
            requirement = requirement_copy(
                source=source, organisation=organisation, user=request.user, content=form.content
            )
        except ValidationError as error:
            form_add_service_error(form, error)
        else:
            messages.success(
                request,
                _("%(id)s was added, based on %(source)s.")
                % {"id": requirement.identifier, "source": source.identifier},
            )
            return redirect("requirements:detail", pk=requirement.pk)
    context = {"form": form, "mode": "copy", "source": source}
    return render(request, "requirements/form.html", context)


@member_required(*WRITERS)
def revise(
    request: AuthenticatedHttpRequest, pk: int, *, organisation: Organisation
) -> HttpResponse:
    current = get_object_or_404(Requirement, pk=pk, organisation=organisation, is_current=True)
    # The form works on a copy so that a failed validation leaves `current` as it was.
    form = RequirementForm(request.POST or None, instance=Requirement(), initial=_initial(current))
    if request.method == "POST" and form.is_valid() and not form.has_changed():
        messages.info(request, _("Nothing was changed."))
        return redirect("requirements:detail", pk=current.pk)
    if request.method == "POST" and form.is_valid():
        try:
            revised = requirement_revise(
                requirement=current, user=request.user, content=form.content
            )
        except ValidationError as error:
            form_add_service_error(form, error)
        else:
            messages.success(request, _revised_message(current, revised))
            return redirect("requirements:detail", pk=revised.pk)
    context = {"form": form, "mode": "revise", "source": current}
    return render(request, "requirements/form.html", context)


def _initial(requirement: Requirement) -> dict:
    return {name: getattr(requirement, name) for name in CONTENT_FIELDS}


def _revised_message(current: Requirement, revised: Requirement) -> str:
    if revised.pk != current.pk:
        return _("%(id)s was saved as a new version.") % {"id": revised.identifier}
    return _("%(id)s was updated.") % {"id": revised.identifier}
