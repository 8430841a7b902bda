"""Composer views: each validates a form, calls one service and renders or redirects.

Every page is open to all buyer roles of the organisation for reading; changing needs the
procurement officer (the preparedness coordinator may also change requirements and scenarios).
Other organisations' procurements answer 404, suppliers 403.
"""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from beredd.accounts.access import (
    AuthenticatedHttpRequest,
    check_member,
    get_org_object,
    member_required,
)
from beredd.accounts.models import Organisation, Role
from beredd.core.forms import form_add_service_error
from beredd.core.params import parse_id
from beredd.procurement import selectors, services
from beredd.procurement.evaluation import award_criteria, worked_example
from beredd.procurement.forms import EvaluationForm, GeneralForm, ScenarioForm, TimelineForm
from beredd.procurement.models import Procurement
from beredd.procurement.rules import min_tender_period_days
from beredd.procurement.scenarios import scenario_choices, scenarios_of
from beredd.procurement.sizing import (
    SME_MAX_PE_PER_DAY,
    SME_MAX_VALUE_SEK_PER_YEAR,
    procurement_lot_sizes,
)
from beredd.readiness.models import CriticalActivity

EDITORS = (Role.PROCUREMENT_OFFICER,)
REQUIREMENT_EDITORS = (Role.PROCUREMENT_OFFICER, Role.PREPAREDNESS_COORDINATOR)


def get_procurement(organisation: Organisation, pk: int) -> Procurement:
    return get_org_object(Procurement, organisation, pk=pk)


def posted(request: AuthenticatedHttpRequest) -> Any:
    """The POST data when posted (even if empty, e.g. no checkbox ticked), else None."""
    return request.POST if request.method == "POST" else None


def require_role(request: AuthenticatedHttpRequest, roles: tuple[str, ...]) -> None:
    """Changing needs more roles than reading: the same check as the decorator's."""
    check_member(request.user, roles=roles)


@member_required()
def procurement_list(request: AuthenticatedHttpRequest, organisation: Organisation) -> HttpResponse:
    procurements = selectors.procurement_list(organisation=organisation)
    can_create = request.user.has_role(*EDITORS)
    activities = CriticalActivity.objects.filter(organisation=organisation)
    context = {"procurements": procurements, "can_create": can_create, "activities": activities}
    return render(request, "procurement/list.html", context)


