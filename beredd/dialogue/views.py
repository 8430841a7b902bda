"""Market dialogue (RFIs) and tender questions, each scoped to the organisation asking."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from beredd.accounts.access import AuthenticatedHttpRequest, member_required
from beredd.accounts.models import Organisation, Role
from beredd.core.files import xlsx_response
from beredd.core.forms import form_add_service_error
from beredd.dialogue import selectors, services
from beredd.dialogue.export import rfi_answers_xlsx
from beredd.dialogue.forms import AnswerForm, QuestionForm, RfiAnswerForm, RfiForm
from beredd.procurement.models import Status
from beredd.procurement.selectors import published_procurements


@member_required(buyer=None)
def rfi_list(request: AuthenticatedHttpRequest, organisation: Organisation) -> HttpResponse:
    if organisation.is_buyer:
        rfis = selectors.buyer_rfis(organisation)
    else:
        rfis = selectors.open_rfis()
    context = {
        "rfis": rfis,
        "is_buyer": organisation.is_buyer,
        "can_create": organisation.is_buyer and request.user.has_role(Role.PROCUREMENT_OFFICER),
    }
    return render(request, "dialogue/rfi_list.html", context)


@member_required(Role.PROCUREMENT_OFFICER)
def rfi_create(request: AuthenticatedHttpRequest, organisation: Organisation) -> HttpResponse:
    procurements = selectors.dialogue_procurements(organisation)
    form = RfiForm(request.POST or None, procurements=procurements)
    if request.method == "POST" and form.is_valid():
        try:
            rfi = services.rfi_create(
                procurement=form.cleaned_data["procurement"],
                user=request.user,
                title=form.cleaned_data["title"],
                questions=form.cleaned_data["questions"],
                answer_deadline=form.cleaned_data["answer_deadline"],
            )
        except ValidationError as error:
            form_add_service_error(form, error)
        else:
            messages.success(request, _("The request for information is open for answers."))
            return redirect("dialogue:rfi_detail", pk=rfi.pk)
    return render(request, "dialogue/rfi_form.html", {"form": form})


@member_required(buyer=None)
def rfi_detail(
    request: AuthenticatedHttpRequest, pk: int, organisation: Organisation
) -> HttpResponse:
    if organisation.is_buyer:
        rfi = selectors.get_buyer_rfi(organisation, pk)
        context = {"rfi": rfi, "answers": selectors.rfi_answers(rfi), "is_buyer": True}
        return render(request, "dialogue/rfi_detail.html", context)
    rfi = selectors.get_open_rfi(pk)
    own = selectors.own_rfi_answer(rfi, organisation)
    form = RfiAnswerForm(request.POST or None, initial={"text": own.text if own else ""})
    if request.method == "POST" and form.is_valid():
        try:
            services.rfi_answer_save(
                rfi=rfi,
                organisation=organisation,
                user=request.user,
                text=form.cleaned_data["text"],
            )
        except ValidationError as error:
            form_add_service_error(form, error)
        else:
            messages.success(request, _("Thank you, your answer is sent to the buyer."))
            return redirect("dialogue:rfi_detail", pk=rfi.pk)
    return render(request, "dialogue/rfi_detail.html", {"rfi": rfi, "form": form, "own": own})


@member_required()
def rfi_export(
    request: AuthenticatedHttpRequest, pk: int, organisation: Organisation
) -> HttpResponse:
    rfi = selectors.get_buyer_rfi(organisation, pk)
    return xlsx_response(rfi_answers_xlsx(rfi), f"rfi-{rfi.pk}-answers.xlsx")


@member_required(buyer=None)
def question_list(request: AuthenticatedHttpRequest, organisation: Organisation) -> HttpResponse:
    if organisation.is_buyer:
        questions = selectors.buyer_questions(organisation)
    else:
        questions = selectors.supplier_questions(organisation)
    context = {"questions": questions, "is_buyer": organisation.is_buyer}
    return render(request, "dialogue/question_list.html", context)


@member_required(Role.BID_MANAGER, buyer=False)
def question_ask(
    request: AuthenticatedHttpRequest, procurement_pk: int, organisation: Organisation
) -> HttpResponse:
    procurement = get_object_or_404(published_procurements(), pk=procurement_pk)
    form = QuestionForm(request.POST or None)
    closed = procurement.status != Status.PUBLISHED
    if request.method == "POST" and form.is_valid():
        try:
            services.question_ask(
                procurement=procurement,
                organisation=organisation,
                user=request.user,
                text=form.cleaned_data["text"],
            )
        except ValidationError as error:
            form_add_service_error(form, error)
        else:
            messages.success(
                request, _("Your question is sent. You see its status under My questions.")
            )
            return redirect("dialogue:question_list")
    context = {"procurement": procurement, "form": form, "closed": closed}
    return render(request, "dialogue/question_form.html", context)


@member_required()
def question_answer(
    request: AuthenticatedHttpRequest, pk: int, organisation: Organisation
) -> HttpResponse:
    question = selectors.get_buyer_question(organisation, pk)
    can_answer = request.user.has_role(Role.PROCUREMENT_OFFICER)
    initial = {"public_text": question.published_text, "answer": question.answer}
    form = AnswerForm(request.POST or None, initial=initial)
    if request.method == "POST":
        if not can_answer:
            messages.error(request, _("Only a procurement officer may answer questions."))
            return redirect("dialogue:question_answer", pk=question.pk)
        if form.is_valid():
            try:
                services.question_answer(
                    question=question,
                    user=request.user,
                    public_text=form.cleaned_data["public_text"],
                    answer=form.cleaned_data["answer"],
                    publish=form.cleaned_data["publish"],
                )
            except ValidationError as error:
                form_add_service_error(form, error)
            else:
                messages.success(request, _("The answer is saved."))
                return redirect("dialogue:question_list")
    context = {"question": question, "form": form, "can_answer": can_answer}
    return render(request, "dialogue/question_answer.html", context)
