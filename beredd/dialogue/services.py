"""Write-logic for RFIs, answers to them, tender questions and the buyer's published answers."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from beredd.accounts.models import Organisation, User
from beredd.dialogue.models import Question, RequestForInformation, RfiAnswer
from beredd.dialogue.selectors import DIALOGUE_STATUSES
from beredd.procurement.models import Procurement, Status


def rfi_create(
    *,
    procurement: Procurement,
    user: User,
    title: str,
    questions: str,
    answer_deadline: datetime.date,
) -> RequestForInformation:
    if procurement.status not in DIALOGUE_STATUSES:
        raise ValidationError(
            {"procurement": _("A request for information is only possible before publication.")}
        )
    if answer_deadline < timezone.localdate():
        raise ValidationError({"answer_deadline": _("The answer date has already passed.")})
    publication = procurement.publication_date
    if publication and answer_deadline >= publication:
        # The answers are meant to shape the tender documents, so they must come in first.
        raise ValidationError(
            {
                "answer_deadline": _(
                    "The answers must come in before the planned publication on %(date)s."
                )
                % {"date": publication.isoformat()}
            }
        )
    rfi = RequestForInformation(
        procurement=procurement,
        title=title,
        questions=questions,
        answer_deadline=answer_deadline,
        created_by=user,
    )
    rfi.full_clean()
    rfi.save()
    return rfi


def rfi_answer_save(
    *, rfi: RequestForInformation, organisation: Organisation, user: User, text: str
) -> RfiAnswer:
    """Create or revise the supplier organisation's one answer while the RFI is open."""
    if rfi.answer_deadline < timezone.localdate():
        raise ValidationError({"text": _("The last day for answers has passed.")})
    answer = RfiAnswer.objects.filter(rfi=rfi, organisation=organisation).first()
    answer = answer or RfiAnswer(rfi=rfi, organisation=organisation)
    answer.text = text
    answer.answered_by = user
    answer.full_clean()
    answer.save()
    return answer


def question_ask(
    *, procurement: Procurement, organisation: Organisation, user: User, text: str
) -> Question:
    if procurement.status != Status.PUBLISHED:
        raise ValidationError({"text": _("Questions can only be asked while the tender is open.")})
    deadline = procurement.questions_deadline
    if deadline and timezone.localdate() > deadline:
        raise ValidationError(
            {
                "text": _(
                    "The last day for questions was %(date)s; the buyer no longer takes questions."
                )
                % {"date": deadline.isoformat()}
            }
        )
    question = Question(
        procurement=procurement, organisation=organisation, asked_by=user, text=text
    )
    question.full_clean()
    question.save()
    return question


@transaction.atomic
def question_answer(
    *, question: Question, user: User, public_text: str, answer: str, publish: bool
) -> Question:
    """Save the answer; publishing makes question and answer visible to everyone, anonymously."""
    if publish or question.published_at:
        _refuse_asker_names(question, public_text=public_text, answer=answer)
    question.public_text = public_text
    question.answer = answer
    question.answered_by = user
    question.answered_at = timezone.now()
    if publish and not question.published_at:
        question.published_at = question.answered_at
    question.full_clean()
    question.save()
    return question


def _refuse_asker_names(question: Question, *, public_text: str, answer: str) -> None:
    """Everyone reads a published question: it must not name the supplier that asked."""
    names = [question.organisation.name]
    if question.asked_by:
        names.append(question.asked_by.get_full_name())
    errors = {}
    for field, text in (("public_text", public_text), ("answer", answer)):
        named = [name for name in names if len(name) > 2 and name.casefold() in text.casefold()]
        if named:
            errors[field] = _(
                "“%(name)s” asked the question; remove the name before publishing."
            ) % {"name": named[0]}
    if errors:
        raise ValidationError(errors)
