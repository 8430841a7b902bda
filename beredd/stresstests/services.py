"""Starting, re-running and what-if runs of stress tests, queued fairly between organisations.

The background work itself (simulate, store, fail) is `tasks.stress_test_execute`.
"""

import copy
import logging
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_tasks.base import TASK_MIN_PRIORITY

from beredd.accounts.models import Organisation, User
from beredd.network.export import network_as_dict
from beredd.stresstests import engine_api as engine
from beredd.stresstests import selectors
from beredd.stresstests.messages import network_error_message
from beredd.stresstests.models import RunStatus, StressTestRun, max_detail_cells
from beredd.stresstests.tasks import run_stress_test

logger = logging.getLogger(__name__)
UNFINISHED = (RunStatus.QUEUED, RunStatus.RUNNING)


def network_check(*, network_data: dict[str, Any]) -> None:
    """Raises ValidationError, in words, when the network is empty or the engine rejects it."""
    if not network_data.get("units"):
        raise ValidationError(_("Register at least one meal unit before a stress test."))
    if not network_data.get("suppliers"):
        raise ValidationError(_("Register at least one supplier before a stress test."))
    try:
        engine.load_network(network_data)
    except engine.NetworkError as error:
        raise ValidationError(network_error_message(network_data, error)) from None
    except Exception:  # an engine fault must not reach the user as a traceback
        logger.exception("checking the network of a stress test failed")
        raise ValidationError(
            _("The network data could not be checked. Please try again.")
        ) from None


def detail_cells(
    *, network_data: dict[str, Any], scenarios: list[dict[str, Any]], draws: int
) -> int:
    """How many detail values the run keeps: draws x days x (units + suppliers), all scenarios."""
    width = len(network_data.get("units") or []) + len(network_data.get("suppliers") or [])
    days = 0
    for scenario in scenarios:
        try:
            days += max(int(scenario.get("horizon_days") or 0), 0)
        except (TypeError, ValueError):
            continue  # the engine names a bad horizon when the run loads the scenario
    return draws * days * width


def run_size_check(
    *, network_data: dict[str, Any], scenarios: list[dict[str, Any]], draws: int
) -> None:
    """Refuses, with the draws that would fit, a run whose detail would exhaust the memory."""
    cells = detail_cells(network_data=network_data, scenarios=scenarios, draws=draws)
    limit = max_detail_cells()
    if cells <= limit:
        return
    per_draw = cells // draws
    raise ValidationError(
        _(
            "The run is too large: %(draws)s draws of these scenarios on %(units)s units and "
            "%(suppliers)s suppliers would keep %(cells)s million values, and the limit is "
            "%(limit)s million. Choose at most %(fit)s draws or fewer scenarios."
        )
        % {
            "draws": draws,
            "units": len(network_data.get("units") or []),
            "suppliers": len(network_data.get("suppliers") or []),
            "cells": f"{cells / 1e6:,.0f}".replace(",", " "),
            "limit": f"{limit / 1e6:,.0f}".replace(",", " "),
            "fit": limit // per_draw,
        },
        code="too_large",
    )


@transaction.atomic
def stress_test_create(
    *,
    organisation: Organisation,
    user: User | None,
    name: str,
    network_data: dict[str, Any],
    scenarios: list[dict[str, Any]],
    draws: int,
    seed: int,
    tts_horizon_days: int = 90,
    rerun_of: StressTestRun | None = None,
    language: str = "sv",
) -> StressTestRun:
    """Store a run with exact copies of its inputs and enqueue it once the row is committed.

    An organisation has at most STRESSTEST_MAX_QUEUED_PER_ORG runs queued or running, and each
    of its runs waits behind the runs other organisations have fewer of (see `_enqueue`).
    """
    waiting = _unfinished_runs(organisation)
    network_check(network_data=network_data)
    if not scenarios:
        raise ValidationError(_("Choose at least one scenario."))
    run_size_check(network_data=network_data, scenarios=scenarios, draws=draws)
    run = StressTestRun(
        organisation=organisation,
        created_by=user,
        name=name,
        network=copy.deepcopy(network_data),
        scenarios=copy.deepcopy(scenarios),
        draws=draws,
        seed=seed,
        tts_horizon_days=tts_horizon_days,
        draws_total=draws * len(scenarios),
        rerun_of=rerun_of,
        language=language,
    )
    run.full_clean()
    run.save()
    transaction.on_commit(lambda: _enqueue(run.pk, waiting=waiting))
    return run


