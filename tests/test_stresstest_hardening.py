"""A hostile or clumsy buyer against stress tests: double clicks, bad numbers, runs too large
for the memory, failures, a worker that is not running, other organisations' runs."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from beredd.network.models import MealUnit
from beredd.stresstests import compute, services, tasks
from beredd.stresstests.models import DEFAULT_MAX_DETAIL_CELLS, RunStatus, StressTestRun
from tests.conftest import PASSWORD
from tests.test_stresstest_fixtures import POWER_NORTH, SUPPLIER_DOWN

pytestmark = pytest.mark.usefixtures("immediate_tasks", "scenario_library")


def start(client, user, **data):
    client.login(username=user.username, password=PASSWORD)
    form = {"name": "Vinter", "scenarios": ["power-north"], "draws": 20, "seed": 7, **data}
    return client.post(reverse("stresstests:run_create"), form)


def queued_run(user, scenarios) -> StressTestRun:
    from beredd.network.export import network_as_dict

    return StressTestRun.objects.create(
        organisation=user.organisation,
        created_by=user,
        name="Kö",
        network=network_as_dict(user.organisation),
        scenarios=scenarios,
        draws=5,
        seed=1,
        draws_total=5 * len(scenarios),
    )


def test_a_double_submitted_form_starts_only_one_run(client, procurer, small_network):
    first = start(client, procurer)
    second = start(client, procurer)
    assert StressTestRun.objects.count() == 1
    assert first.url == second.url


def test_the_same_settings_started_again_later_make_a_new_run(client, procurer, small_network):
    start(client, procurer)
    StressTestRun.objects.update(created_at=timezone.now() - timedelta(minutes=5))
    start(client, procurer)
    assert StressTestRun.objects.count() == 2


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("draws", "0"),
        ("draws", "-5"),
        ("draws", "tjugo"),
        ("draws", "2.5"),
        ("draws", ""),
        ("seed", "-1"),
        ("seed", str(2**40)),
        ("seed", "x"),
    ],
)
def test_bad_draws_and_seeds_are_refused_beside_their_field(
    client, procurer, small_network, field, value
):
    response = start(client, procurer, **{field: value})
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not StressTestRun.objects.exists()


@pytest.mark.parametrize("chosen", [[], ["no-such-scenario"], ["power-north", "../../etc"]])
def test_scenarios_outside_the_library_or_none_are_refused(client, procurer, small_network, chosen):
    response = start(client, procurer, scenarios=chosen)
    assert response.status_code == 200
    assert "scenarios" in response.context["form"].errors
    assert not StressTestRun.objects.exists()


def test_a_run_too_large_for_the_memory_is_refused_with_the_draws_that_fit(
    client, procurer, small_network, settings
):
    # power-north: 10 days; 2 units + 2 suppliers: 40 detail values per draw.
    settings.STRESSTEST_MAX_DETAIL_CELLS = 800
    response = start(client, procurer, draws=21)
    assert response.status_code == 200
    text = response.content.decode()
    assert "för stor" in text
    assert "högst 20 dragningar" in text
    assert not StressTestRun.objects.exists()
    assert start(client, procurer, draws=20).status_code == 302


def test_the_default_limit_refuses_the_largest_draws_on_a_national_network():
    network = {"units": [{}] * 1000, "suppliers": [{}] * 40}
    scenarios = [{"horizon_days": 90}] * 9
    assert services.detail_cells(network_data=network, scenarios=scenarios, draws=2000) > (
        DEFAULT_MAX_DETAIL_CELLS
    )
    with pytest.raises(services.ValidationError):
        services.run_size_check(network_data=network, scenarios=scenarios, draws=2000)
    services.run_size_check(network_data=network, scenarios=scenarios[:1], draws=200)


def test_a_what_if_that_would_be_too_large_is_refused_too(procurer, small_network, settings):
    run = queued_run(procurer, [POWER_NORTH, SUPPLIER_DOWN])
    settings.STRESSTEST_MAX_DETAIL_CELLS = 100
    with pytest.raises(services.ValidationError):
        services.stress_test_rerun(run=run, user=procurer)


def test_a_failed_run_leaves_no_detail_file(procurer, small_network, monkeypatch, settings):
    def broken(*, detail, **kwargs):
        detail.write(b"half an archive")
        raise MemoryError

    monkeypatch.setattr(compute, "run_all", broken)
    run = queued_run(procurer, [POWER_NORTH])
    tasks.stress_test_execute(run_id=run.pk)
    run.refresh_from_db()
    assert run.status == RunStatus.FAILED
    assert not run.detail
    assert not list(settings.MEDIA_ROOT.rglob("*.npz"))


def test_a_run_uses_the_network_as_it_was_when_it_was_queued(procurer, small_network):
    run = queued_run(procurer, [POWER_NORTH])
    MealUnit.objects.filter(organisation=procurer.organisation).delete()
    tasks.stress_test_execute(run_id=run.pk)
    run.refresh_from_db()
    assert run.status == RunStatus.DONE, run.error
    assert {u["id"] for u in run.summary["scenarios"][0]["units"]} == {"U1", "U2"}


def test_a_run_waiting_in_the_queue_says_the_worker_may_not_be_running(
    client, procurer, small_network
):
    run = queued_run(procurer, [POWER_NORTH])
    StressTestRun.objects.filter(pk=run.pk).update(created_at=timezone.now() - timedelta(hours=1))
    client.login(username=procurer.username, password=PASSWORD)
    text = client.get(reverse("stresstests:run_detail", args=[run.pk])).content.decode()
    assert "db_worker" in text


def test_a_run_name_with_script_is_shown_as_text(client, procurer, small_network):
    start(client, procurer, name="<script>alert(1)</script>")
    run = StressTestRun.objects.get()
    for name in ("stresstests:run_list", "stresstests:run_detail"):
        args = [] if name.endswith("list") else [run.pk]
        text = client.get(reverse(name, args=args)).content.decode()
        assert "<script>alert(1)</script>" not in text


def test_runs_of_another_organisation_cannot_be_re_run_or_what_if_ed(
    client, procurer, outsider, small_network
):
    run = queued_run(procurer, [POWER_NORTH])
    client.login(username=outsider.username, password=PASSWORD)
    assert client.post(reverse("stresstests:run_rerun", args=[run.pk])).status_code == 404
    url = reverse("stresstests:run_what_if", args=[run.pk])
    assert client.post(url, {"supplier": "S1", "capacity_per_day": "1"}).status_code == 404
    compare = reverse("stresstests:run_compare")
    assert client.get(compare, {"a": run.pk, "b": run.pk}).status_code == 404
    assert StressTestRun.objects.count() == 1


def test_the_rerun_endpoint_does_not_start_anything_on_get(client, procurer, small_network):
    run = queued_run(procurer, [POWER_NORTH])
    client.login(username=procurer.username, password=PASSWORD)
    assert client.get(reverse("stresstests:run_rerun", args=[run.pk])).status_code == 405
    assert StressTestRun.objects.count() == 1


def test_a_run_whose_starter_was_removed_still_lists(client, procurer, coordinator, small_network):
    run = queued_run(coordinator, [POWER_NORTH])
    StressTestRun.objects.filter(pk=run.pk).update(created_by=None)
    client.login(username=procurer.username, password=PASSWORD)
    assert client.get(reverse("stresstests:run_list")).status_code == 200


def test_unit_names_that_look_like_formulas_stay_text_in_the_excel_download(
    client, procurer, small_network, django_capture_on_commit_callbacks
):
    from io import BytesIO

    from openpyxl import load_workbook

    MealUnit.objects.filter(code="U1").update(name="=1+1")
    with django_capture_on_commit_callbacks(execute=True):
        start(client, procurer)
    run = StressTestRun.objects.get()
    url = reverse("stresstests:run_download", args=[run.pk, "xlsx"])
    book = load_workbook(BytesIO(client.get(url).content))
    cells = [cell for row in book.worksheets[0].iter_rows() for cell in row]
    assert any(cell.value == "=1+1" for cell in cells)
    assert not [cell for cell in cells if cell.data_type == "f"]


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("capacity_per_day", "1e30"),
        ("backup_power_hours", "1e30"),
        ("fuel_reserve_days", "1e308"),
        ("time_to_recover_days", "1e30"),
        ("stock_days__dry", "1e308"),
    ],
)
def test_absurd_declared_values_in_a_what_if_are_refused_beside_the_field(
    client, procurer, small_network, field, value
):
    run = queued_run(procurer, [POWER_NORTH])
    client.login(username=procurer.username, password=PASSWORD)
    url = reverse("stresstests:run_what_if", args=[run.pk])
    response = client.post(url, {"supplier": "S1", field: value})
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert StressTestRun.objects.count() == 1


def test_a_supplier_that_takes_forever_to_recover_gives_results_not_a_stuck_run(
    client, procurer, small_network
):
    run = queued_run(procurer, [POWER_NORTH])
    for supplier in run.network["suppliers"]:
        supplier["time_to_recover_days"] = 3650  # the longest the web and the engine allow
    run.save()
    tasks.stress_test_execute(run_id=run.pk)
    run.refresh_from_db()
    assert run.status == RunStatus.DONE, run.error
    client.login(username=procurer.username, password=PASSWORD)
    assert client.get(reverse("stresstests:run_results", args=[run.pk])).status_code == 200


def test_a_run_whose_results_cannot_be_stored_fails_with_a_message(
    procurer, small_network, monkeypatch, settings
):
    monkeypatch.setattr(compute, "run_all", lambda **kwargs: {"scenarios": [object()]})
    run = queued_run(procurer, [POWER_NORTH])
    tasks.stress_test_execute(run_id=run.pk)
    run.refresh_from_db()
    assert run.status == RunStatus.FAILED
    assert "internt fel" in run.error
    assert not list(settings.MEDIA_ROOT.rglob("*.npz"))


def test_the_run_list_does_not_query_per_run(client, procurer, coordinator, small_network):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    queued_run(procurer, [POWER_NORTH])
    client.login(username=procurer.username, password=PASSWORD)
    url = reverse("stresstests:run_list")

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    few = count()
    for _n in range(5):
        queued_run(coordinator, [POWER_NORTH])
    assert count() == few


def test_runs_with_unknown_times_to_survive_can_still_be_compared(client, procurer, small_network):
    first = queued_run(procurer, [POWER_NORTH])
    tasks.stress_test_execute(run_id=first.pk)
    first.refresh_from_db()
    second = queued_run(procurer, [POWER_NORTH])
    tasks.stress_test_execute(run_id=second.pk)
    second.refresh_from_db()
    for row in second.summary["tts"]:
        row["tts_days"] = None
    second.save()
    client.login(username=procurer.username, password=PASSWORD)
    url = reverse("stresstests:run_compare")
    assert client.get(url, {"a": first.pk, "b": second.pk}).status_code == 200
    assert client.get(url, {"a": second.pk, "b": first.pk}).status_code == 200


def test_the_progress_in_per_cent_is_not_rounded_down_by_floating_point():
    run = StressTestRun(status=RunStatus.RUNNING, draws_done=29, draws_total=50)
    assert run.progress_percent == 58
    assert StressTestRun(status=RunStatus.DONE, draws_total=0).progress_percent == 100
    assert StressTestRun(status=RunStatus.QUEUED, draws_total=0).progress_percent == 0
