"""Read-logic for market dialogue and tender questions, scoped to who is asking."""

from django.db.models import Count, F, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from beredd.accounts.models import Organisation
from beredd.dialogue.models import Question, RequestForInformation, RfiAnswer
from beredd.procurement.models import Procurement, Status

DIALOGUE_STATUSES = (Status.DRAFT, Status.MARKET_DIALOGUE)


def published_questions(procurement: Procurement) -> QuerySet[Question]:
    """Answers published to everyone; callers must not show `organisation` or `asked_by`."""
    return Question.objects.filter(procurement=procurement, published_at__isnull=False).order_by(
        "published_at", "pk"
    )


def dialogue_procurements(organisation: Organisation) -> QuerySet[Procurement]:
    return Procurement.objects.filter(organisation=organisation, status__in=DIALOGUE_STATUSES)


def open_rfis() -> QuerySet[RequestForInformation]:
    """RFIs any supplier may answer: deadline not passed, procurement still being prepared."""
    return RequestForInformation.objects.filter(
        answer_deadline__gte=timezone.localdate(), procurement__status__in=DIALOGUE_STATUSES
    ).select_related("procurement__organisation")


def buyer_rfis(organisation: Organisation) -> QuerySet[RequestForInformation]:
    return (
        RequestForInformation.objects.filter(procurement__organisation=organisation)
        .select_related("procurement__organisation")
        .annotate(answer_count=Count("answers"))
    )


def get_buyer_rfi(organisation: Organisation, pk: int) -> RequestForInformation:
    return get_object_or_404(buyer_rfis(organisation), pk=pk)


def get_open_rfi(pk: int) -> RequestForInformation:
    return get_object_or_404(open_rfis(), pk=pk)


def rfi_answers(rfi: RequestForInformation) -> QuerySet[RfiAnswer]:
    return rfi.answers.select_related("organisation", "answered_by").order_by("organisation__name")


def own_rfi_answer(rfi: RequestForInformation, organisation: Organisation) -> RfiAnswer | None:
    return rfi.answers.filter(organisation=organisation).first()


def buyer_questions(organisation: Organisation) -> QuerySet[Question]:
    """Open questions first, then answered drafts, then published ones."""
    return (
        Question.objects.filter(procurement__organisation=organisation)
        .select_related("procurement", "organisation", "asked_by")
        .order_by(
            F("published_at").asc(nulls_first=True),
            F("answered_at").asc(nulls_first=True),
            "asked_at",
            "pk",
        )
    )


def get_buyer_question(organisation: Organisation, pk: int) -> Question:
    return get_object_or_404(buyer_questions(organisation), pk=pk)


def supplier_questions(organisation: Organisation) -> QuerySet[Question]:
    return (
        Question.objects.filter(organisation=organisation)
        .select_related("procurement__organisation")
        .order_by("-asked_at", "-pk")
    )