def max_queued_per_organisation() -> int:
    return int(getattr(settings, "STRESSTEST_MAX_QUEUED_PER_ORG", 3))


def _unfinished_runs(organisation: Organisation) -> int:
    """The organisation's queued and running runs; refuses one more beyond the cap.

    The organisation row is locked so that two starts at once cannot both pass (PostgreSQL;
    SQLite writes one transaction at a time anyway).
    """
    Organisation.objects.select_for_update().filter(pk=organisation.pk).first()
    waiting = StressTestRun.objects.filter(organisation=organisation, status__in=UNFINISHED).count()
    cap = max_queued_per_organisation()
    if waiting >= cap:
        raise ValidationError(
            ngettext(
                "Your organisation already has %(count)d stress test queued or running, the "
                "most it may have at once. Start this one when it has finished.",
                "Your organisation already has %(count)d stress tests queued or running, the "
                "most it may have at once. Start this one when one of them has finished.",
                waiting,
            )
            % {"count": waiting},
            code="queue_full",
        )
    return waiting


def _enqueue(run_id: int, *, waiting: int) -> None:
    """Queue the run behind the runs of organisations with fewer waiting.

    The worker takes the highest priority first, then the oldest: an organisation's first
    waiting run has priority 0, its second -1, and so on, so another organisation's first
    run goes before this one's second, third, ...
    """
    task = run_stress_test
    if task.get_backend().supports_priority:
        task = task.using(priority=max(-waiting, TASK_MIN_PRIORITY))
    result = task.enqueue(run_id=run_id)
    # The immediate backend has already finished the run; only fill in the id.
    StressTestRun.objects.filter(pk=run_id).update(task_id=str(result.id))


def stress_test_start(
    *,
    organisation: Organisation,
    user: User,
    name: str,
    scenarios: list[dict[str, Any]],
    draws: int,
    seed: int,
    language: str = "sv",
) -> StressTestRun:
    """A run of the organisation's network as it is in the database now.

    The same start again within seconds (a double click) gives the run already started.
    """
    earlier = selectors.just_started(
        organisation=organisation, user=user, name=name, scenarios=scenarios, draws=draws, seed=seed
    )
    if earlier is not None:
        return earlier
    return stress_test_create(
        organisation=organisation,
        user=user,
        name=name,
        network_data=network_as_dict(organisation),
        scenarios=scenarios,
        draws=draws,
        seed=seed,
        language=language,
    )


def stress_test_rerun(*, run: StressTestRun, user: User) -> StressTestRun:
    """The same stored inputs and seed again: the same numbers."""
    return stress_test_create(
        organisation=run.organisation,
        user=user,
        name=_("Re-run of %(name)s") % {"name": run.name},
        network_data=run.network,
        scenarios=run.scenarios,
        draws=run.draws,
        seed=run.seed,
        tts_horizon_days=run.tts_horizon_days,
        rerun_of=run,
        language=run.language,
    )


def stress_test_what_if(
    *, run: StressTestRun, user: User, change: dict[str, Any], description: str
) -> StressTestRun:
    """The run again, same scenarios, draws and seed, with one engine what-if change applied.

    `change` is e.g. `{"supplier": "S1", "set": {"backup_power_hours": 72}}` or
    `{"add_supplier": {...}, "move": {"from": "S1", "categories": ["dry"]}}`.
    """
    try:
        changed = engine.what_if(engine.load_network(run.network), change)
    except engine.NetworkError as error:
        raise ValidationError(network_error_message(run.network, error)) from None
    return stress_test_create(
        organisation=run.organisation,
        user=user,
        name=_("What-if: %(description)s") % {"description": description},
        network_data=engine.network_to_dict(changed),
        scenarios=run.scenarios,
        draws=run.draws,
        seed=run.seed,
        tts_horizon_days=run.tts_horizon_days,
        rerun_of=run,
        language=run.language,
    )
