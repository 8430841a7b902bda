"""Write-logic of the readiness analysis: create an activity, save a step with its rows."""

from collections.abc import Iterable, Sequence
from typing import Any

from django.db import transaction
from django.forms import BaseModelFormSet

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


@transaction.atomic
def activity_save_step(
    *,
    activity: CriticalActivity,
    fields: dict[str, Any],
    formsets: Sequence[BaseModelFormSet] = (),
) -> CriticalActivity:
    """Saves one step's fields and its rows together, or nothing (one transaction).

    `fields` are validated values of the activity (a "units" entry replaces its units);
    `formsets` are bound, valid inline formsets of the activity's rows.
    """
    units = fields.pop("units", None)
    for name, value in fields.items():
        setattr(activity, name, value)
    activity.full_clean()
    activity.save()
    if units is not None:
        activity.units.set(list(units))
    for formset in formsets:
        formset.save()
    return activity
