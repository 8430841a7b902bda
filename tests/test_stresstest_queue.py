"""The shared stress-test worker: a cap on each organisation's queued and running runs, and a
fair order between organisations (one organisation's fifth run waits behind another's first)."""

import pytest
from django.urls import reverse
from django.utils import translation
from django_tasks_db.models import DBTaskResult

from beredd.network.export import network_as_dict
from beredd.stresstests import services
from beredd.stresstests.models import RunStatus, StressTestRun
from tests.stresstest_data import POWER_NORTH

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def database_tasks(settings, tmp_path):
    settings.TASKS = DATABASE_TASKS
    settings.MEDIA_ROOT = tmp_path
    return settings


def queue_run(organisation, network, name="Kö") -> StressTestRun:
    return services.stress_test_create(
        organisation=organisation,
        user=None,
        name=name,
        network_data=network,
        scenarios=[POWER_NORTH],
        draws=5,
        seed=1,
    )


def test_a_start_beyond_the_cap_is_refused_with_a_message_in_swedish(
    client, procurer, small_network, database_tasks, scenario_library
):
    database_tasks.STRESSTEST_MAX_QUEUED_PER_ORG = 2
    network = network_as_dict(procurer.organisation)
    for name in ("Första", "Andra"):
        queue_run(procurer.organisation, network, name)
    client.force_login(procurer)
    data = {"name": "Tredje", "scenarios": ["power-north"], "draws": 20, "seed": 7}
    with translation.override("sv"):
        response = client.post(reverse("stresstests:run_create"), data, HTTP_ACCEPT_LANGUAGE="sv")
    assert response.status_code == 200
    assert (
        "Er organisation har redan 2 stresstester i kö eller igång, så många som den får ha "
        "samtidigt." in " ".join(response.context["form"].non_field_errors())
    )
    assert not StressTestRun.objects.filter(name="Tredje").exists()


def test_a_finished_run_frees_a_place_in_the_queue(
    procurer, small_network, database_tasks, scenario_library
):
    database_tasks.STRESSTEST_MAX_QUEUED_PER_ORG = 1
    network = network_as_dict(procurer.organisation)
    first = queue_run(procurer.organisation, network)
    StressTestRun.objects.filter(pk=first.pk).update(status=RunStatus.DONE)
    assert queue_run(procurer.organisation, network).status == RunStatus.QUEUED


def test_another_organisations_first_run_goes_before_the_later_runs_of_a_busy_one(
    buyer_org,
    other_org,
    small_network,
    database_tasks,
    scenario_library,
    django_capture_on_commit_callbacks,
):
    database_tasks.STRESSTEST_MAX_QUEUED_PER_ORG = 10
    network = network_as_dict(buyer_org)
    with django_capture_on_commit_callbacks(execute=True):
        busy = [queue_run(buyer_org, network, f"A{number}") for number in range(5)]
        other = queue_run(other_org, network, "B")
    order = [task.args_kwargs["kwargs"]["run_id"] for task in DBTaskResult.objects.ready()]
    assert order == [busy[0].pk, other.pk, *(run.pk for run in busy[1:])]
