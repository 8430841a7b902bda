"""Views of the readiness analysis: list, create, the four steps, the overview and the brief."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from beredd.accounts.access import AuthenticatedHttpRequest, check_member, member_required
from beredd.accounts.models import BUYER_ROLES, Organisation, Role
from beredd.core.files import docx_response, pdf_response
from beredd.core.forms import form_add_service_error
from beredd.core.params import parse_count

from . import brief, selectors, services
from .forms import ActivityForm
from .models import CriticalActivity
from .steps import STEPS, STEPS_BY_SLUG, Step, next_step

CREATORS = (Role.PREPAREDNESS_COORDINATOR, Role.NEEDS_OWNER)


def _activity(organisation: Organisation, pk: int) -> CriticalActivity:
    """The activity of this organisation, or 404 (also for other organisations' ids)."""
    return get_object_or_404(selectors.activities_for(organisation), pk=pk)


@member_required(*BUYER_ROLES)
def activity_list(request: AuthenticatedHttpRequest, *, organisation: Organisation) -> HttpResponse:
    rows = selectors.overview(organisation, timezone.localdate())["rows"]
    can_create = request.user.has_role(*CREATORS)
    return render(request, "readiness/activity_list.html", {"rows": rows, "can_create": can_create})


@member_required(*CREATORS)
def activity_create(
    request: AuthenticatedHttpRequest, *, organisation: Organisation
) -> HttpResponse:
    form = ActivityForm(request.POST or None, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        activity = services.activity_create(
            organisation=organisation,
            user=request.user,
            name=form.cleaned_data["name"],
            description=form.cleaned_data["description"],
            units=form.cleaned_data["units"],
        )
        messages.success(request, _("The critical activity was created."))
        return redirect("readiness:step", pk=activity.pk, step="analysis")
    return render(request, "readiness/activity_form.html", {"form": form})


@member_required(*BUYER_ROLES)
def activity_detail(
    request: AuthenticatedHttpRequest, pk: int, *, organisation: Organisation
) -> HttpResponse:
    activity = _activity(organisation, pk)
    user = request.user
    steps = [(step, user.has_role(*step.roles)) for step in STEPS]
    context = {
        "activity": activity,
        "row": selectors.activity_overview(activity, timezone.localdate()),
        "steps": steps,
        "changes": selectors.activity_changes(activity),
    }
    return render(request, "readiness/activity_detail.html", context)


@member_required(*BUYER_ROLES)
def step_edit(
    request: AuthenticatedHttpRequest, pk: int, step: str, *, organisation: Organisation
) -> HttpResponse:
    """One step's form page; "save" stays on it, "save and continue" goes to the next step."""
    current = STEPS_BY_SLUG.get(step)
    if current is None:
        raise Http404
    activity = _activity(organisation, pk)
    check_member(request.user, roles=current.roles)
    form, formsets = _step_forms(current, activity, organisation, request)
    adding = request.method == "POST" and "add_row" in request.POST
    if (
        request.method == "POST"
        and not adding
        and form.is_valid()
        and all(fs.is_valid() for _t, fs in formsets)
        and _saved(current, activity, form, [fs for _t, fs in formsets])
    ):
        messages.success(request, _("Step %(number)d was saved.") % {"number": current.number})
        following = next_step(current)
        if "save_next" not in request.POST:
            return redirect("readiness:step", pk=pk, step=current.slug)
        if following:
            return redirect("readiness:step", pk=pk, step=following.slug)
        return redirect("readiness:activity_detail", pk=pk)
    context = {"activity": activity, "step": current, "form": form, "formsets": formsets}
    context["following"] = next_step(current)
    context["adding"] = adding
    if not adding:
        context["formsets_have_errors"] = any(fs.total_error_count() for _t, fs in formsets)
    return render(request, "readiness/step_form.html", context)


def _saved(step: Step, activity: CriticalActivity, form: Any, formsets: list[Any]) -> bool:
    """Calls the step's service; its refusal lands on the step's form."""
    data = form.cleaned_data
    rows = {formset.prefix: formset.changes() for formset in formsets}
    try:
        if step.slug == "analysis":
            services.activity_save_analysis(
                activity=activity,
                name=data["name"],
                description=data["description"],
                units=data["units"],
                analysis_status=data["analysis_status"],
                dependencies=rows["dependencies"],
                consequences=rows["consequences"],
                responsibles=rows["responsibles"],
            )
        elif step.slug == "decision":
            services.activity_save_decision(
                activity=activity,
                path=data["path"],
                path_rationale=data["path_rationale"],
                decided_by=data["decided_by"],
                decided_by_name=data["decided_by_name"],
                decided_on=data["decided_on"],
                decision_status=data["decision_status"],
            )
        elif step.slug == "preparation":
            services.activity_save_preparation(
                activity=activity,
                preparation_status=data["preparation_status"],
                checklist=rows["checklist"],
            )
        else:
            services.activity_save_communication(
                activity=activity,
                communication_status=data["communication_status"],
                communications=rows["communications"],
            )
    except ValidationError as error:
        form_add_service_error(form, error)
        return False
    return True


def _step_forms(
    step: Step,
    activity: CriticalActivity,
    organisation: Organisation,
    request: AuthenticatedHttpRequest,
) -> tuple[Any, list[tuple[Any, Any]]]:
    data = request.POST.copy() if request.method == "POST" else None
    prefixes = [prefix for prefix, _cls, _title in step.formsets]
    if data is not None and data.get("add_row") in prefixes:
        # "Add a row" sends the page back with one more blank row and saves nothing
        total = f"{data['add_row']}-TOTAL_FORMS"
        count = parse_count(data.get(total) or "0")
        # A tampered count (e.g. "²") is left as it is: the formset's management form then
        # reports it as an error above the rows.
        if count is not None:
            data[total] = str(count + 1)
    form = step.form_class(data, instance=activity, organisation=organisation)
    formsets = [
        (title, cls(data, instance=activity, prefix=prefix, organisation=organisation))
        for prefix, cls, title in step.formsets
    ]
    return form, formsets


@member_required(*BUYER_ROLES)
def overview(request: AuthenticatedHttpRequest, *, organisation: Organisation) -> HttpResponse:
    context = selectors.overview(organisation, timezone.localdate())
    return render(request, "readiness/overview.html", context)


@member_required(*BUYER_ROLES)
def activity_brief(
    request: AuthenticatedHttpRequest, pk: int, *, organisation: Organisation
) -> HttpResponse:
    activity = _activity(organisation, pk)
    today = timezone.localdate()
    context = {
        "activity": activity,
        "row": selectors.activity_overview(activity, today),
        "today": today,
    }
    return render(request, "readiness/brief.html", context)


@member_required(*BUYER_ROLES)
def activity_brief_file(
    request: AuthenticatedHttpRequest, pk: int, kind: str, *, organisation: Organisation
) -> HttpResponse:
    activity = _activity(organisation, pk)
    today = timezone.localdate()
    filename = f"{slugify(activity.name) or 'activity'}-{today.isoformat()}.{kind}"
    if kind == "docx":
        return docx_response(brief.brief_docx(activity, today), filename)
    return pdf_response(brief.brief_pdf(activity, today), filename)


@member_required(*BUYER_ROLES)
def overview_docx(request: AuthenticatedHttpRequest, *, organisation: Organisation) -> HttpResponse:
    today = timezone.localdate()
    filename = f"readiness-{organisation.slug}-{today.isoformat()}.docx"
    return docx_response(brief.overview_docx(organisation, today), filename)
