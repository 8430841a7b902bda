"""The demo region comes with a stress test per municipality, queued for `make demo`'s worker."""

from io import StringIO

import pytest
from django.core.management import call_command

from beredd.stresstests import tasks
from beredd.stresstests.models import RunStatus, StressTestRun

pytestmark = pytest.mark.django_db


def test_the_demo_queues_a_stress_test_per_municipality_that_the_worker_can_run(
    settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    with django_capture_on_commit_callbacks(execute=False) as enqueues:
        call_command("load_demo", stdout=StringIO())
    runs = StressTestRun.objects.order_by("organisation__slug")
    assert [r.organisation.slug for r in runs] == ["malmhaga", "osterlen", "sjobo-strand"]
    assert len(enqueues) == 3
    run = runs.get(organisation__slug="malmhaga")
    assert len(run.network["units"]) >= 60
    assert [s["id"] for s in run.scenarios] == ["largest-supplier-insolvency", "power-outage-long"]
    tasks.stress_test_execute(run_id=run.pk)
    run.refresh_from_db()
    assert run.status == RunStatus.DONE, run.error
    assert len(run.summary["tts"]) == len(run.network["suppliers"])
