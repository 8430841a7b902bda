"""Read-logic: the decision-maker overview, gaps per activity and the list of changes."""

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from beredd.accounts.models import Organisation
from beredd.network.models import MealUnit

from .models import (
    ChecklistItem,
    CommunicationEntry,
    Consequence,
    CriticalActivity,
    Dependency,
    Path,
    ResponsibleRole,
    StepStatus,
)
from .steps import STEPS


def activities_for(organisation: Organisation) -> QuerySet[CriticalActivity]:
    units = MealUnit.objects.prefetch_related("assignments").order_by("code")
    return CriticalActivity.objects.filter(organisation=organisation).prefetch_related(
        Prefetch("units", queryset=units), "checklist"
    )


def activities_with_rows(organisation: Organisation) -> QuerySet[CriticalActivity]:
    """Activities with every row a brief prints, in a fixed number of queries."""
    units = MealUnit.objects.prefetch_related("assignments").order_by("code")
    return (
        CriticalActivity.objects.filter(organisation=organisation)
        .select_related("decided_by")
        .prefetch_related(
            Prefetch("units", queryset=units),
            Prefetch("checklist", queryset=ChecklistItem.objects.select_related("owner")),
            Prefetch("responsibles", queryset=ResponsibleRole.objects.select_related("user")),
            "dependencies",
            "consequences",
            "communications",
        )
    )


def activities_to_outsource(organisation: Organisation) -> QuerySet[CriticalActivity]:
    """Activities whose path decision is procurement (LOU) or customer choice (LOV).

    A procurement starts from one of these; the analysis gives it units, needs and dependencies.
    """
    return activities_for(organisation).filter(
        decision_status=StepStatus.DONE, path__in=[Path.PROCUREMENT, Path.CUSTOMER_CHOICE]
    )


@dataclass(frozen=True)
class Gap:
    code: str
    label: str | Promise


def overdue_items(activity: CriticalActivity, today: datetime.date) -> list[ChecklistItem]:
    """Checklist items whose due date has passed without being done."""
    return [
        item
        for item in activity.checklist.all()
        if item.due_date and item.due_date < today and not item.done
    ]


def units_without_supplier(activity: CriticalActivity) -> list[MealUnit]:
    return [unit for unit in activity.units.all() if not unit.assignments.all()]


def activity_gaps(activity: CriticalActivity, today: datetime.date) -> list[Gap]:
    gaps = []
    if activity.analysis_status == StepStatus.NOT_STARTED:
        gaps.append(Gap("no_analysis", _("No analysis")))
    if activity.decision_status != StepStatus.DONE or not activity.path:
        gaps.append(Gap("no_decision", _("No decision")))
    overdue = len(overdue_items(activity, today))
    if overdue:
        label = ngettext(
            "%(count)d overdue checklist item", "%(count)d overdue checklist items", overdue
        )
        gaps.append(Gap("overdue", label % {"count": overdue}))
    missing = len(units_without_supplier(activity))
    if missing:
        label = ngettext(
            "%(count)d unit without a supplier", "%(count)d units without a supplier", missing
        )
        gaps.append(Gap("no_supplier", label % {"count": missing}))
    return gaps


@dataclass
class ActivityOverview:
    activity: CriticalActivity
    units_count: int
    portions_per_day: int
    min_level_low: float | None
    min_level_high: float | None
    full_level_units: int
    statuses: list[tuple[Any, str, str]]
    gaps: list[Gap] = field(default_factory=list)
    overdue: list[ChecklistItem] = field(default_factory=list)
    unsupplied: list[MealUnit] = field(default_factory=list)


def activity_overview(activity: CriticalActivity, today: datetime.date) -> ActivityOverview:
    units = list(activity.units.all())
    levels = [unit.min_service_level for unit in units]
    return ActivityOverview(
        activity=activity,
        units_count=len(units),
        portions_per_day=sum(unit.portions_per_day for unit in units),
        min_level_low=min(levels) if levels else None,
        min_level_high=max(levels) if levels else None,
        full_level_units=sum(1 for level in levels if level >= 1.0),
        statuses=[
            (step.title, getattr(activity, step.status_field), _status_label(activity, step))
            for step in STEPS
        ],
        gaps=activity_gaps(activity, today),
        overdue=overdue_items(activity, today),
        unsupplied=units_without_supplier(activity),
    )


def _status_label(activity: CriticalActivity, step: Any) -> str:
    return getattr(activity, f"get_{step.status_field}_display")()


def overview(
    organisation: Organisation,
    today: datetime.date,
    activities: QuerySet[CriticalActivity] | None = None,
) -> dict[str, Any]:
    """Rows of the decision-maker overview and the counts shown above them.

    `activities` defaults to `activities_for(organisation)`; a brief passes ones with rows.
    """
    if activities is None:
        activities = activities_for(organisation)
    rows = [activity_overview(activity, today) for activity in activities]
    codes = [{gap.code for gap in row.gaps} for row in rows]
    return {
        "rows": rows,
        "counts": {
            "activities": len(rows),
            "with_gaps": sum(1 for row in rows if row.gaps),
            "no_analysis": sum(1 for c in codes if "no_analysis" in c),
            "no_decision": sum(1 for c in codes if "no_decision" in c),
            "overdue_items": sum(len(row.overdue) for row in rows),
            "units_without_supplier": len({u.pk for row in rows for u in row.unsupplied}),
        },
    }


@dataclass(frozen=True)
class Change:
    when: datetime.datetime
    who: str
    what: str
    action: str
    fields: list[str]


ROW_MODELS = (Dependency, Consequence, ResponsibleRole, ChecklistItem, CommunicationEntry)
ACTIONS = {"+": _("added"), "~": _("changed"), "-": _("removed")}


def activity_changes(activity: CriticalActivity, limit: int = 100) -> list[Change]:
    """Who changed what and when, newest first, over the activity and all its rows."""
    changes = _changes(activity.history.all().select_related("history_user"), activity.name)
    for model in ROW_MODELS:
        records = model.history.filter(activity_id=activity.pk).select_related("history_user")
        changes += _changes(records, None)
    changes.sort(key=lambda change: change.when, reverse=True)
    return changes[:limit]


def _changes(queryset: QuerySet, label: str | None) -> list[Change]:
    records = list(queryset.order_by("id", "history_date", "history_id"))
    changes = []
    for index, record in enumerate(records):
        previous = records[index - 1] if index and records[index - 1].id == record.id else None
        fields: list[str] = []
        if record.history_type == "~" and previous is not None:
            delta = record.diff_against(previous)
            fields = [
                str(record.instance._meta.get_field(change.field).verbose_name)
                for change in delta.changes
                if change.field not in ("updated_at",)
            ]
            if not fields:
                continue
        user = record.history_user
        changes.append(
            Change(
                when=record.history_date,
                who=(user.get_full_name() or user.username) if user else "",
                what=label or f"{record.instance._meta.verbose_name}: {record.instance}",
                action=str(ACTIONS.get(record.history_type, "")),
                fields=fields,
            )
        )
    return changes
