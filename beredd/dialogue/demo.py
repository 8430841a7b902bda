"""Demo dialogue: answered questions on Malmhaga's published tender and an RFI on a draft."""

import datetime

from django.utils import timezone

from beredd.accounts.models import Organisation, Role, User
from beredd.dialogue.models import Question, RequestForInformation, RfiAnswer
from beredd.procurement.models import Procurement, Status

BUYER_SLUGS = ("malmhaga", "sjobo-strand", "osterlen")
QUESTIONS = (
    (
        "bageri-anbud",
        "Får ett litet bageri lämna anbud på bara ett delområde?",
        "Ja. Varje delområde utvärderas för sig och ni kan lämna anbud på ett eller flera.",
    ),
    (
        "grossist-anbud",
        "Hur ska lagerdagar redovisas när lagret delas mellan flera kunder?",
        "Redovisa dagar av normal efterfrågan för just den här upphandlingens volymer.",
    ),
    (
        "mejeri-anbud",
        "Godtas reservkraft som hyrs vid behov i stället för egen?",
        "Ja, om avtalet om hyra garanterar leverans inom 12 timmar; bifoga avtalet.",
    ),
)
RFI_ANSWERS = (
    ("bageri-anbud", "Vi kan baka till 15 kök i södra området och har ved- och gasugn."),
    ("grossist-anbud", "Vi har lager i Malmö och kan hålla 10 dagars torrvarulager åt er."),
)


def load(context: dict) -> None:
    organisations = context["organisations"]
    users = context["users"]
    malmhaga = organisations.get("malmhaga")
    published = Procurement.objects.filter(organisation=malmhaga, status=Status.PUBLISHED).first()
    if published is not None:
        _load_questions(published, users)
    # Malmhaga's own draft if it has one, else the first draft of the demo region.
    buyers = [organisations[slug] for slug in BUYER_SLUGS if slug in organisations]
    drafts = Procurement.objects.filter(
        organisation__in=buyers, status__in=(Status.MARKET_DIALOGUE, Status.DRAFT)
    )
    draft = drafts.filter(organisation=malmhaga).first() or drafts.first()
    if draft is not None:
        _load_rfi(draft, users)


def _officer(organisation: Organisation, users: dict) -> User | None:
    return next(
        (
            user
            for user in users.values()
            if user.organisation == organisation and user.has_role(Role.PROCUREMENT_OFFICER)
        ),
        None,
    )


def _load_questions(procurement: Procurement, users: dict) -> None:
    officer = _officer(procurement.organisation, users)
    now = timezone.now()
    for days_ago, (username, text, answer) in enumerate(QUESTIONS, start=1):
        asker = users.get(username)
        if asker is None:
            continue
        Question.objects.create(
            procurement=procurement,
            organisation=asker.organisation,
            asked_by=asker,
            text=text,
            answer=answer,
            answered_by=officer,
            answered_at=now - datetime.timedelta(days=days_ago),
            published_at=now - datetime.timedelta(days=days_ago),
        )


def _load_rfi(procurement: Procurement, users: dict) -> None:
    rfi = RequestForInformation.objects.create(
        procurement=procurement,
        title="Hur stora delområden passar er?",
        questions=(
            "1. Hur många kök kan ni leverera till per dag?\n"
            "2. Hur många dagars lager kan ni hålla för oss?\n"
            "3. Vad skulle göra det lättare för er att lämna anbud?"
        ),
        answer_deadline=timezone.localdate() + datetime.timedelta(days=14),
        created_by=_officer(procurement.organisation, users),
    )
    for username, text in RFI_ANSWERS:
        supplier = users.get(username)
        if supplier is not None:
            RfiAnswer.objects.create(
                rfi=rfi, organisation=supplier.organisation, answered_by=supplier, text=text
            )