@member_required(*EDITORS)
def procurement_create(
    request: AuthenticatedHttpRequest, organisation: Organisation
) -> HttpResponse:
    activity = None
    if "activity" in request.GET:
        activity_id = parse_id(request.GET["activity"])
        if activity_id is None:
            raise Http404  # a hand-edited address, not a link of ours
        activity = get_org_object(CriticalActivity, organisation, pk=activity_id)
    form = GeneralForm(
        posted(request),
        organisation=organisation,
        initial={"activity": activity, "title": activity.name if activity else ""},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            procurement = services.procurement_create(
                organisation=organisation,
                user=request.user,  # type: ignore[arg-type]
                title=data["title"],
                procedure=data["procedure"],
                activity=data["activity"],
                reference=data["reference"],
                description=data["description"],
                cpv_codes=data["cpv_text"],
                estimated_value_sek=data["estimated_value_sek"],
                contract_start=data["contract_start"],
                contract_end=data["contract_end"],
                option_months=data["option_months"],
            )
        except ValidationError as error:
            form_add_service_error(form, error)
        else:
            messages.success(request, _("The procurement was created. Now add its lots."))
            return redirect("procurement:lot_create", pk=procurement.pk)
    return render(request, "procurement/general.html", {"form": form, "activity": activity})


@member_required()
def procurement_detail(
    request: AuthenticatedHttpRequest, organisation: Organisation, pk: int
) -> HttpResponse:
    procurement = get_procurement(organisation, pk)
    problems = selectors.publication_problems(procurement=procurement)
    context = {
        "procurement": procurement,
        "lots": selectors.procurement_lots(procurement=procurement),
        "problems": problems,
        "scenarios": scenarios_of(procurement.scenario_ids),
        "can_edit": request.user.has_role(*EDITORS) and not procurement.is_public,
    }
    return render(request, "procurement/detail.html", context)


@member_required()
def procurement_general(
    request: AuthenticatedHttpRequest, organisation: Organisation, pk: int
) -> HttpResponse:
    procurement = get_procurement(organisation, pk)
    if request.method == "POST":
        require_role(request, EDITORS)
    form = GeneralForm(
        posted(request), instance=get_procurement(organisation, pk), organisation=organisation
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.procurement_update(
                procurement=procurement,
                title=data["title"],
                procedure=data["procedure"],
                activity=data["activity"],
                reference=data["reference"],
                description=data["description"],
                cpv_codes=data["cpv_text"],
                estimated_value_sek=data["estimated_value_sek"],
                contract_start=data["contract_start"],
                contract_end=data["contract_end"],
                option_months=data["option_months"],
            )
        except ValidationError as error:
            form_add_service_error(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("procurement:detail", pk=pk)
    return render(request, "procurement/general.html", {"form": form, "procurement": procurement})


@member_required()
def evaluation(
    request: AuthenticatedHttpRequest, organisation: Organisation, pk: int
) -> HttpResponse:
    procurement = get_procurement(organisation, pk)
    criteria = award_criteria(procurement)
    initial = {"evaluation_model": procurement.evaluation_model}
    form = EvaluationForm(posted(request), criteria=criteria, initial=initial)
    if request.method == "POST":
        require_role(request, EDITORS)
        if form.is_valid():
            try:
                services.procurement_set_evaluation(
                    procurement=procurement,
                    evaluation_model=form.cleaned_data["evaluation_model"],
                    deductions=form.deductions(),
                )
            except ValidationError as error:
                form_add_service_error(form, error)
            else:
                messages.success(request, _("Saved."))
                return redirect("procurement:evaluation", pk=pk)
        procurement = get_procurement(organisation, pk)
    context = {
        "procurement": procurement,
        "form": form,
        "example": worked_example(procurement),
        "can_edit": request.user.has_role(*EDITORS) and not procurement.is_public,
    }
    return render(request, "procurement/evaluation.html", context)


@member_required()
def scenarios(
    request: AuthenticatedHttpRequest, organisation: Organisation, pk: int
) -> HttpResponse:
    procurement = get_procurement(organisation, pk)
    library = scenario_choices()
    known_ids = [info.id for info in library]
    extra = [sid for sid in procurement.scenario_ids if sid not in known_ids]
    choices = [(info.id, info.name) for info in library] + [(sid, sid) for sid in extra]
    form = ScenarioForm(
        posted(request), choices=choices, initial={"scenario_ids": procurement.scenario_ids}
    )
    if request.method == "POST":
        require_role(request, REQUIREMENT_EDITORS)
        if form.is_valid():
            try:
                services.procurement_set_scenarios(
                    procurement=procurement, scenario_ids=form.cleaned_data["scenario_ids"]
                )
            except ValidationError as error:
                form_add_service_error(form, error)
            else:
                messages.success(request, _("Saved."))
                return redirect("procurement:detail", pk=pk)
    context = {
        "procurement": procurement,
        "form": form,
        "library": library,
        "can_edit": request.user.has_role(*REQUIREMENT_EDITORS) and not procurement.is_public,
    }
    return render(request, "procurement/scenarios.html", context)


@member_required()
def timeline(
    request: AuthenticatedHttpRequest, organisation: Organisation, pk: int
) -> HttpResponse:
    procurement = get_procurement(organisation, pk)
    form = TimelineForm(posted(request), instance=get_procurement(organisation, pk))
    if request.method == "POST":
        require_role(request, EDITORS)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.procurement_set_timeline(
                    procurement=procurement,
                    publication_date=data["publication_date"],
                    questions_deadline=data["questions_deadline"],
                    tender_deadline=data["tender_deadline"],
                    opening_at=data["opening_at"],
                    standstill_days=data["standstill_days"],
                )
            except ValidationError as error:
                form_add_service_error(form, error)
            else:
                messages.success(request, _("Saved."))
                return redirect("procurement:detail", pk=pk)
    context = {
        "procurement": procurement,
        "form": form,
        "min_days": min_tender_period_days(procurement.procedure),
        "can_edit": request.user.has_role(*EDITORS) and not procurement.is_public,
    }
    return render(request, "procurement/timeline.html", context)


@member_required(*EDITORS)
@require_POST
def publish(request: AuthenticatedHttpRequest, organisation: Organisation, pk: int) -> HttpResponse:
    procurement = get_procurement(organisation, pk)
    try:
        services.procurement_publish(procurement=procurement)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The procurement is published."))
    return redirect("procurement:detail", pk=pk)


def sizing_context(procurement: Procurement) -> dict[str, Any]:
    return {
        "sizes": procurement_lot_sizes(procurement),
        "sme_max_pe_per_day": SME_MAX_PE_PER_DAY,
        "sme_max_value_sek_per_year": SME_MAX_VALUE_SEK_PER_YEAR,
    }
