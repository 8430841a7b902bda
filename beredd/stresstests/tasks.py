"""The background task that computes a stress test (run by `manage.py db_worker`), and its work:
simulate, store the results, or fail with a message for people."""

import logging
import math
import tempfile
from typing import Any

from django.core.files import File
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from beredd.stresstests import compute
from beredd.stresstests import engine_api as engine
from beredd.stresstests.messages import network_error_message
from beredd.stresstests.models import RunStatus, StressTestRun

logger = logging.getLogger(__name__)


@task()
def run_stress_test(run_id: int) -> None:
    stress_test_execute(run_id=run_id)


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
