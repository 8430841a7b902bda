"""Demo readiness analyses: three critical activities per demo municipality in varied states.

One is fully done, one is decided but has an overdue checklist item, one has no analysis
yet, so that the decision-maker overview shows its gaps.
"""

import datetime
from typing import Any

from django.db.models import Model
from django.utils import timezone

from beredd.accounts.models import Organisation, User
from beredd.network.models import MealUnit

from .models import (
    CommunicationEntry,
    Consequence,
    CriticalActivity,
    Dependency,
    Path,
    ResponsibleRole,
    StepStatus,
)
from .services import activity_create

SLUGS = ("malmhaga", "sjobo-strand", "osterlen")
# name, unit types; the third activity takes the first type the municipality has units of
ELDERLY = ("Måltider inom äldreomsorgen", ("elderly_care",))
SCHOOL = ("Skolmåltider", ("school", "preschool"))
THIRD = (
    ("Måltider på sjukhus/vårdavdelningar", ("hospital",)),
    ("Måltider inom kriminalvården", ("prison",)),
    ("Förskolemåltider", ("preschool",)),
)
DEPENDENCIES = (
    ("power", "Tillagningsköken saknar reservkraft; kyl och frys håller ca 12 timmar", "high"),
    ("water", "Diskmaskiner och tillagning kräver kommunalt vatten", "medium"),
    ("staff", "Få kockar med behörighet för specialkost; sårbart vid sjukdom", "medium"),
    ("transport", "Varor levereras från grossistens depå ca 6 mil bort", "high"),
    ("it", "Beställningar görs i grossistens webbportal", "medium"),
    ("suppliers", "En huvudleverantör av livsmedel utan reserv för kylvaror", "high"),
)
CONSEQUENCES = (
    (24, "Menyn förenklas; kylvaror ersätts med torrvaror ur köksförrådet"),
    (72, "Köksförrådet tar slut; brukare med specialkost riskerar undernäring"),
    (168, "Verksamheten kan inte ge näringsriktiga måltider utan nödförsörjning"),
)


def load(context: dict[str, Any]) -> None:
    for offset, slug in enumerate(SLUGS):
        organisation = context["organisations"].get(slug)
        if organisation is None:
            continue
        users = {
            key.rsplit("-", 1)[-1]: u
            for key, u in context["users"].items()
            if key.startswith(f"{slug}-")
        }
        for index, (name, types) in enumerate((ELDERLY, SCHOOL, _third(organisation))):
            units = MealUnit.objects.filter(organisation=organisation, unit_type__in=types)
            coordinator = users.get("samordnare")
            activity = activity_create(
                organisation=organisation, user=coordinator, name=name, units=units
            )
            state = (index + offset) % 3
            if state < 2:
                _analysed(activity, users)
                _decided(activity, users, done=state == 0)
            if state == 0:
                _prepared_and_communicated(activity, users)


def _third(organisation: Organisation) -> tuple[str, tuple[str, ...]]:
    for name, types in THIRD:
        if MealUnit.objects.filter(organisation=organisation, unit_type__in=types).exists():
            return name, types
    return THIRD[-1]


def _create(model: type[Model], made_by: User | None, **fields: Any) -> None:
    """A row whose history names the demo person who "made" it."""
    row = model(**fields)
    row._history_user = made_by  # type: ignore[attr-defined]
    row.full_clean()
    row.save()


def _save(activity: CriticalActivity, user: User | None, **fields: Any) -> None:
    for name, value in fields.items():
        setattr(activity, name, value)
    activity._history_user = user  # type: ignore[attr-defined]  # simple_history's "who"
    activity.full_clean()
    activity.save()


def _analysed(activity: CriticalActivity, users: dict[str, User]) -> None:
    owner = users.get("kostchef")
    for kind, description, severity in DEPENDENCIES:
        _create(
            Dependency,
            owner,
            activity=activity,
            kind=kind,
            description=description,
            severity=severity,
        )
    for hours, description in CONSEQUENCES:
        _create(Consequence, owner, activity=activity, horizon_hours=hours, description=description)
    for key, role in (
        ("kostchef", "Behovsägare: beskriver enheter, portioner och menyer"),
        ("samordnare", "Beredskapssamordnare: miniminivåer och risk- och sårbarhetsanalys"),
        ("upphandlare", "Upphandlare: krav och avtal"),
    ):
        _create(ResponsibleRole, owner, activity=activity, user=users.get(key), name="", role=role)
    _save(activity, owner, analysis_status=StepStatus.DONE)


def _decided(activity: CriticalActivity, users: dict[str, User], *, done: bool) -> None:
    today = timezone.localdate()
    path = Path.PROCUREMENT if done else Path.OWN_PRODUCTION
    rationale = (
        "Upphandling med beredskapskrav ger fler leverantörer och krav på lager och reservkraft."
        if done
        else "Egen regi behålls; köken byggs ut med reservkraft och lager för tre dygn."
    )
    _save(
        activity,
        users.get("beslut"),
        path=path,
        path_rationale=rationale,
        decided_by=users.get("beslut"),
        decided_by_name="Kommunstyrelsen",
        decided_on=today - datetime.timedelta(days=60),
        decision_status=StepStatus.DONE,
        preparation_status=StepStatus.IN_PROGRESS,
    )
    for number, item in enumerate(activity.checklist.all()):
        item.owner = users.get("samordnare")
        # the first item is two weeks late: the overview flags it
        item.due_date = today + datetime.timedelta(days=-14 if number == 0 else 30 * number)
        item._history_user = users.get("samordnare")  # type: ignore[attr-defined]
        item.save()


def _prepared_and_communicated(activity: CriticalActivity, users: dict[str, User]) -> None:
    today = timezone.localdate()
    for item in activity.checklist.all():
        item.done, item.done_on = True, today - datetime.timedelta(days=20)
        item._history_user = users.get("samordnare")  # type: ignore[attr-defined]
        item.save()
    for days_ago, what, audience, channel in (
        (15, "Beslut om upphandling med beredskapskrav", "Enhetschefer", "Ledningsmöte"),
        (10, "Nya rutiner vid leveransstörning", "Kökspersonal", "Intranät och arbetsplatsträff"),
    ):
        _create(
            CommunicationEntry,
            users.get("samordnare"),
            activity=activity,
            what=what,
            audience=audience,
            channel=channel,
            communicated_on=today - datetime.timedelta(days=days_ago),
        )
    _save(
        activity,
        users.get("samordnare"),
        preparation_status=StepStatus.DONE,
        communication_status=StepStatus.DONE,
    )
