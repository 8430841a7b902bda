"""Starting, running, re-running and what-if runs of stress tests."""

import copy
import logging
import math
import re
import tempfile
from datetime import timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from beredd.accounts.models import Organisation, User
from beredd.network.export import network_as_dict
from beredd.stresstests import compute
from beredd.stresstests import engine_api as engine
from beredd.stresstests.models import RunStatus, StressTestRun, max_detail_cells

logger = logging.getLogger(__name__)
# A second identical start within this time is a double click, not a new run.
DOUBLE_SUBMIT_WINDOW = timedelta(seconds=30)
_ITEM = re.compile(r"^(units|suppliers|categories|assignments)\[(\d+)\](.*)$")


def describe_path(network_data: dict[str, Any], path: str) -> str:
    """`units[3].stock_days.dry` -> `unit U4 (Ekby skola), stock_days.dry`, for people."""
    match = _ITEM.match(path)
    if not match:
        return path
    kind, index, rest = match.group(1), int(match.group(2)), match.group(3).lstrip(".")
    items = network_data.get(kind) or []
    if index >= len(items) or not isinstance(items[index], dict):
        return path
    item = items[index]
    label = {
        "units": _("unit %(id)s"),
        "suppliers": _("supplier %(id)s"),
        "categories": _("food category %(id)s"),
        "assignments": _("assignment of %(id)s"),
    }[kind] % {"id": item.get("id") or item.get("category") or index + 1}
    if item.get("name"):
        label += f" ({item['name']})"
    return f"{label}, {rest}" if rest else label


def _engine_messages() -> list[tuple[re.Pattern[str], str]]:
    """The engine's most common messages (English codes for people) in the user's language."""
    return [
        (re.compile(r"^must be >= (?P<value>.+)$"), _("must be at least %(value)s")),
        (re.compile(r"^must be <= (?P<value>.+)$"), _("must be at most %(value)s")),
        (re.compile(r"^must be > (?P<value>.+)$"), _("must be greater than %(value)s")),
        (re.compile(r"^is required$"), _("is missing")),
        (re.compile(r"^must not be empty$"), _("must not be empty")),
        (
            re.compile(r"^no assignment for category '(?P<value>.+)'$"),
            _("has no supplier assigned for food category %(value)s"),
        ),
    ]


def engine_message(message: str) -> str:
    for pattern, text in _engine_messages():
        match = pattern.match(message)
        if match:
            return text % match.groupdict()
    return message


def network_error_message(network_data: dict[str, Any], error: engine.NetworkError) -> str:
    where = describe_path(network_data, error.path)
    return _("The network data cannot be stress tested: %(where)s: %(message)s (%(path)s)") % {
        "where": where,
        "message": engine_message(error.message),
        "path": error.path,
    }


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
    """Store a run with exact copies of its inputs and enqueue it once the row is committed."""
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
    transaction.on_commit(lambda: _enqueue(run.pk))
    return run


def _enqueue(run_id: int) -> None:
    from beredd.stresstests.tasks import run_stress_test

    result = run_stress_test.enqueue(run_id=run_id)
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
    earlier = _just_started(
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


def _just_started(
    *,
    organisation: Organisation,
    user: User,
    name: str,
    scenarios: list[dict[str, Any]],
    draws: int,
    seed: int,
) -> StressTestRun | None:
    recent = StressTestRun.objects.filter(
        organisation=organisation,
        created_by=user,
        name=name,
        draws=draws,
        seed=seed,
        rerun_of__isnull=True,
        created_at__gte=timezone.now() - DOUBLE_SUBMIT_WINDOW,
    ).order_by("-created_at", "-pk")
    return next((run for run in recent if run.scenarios == scenarios), None)


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


def stress_test_execute(*, run_id: int) -> None:
    """The background task's work: simulate, store results, or fail with a readable message."""
    run = StressTestRun.objects.filter(pk=run_id).first()
    if run is None or run.status != RunStatus.QUEUED:
        return  # deleted meanwhile, or already run by another worker
    with translation.override(run.language):
        _execute(run)


def _execute(run: StressTestRun) -> None:
    now = timezone.now()
    _mark(run, status=RunStatus.RUNNING, started_at=now, progress_at=now, draws_done=0)
    with tempfile.TemporaryFile() as detail:
        try:
            summary = compute.run_all(
                network_data=run.network,
                scenarios=run.scenarios,
                draws=run.draws,
                seed=run.seed,
                tts_horizon_days=run.tts_horizon_days,
                detail=detail,
                progress=compute.throttled(_progress_writer(run.pk)),
            )
        except engine.NetworkError as error:
            _fail(run, network_error_message(run.network, error))
            return
        except Exception:  # the user sees a message; the traceback goes to the log
            logger.exception("stress test run %s failed", run.pk)
            _fail(run, _("The stress test stopped because of an internal error. Please try again."))
            return
        try:
            _store_results(run, summary, detail)
        except Exception:  # e.g. a value the database refuses: fail, do not stay "running"
            logger.exception("storing the results of stress test run %s failed", run.pk)
            if run.detail:
                run.detail.delete(save=False)
            _fail(run, _("The stress test stopped because of an internal error. Please try again."))


def _store_results(run: StressTestRun, summary: dict[str, Any], detail: Any) -> None:
    detail.seek(0)
    run.detail.save(f"run-{run.pk}.npz", File(detail), save=False)
    with transaction.atomic():  # a refused row rolls back alone; the failure can still be saved
        _mark(
            run,
            status=RunStatus.DONE,
            summary=json_safe(summary),
            detail=run.detail.name,
            draws_done=run.draws_total,
            finished_at=timezone.now(),
        )


def json_safe(value: Any) -> Any:
    """The summary with infinite or undefined numbers as None: JSON (and the database) has no
    Infinity or NaN, and a supplier that never runs out has no finite time to survive."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {key: json_safe(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [json_safe(item) for item in value]
    return value


def _progress_writer(run_id: int) -> compute.Progress:
    def write(done: int, total: int) -> None:
        StressTestRun.objects.filter(pk=run_id).update(
            draws_done=done, draws_total=total, progress_at=timezone.now()
        )

    return write


def _mark(run: StressTestRun, **fields: Any) -> None:
    StressTestRun.objects.filter(pk=run.pk).update(**fields)
    for name, value in fields.items():
        setattr(run, name, value)


def _fail(run: StressTestRun, message: str) -> None:
    _mark(run, status=RunStatus.FAILED, error=message, finished_at=timezone.now())


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


def supplier_change(*, supplier_id: str, changes: dict[str, float]) -> tuple[dict[str, Any], str]:
    """A what-if on one supplier's declared values, and its description for the run's name."""
    listed = ", ".join(f"{key} = {value:g}" for key, value in changes.items())
    return {"supplier": supplier_id, "set": changes}, f"{supplier_id}: {listed}"


def added_supplier_description(change: dict[str, Any]) -> str:
    supplier, move = change["add_supplier"], change["move"]
    return _("new supplier %(id)s takes over %(categories)s") % {
        "id": supplier["id"],
        "categories": ", ".join(move["categories"]),
    }
