"""Write-logic of the readiness analysis: create an activity, save each step with its rows."""

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from beredd.accounts.models import Organisation, User
from beredd.network.models import MealUnit

from .models import ChecklistItem, CriticalActivity, StandardItem


@transaction.atomic
def activity_create(
    *,
    organisation: Organisation,
    user: User | None,
    name: str,
    description: str = "",
    units: Iterable[MealUnit] = (),
) -> CriticalActivity:
    """A new activity with the standard checklist of step 3 already in place."""
    activity = CriticalActivity(
        organisation=organisation, name=name, description=description, created_by=user
    )
    activity.full_clean()
    activity.save()
    activity.units.set(list(units))
    for item in StandardItem:
        checklist_item = ChecklistItem(
            activity=activity, standard=item.value, title=str(item.label)
        )
        checklist_item.full_clean()
        checklist_item.save()
    return activity


@dataclass(frozen=True)
class RowChanges:
    """One table of an activity's rows, validated: rows to save (new or changed) and to delete."""

    saved: Sequence[models.Model] = ()
    deleted: Sequence[models.Model] = ()


@transaction.atomic
def activity_save_analysis(
    *,
    activity: CriticalActivity,
    name: str,
    description: str,
    units: Iterable[MealUnit],
    analysis_status: str,
    dependencies: RowChanges,
    consequences: RowChanges,
    responsibles: RowChanges,
) -> CriticalActivity:
    """Step 1: the units, dependencies, consequences and responsible roles, or nothing."""
    units = list(units)
    if any(unit.organisation_id != activity.organisation_id for unit in units):
        raise ValidationError({"units": _("Choose meal units of your organisation.")})
    activity.name = name
    activity.description = description
    activity.analysis_status = analysis_status
    _save_activity(activity)
    activity.units.set(units)
    for rows in (dependencies, consequences, responsibles):
        _save_rows(activity, rows)
    return activity


def activity_save_decision(
    *,
    activity: CriticalActivity,
    path: str,
    path_rationale: str,
    decided_by: User | None,
    decided_by_name: str,
    decided_on: datetime.date | None,
    decision_status: str,
) -> CriticalActivity:
    """Step 2: the path chosen, why, who decided and when."""
    if decided_by is not None and decided_by.organisation_id != activity.organisation_id:
        raise ValidationError({"decided_by": _("Choose a member of your organisation.")})
    activity.path = path
    activity.path_rationale = path_rationale
    activity.decided_by = decided_by
    activity.decided_by_name = decided_by_name
    activity.decided_on = decided_on
    activity.decision_status = decision_status
    _save_activity(activity)
    return activity


@transaction.atomic
def activity_save_preparation(
    *, activity: CriticalActivity, preparation_status: str, checklist: RowChanges
) -> CriticalActivity:
    """Step 3: the checklist and the step's status, or nothing."""
    activity.preparation_status = preparation_status
    _save_activity(activity)
    _save_rows(activity, checklist)
    return activity


@transaction.atomic
def activity_save_communication(
    *, activity: CriticalActivity, communication_status: str, communications: RowChanges
) -> CriticalActivity:
    """Step 4: what was communicated to whom, and the step's status, or nothing."""
    activity.communication_status = communication_status
    _save_activity(activity)
    _save_rows(activity, communications)
    return activity


def _save_activity(activity: CriticalActivity) -> None:
    activity.full_clean()
    activity.save()


def _save_rows(activity: CriticalActivity, rows: RowChanges) -> None:
    """Deletes first, so a row may take the place of one removed in the same save."""
    for row in [*rows.deleted, *rows.saved]:
        if getattr(row, "activity_id", None) != activity.pk:
            raise ValidationError(_("A row belongs to another activity."))
    for row in rows.deleted:
        row.delete()
    for row in rows.saved:
        row.full_clean()
        row.save()
