"""Pages for stress tests: list, start, progress, results, downloads, re-run, what-if, compare."""

import json
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.http import FileResponse, Http404, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.views import View

from beredd.accounts.access import AuthenticatedHttpRequest, MemberRequiredMixin, get_org_object
from beredd.accounts.models import BUYER_ROLES, Role
from beredd.core.files import attachment, xlsx_response
from beredd.core.forms import form_add_service_error
from beredd.core.params import parse_id
from beredd.stresstests import engine_api as engine
from beredd.stresstests import exports, selectors, services
from beredd.stresstests import messages as messages_
from beredd.stresstests.forms import AddSupplierForm, StressTestForm, WhatIfForm
from beredd.stresstests.models import RunStatus, StressTestRun

START_ROLES = (Role.PREPAREDNESS_COORDINATOR, Role.PROCUREMENT_OFFICER, Role.NEEDS_OWNER)


def _language() -> str:
    return (get_language() or "sv")[:2]


class BuyerView(MemberRequiredMixin, View):
    required_roles: tuple[str, ...] = BUYER_ROLES

    def get_run(self, pk: int) -> StressTestRun:
        return get_org_object(StressTestRun, self.organisation, pk=pk)

    def may_start(self) -> bool:
        return self.request.user.has_role(*START_ROLES)


class StarterView(BuyerView):
    required_roles = START_ROLES


class RunListView(BuyerView):
    def get(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        runs = selectors.runs_for(organisation=self.organisation)
        context = {
            "runs": runs,
            "may_start": self.may_start(),
            "finished": runs.filter(status=RunStatus.DONE),
        }
        return render(request, "stresstests/run_list.html", context)


class RunCreateView(StarterView):
    def get(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        return self._render(request, StressTestForm(library=self._library()))

    def post(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        form = StressTestForm(request.POST, library=self._library())
        if form.is_valid():
            try:
                run = services.stress_test_start(
                    organisation=self.organisation,
                    user=request.user,
                    name=form.cleaned_data["name"],
                    scenarios=form.scenario_data(),
                    draws=form.cleaned_data["draws"],
                    seed=form.cleaned_data["seed"],
                    language=_language(),
                )
            except ValidationError as error:
                form_add_service_error(form, error)
            else:
                return redirect("stresstests:run_detail", pk=run.pk)
        return self._render(request, form)

    def _library(self) -> list[Any]:
        return list(engine.scenario_library(lang=_language()))

    def _render(self, request: AuthenticatedHttpRequest, form: StressTestForm) -> HttpResponse:
        return render(request, "stresstests/run_form.html", {"form": form})


class RunDetailView(BuyerView):
    """Progress while queued or running; the error when failed; a link to results when done."""

    def get(self, request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
        run = self.get_run(pk)
        context = {"run": run, "may_start": self.may_start()}
        if request.htmx:  # type: ignore[attr-defined]
            return render(request, "stresstests/_progress.html", context)
        return render(request, "stresstests/run_detail.html", context)


class RunResultsView(BuyerView):
    def get(self, request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
        run = self.get_run(pk)
        if run.status != RunStatus.DONE:
            return redirect("stresstests:run_detail", pk=run.pk)
        context = {
            "run": run,
            "scenarios": selectors.scenario_views(run),
            "tts": run.summary.get("tts", []),
            "may_start": self.may_start(),
        }
        return render(request, "stresstests/run_results.html", context)


class RunDownloadView(BuyerView):
    def get(self, request: AuthenticatedHttpRequest, pk: int, fmt: str) -> HttpResponseBase:
        run = self.get_run(pk)
        if run.status != RunStatus.DONE:
            raise Http404
        stem = f"stresstest-{run.pk}"
        if fmt == "xlsx":
            return xlsx_response(exports.run_xlsx(run), f"{stem}.xlsx")
        if fmt == "json":
            text = json.dumps(exports.run_json(run), cls=DjangoJSONEncoder, ensure_ascii=False)
            return attachment(text, f"{stem}.json", "application/json")
        if fmt == "npz" and run.detail:
            return FileResponse(run.detail.open("rb"), as_attachment=True, filename=f"{stem}.npz")
        raise Http404


class RunRerunView(StarterView):
    def post(self, request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
        run = self.get_run(pk)
        try:
            new = services.stress_test_rerun(run=run, user=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("stresstests:run_detail", pk=run.pk)
        return redirect("stresstests:run_detail", pk=new.pk)


class RunWhatIfView(StarterView):
    """Declared values on one supplier (`add=False`), or a new supplier taking over (`add=True`)."""

    add = False

    def get(self, request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
        run = self.get_run(pk)
        return self._render(request, run, self._form(run, None))

    def post(self, request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
        run = self.get_run(pk)
        form = self._form(run, request.POST)
        if form.is_valid():
            change, description = self._change(form)
            try:
                new = services.stress_test_what_if(
                    run=run,
                    user=request.user,
                    change=change,
                    description=description,
                )
            except ValidationError as error:
                form_add_service_error(form, error)
            else:
                return redirect("stresstests:run_detail", pk=new.pk)
        return self._render(request, run, form)

    def _form(self, run: StressTestRun, data: Any) -> WhatIfForm | AddSupplierForm:
        if self.add:
            return AddSupplierForm(data, network=run.network)
        categories = [c["id"] for c in run.network["categories"]]
        return WhatIfForm(data, suppliers=run.network["suppliers"], categories=categories)

    def _change(self, form: Any) -> tuple[dict[str, Any], str]:
        if self.add:
            change = form.change()
            return change, messages_.added_supplier_description(change)
        return messages_.supplier_change(
            supplier_id=form.cleaned_data["supplier"], changes=form.changes()
        )

    def _render(
        self, request: AuthenticatedHttpRequest, run: StressTestRun, form: Any
    ) -> HttpResponse:
        context = {"run": run, "form": form, "add": self.add}
        return render(request, "stresstests/what_if.html", context)


class RunCompareView(BuyerView):
    """Two finished runs side by side; `?a=<id>&b=<id>`."""

    def get(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        runs = selectors.finished_runs_for(organisation=self.organisation)
        first, second = request.GET.get("a"), request.GET.get("b")
        context: dict[str, Any] = {"runs": runs, "a": first, "b": second}
        if first and second:
            first_id, second_id = parse_id(first), parse_id(second)
            if first_id is None or second_id is None:
                raise Http404  # a hand-edited address, not a link of ours
            context["first"] = get_org_object(StressTestRun, self.organisation, pk=first_id)
            context["second"] = get_org_object(StressTestRun, self.organisation, pk=second_id)
            context["comparison"] = selectors.compare_runs(context["first"], context["second"])
        return render(request, "stresstests/compare.html", context)
