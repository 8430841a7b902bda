"""A buyer starts a stress test of their own network; it runs as a task and keeps its inputs."""

import io
import json
import re
from datetime import timedelta

import numpy as np
import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from beredd.network.export import network_as_dict
from beredd.network.models import MealUnit, Supplier, SupplyAssignment
from beredd.stresstests import compute, services, tasks
from beredd.stresstests.models import DEFAULT_MAX_DETAIL_CELLS, RunStatus, StressTestRun
from tests.conftest import PASSWORD
from tests.stresstest_data import POWER_NORTH, SUPPLIER_DOWN

pytestmark = pytest.mark.usefixtures("immediate_tasks", "scenario_library")


def start(client, user, **data):
    client.login(username=user.username, password=PASSWORD)
    form = {"name": "Vinter", "scenarios": ["power-north"], "draws": 20, "seed": 7, **data}
    return client.post(reverse("stresstests:run_create"), form)


def test_a_procurement_officer_starts_a_run_that_finishes_with_results(
    client, procurer, small_network, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = start(client, procurer)
    run = StressTestRun.objects.get()
    assert response.url == reverse("stresstests:run_detail", args=[run.pk])
    assert run.status == RunStatus.DONE, run.error
    assert run.progress == 1.0
    assert run.created_by == procurer
    scenario = run.summary["scenarios"][0]
    assert scenario["id"] == "power-north"
    assert {u["id"] for u in scenario["units"]} == {"U1", "U2"}
    assert set(scenario["mean_sl_by_type"]) == {"hospital", "school"}
    assert len(scenario["mean_sl_by_type"]["school"]) == 10
    assert [r["supplier_id"] for r in run.summary["tts"]] == ["S1", "S2"]


def test_the_run_keeps_the_network_as_it_was_when_it_started(
    client, procurer, small_network, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        start(client, procurer)
    MealUnit.objects.filter(code="U1").update(portions_per_day=999)
    run = StressTestRun.objects.get()
    assert next(u for u in run.network["units"] if u["id"] == "U1")["portions_per_day"] == 40
    assert run.scenarios == [POWER_NORTH]


def test_a_rerun_of_the_stored_inputs_gives_the_same_numbers(
    client, procurer, small_network, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        start(client, procurer, scenarios=["power-north", "s1-down"])
    first = StressTestRun.objects.get()
    Supplier.objects.filter(code="S1").update(capacity_per_day=1)  # later edits don't matter
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("stresstests:run_rerun", args=[first.pk]))
    second = StressTestRun.objects.exclude(pk=first.pk).get()
    assert response.url == reverse("stresstests:run_detail", args=[second.pk])
    assert second.rerun_of == first and second.seed == first.seed
    assert second.summary == first.summary
    with np.load(first.detail.path) as a, np.load(second.detail.path) as b:
        assert np.array_equal(a["service_level_1"], b["service_level_1"])


def test_the_detail_file_holds_service_level_per_draw_day_and_unit(
    client, procurer, small_network, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        start(client, procurer)
    run = StressTestRun.objects.get()
    response = client.get(reverse("stresstests:run_download", args=[run.pk, "npz"]))
    data = np.load(io.BytesIO(b"".join(response.streaming_content)))
    assert list(data["unit_ids"]) == ["U1", "U2"]
    assert data["service_level_0"].shape == (20, 10, 2)
    assert data["normal_share_0"].shape == (20, 10, 2)


def test_the_excel_and_json_downloads_hold_results_and_exact_inputs(
    client, procurer, small_network, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        start(client, procurer)
    run = StressTestRun.objects.get()
    xlsx = client.get(reverse("stresstests:run_download", args=[run.pk, "xlsx"]))
    book = load_workbook(io.BytesIO(xlsx.content))
    assert book.sheetnames == ["Enheter", "Enhetstyper", "Leverantörer TTS", "Orsaker"]
    assert [c.value for c in book["Enheter"]["B"]][1:] == ["U1", "U2"]
    assert book["Leverantörer TTS"].max_row == 3
    data = json.loads(
        client.get(reverse("stresstests:run_download", args=[run.pk, "json"])).content
    )
    assert data["inputs"]["seed"] == 7
    assert data["inputs"]["network"] == run.network
    assert data["summary"]["tts"] == run.summary["tts"]


def test_a_network_without_units_is_refused_before_anything_is_queued(client, procurer):
    response = start(client, procurer)
    assert response.status_code == 200
    assert "minst en måltidsenhet" in response.content.decode()
    assert not StressTestRun.objects.exists()


def test_a_network_the_engine_rejects_is_explained_with_its_place(client, procurer, small_network):
    SupplyAssignment.objects.filter(unit__code="U2", category__code="chilled").delete()
    response = start(client, procurer)
    text = response.content.decode()
    assert "enhet U2 (Ekby skola)" in text
    assert "saknar leverantör för livsmedelskategori chilled (units[1])" in text
    assert not StressTestRun.objects.exists()


def test_a_negative_stock_is_named_with_the_unit_and_the_json_path(client, procurer, small_network):
    MealUnit.objects.filter(code="U2").update(stock_days={"dry": -1, "chilled": 1})
    text = start(client, procurer).content.decode()
    assert (
        "enhet U2 (Ekby skola), stock_days.dry: måste vara minst 0 (units[1].stock_days.dry)"
        in text
    )
    assert not StressTestRun.objects.exists()


def test_draws_above_the_limit_are_refused(client, procurer, small_network, settings):
    settings.STRESSTEST_MAX_DRAWS = 50
    response = start(client, procurer, draws=51)
    assert response.status_code == 200
    assert not StressTestRun.objects.exists()


def test_a_run_whose_scenario_does_not_fit_fails_with_a_message_and_no_traceback(
    procurer, small_network
):
    run = _queued_run(
        procurer,
        [
            {
                **SUPPLIER_DOWN,
                "events": [
                    {
                        "type": "supplier_failure",
                        "suppliers": ["NOPE"],
                        "start_day": 0,
                        "duration_days": 1,
                    }
                ],
            }
        ],
    )
    tasks.stress_test_execute(run_id=run.pk)
    run.refresh_from_db()
    assert run.status == RunStatus.FAILED
    assert "events[0]" in run.error
    assert "Traceback" not in run.error


def test_an_internal_error_shows_a_plain_message(client, procurer, small_network, monkeypatch):
    def broken(**kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(compute, "run_all", broken)
    run = _queued_run(procurer, [POWER_NORTH])
    tasks.stress_test_execute(run_id=run.pk)
    client.login(username=procurer.username, password=PASSWORD)
    text = client.get(reverse("stresstests:run_detail", args=[run.pk])).content.decode()
    assert "internt fel" in text
    assert "boom" not in text


def test_progress_is_written_at_most_every_half_second_and_always_at_the_end():
    calls = []
    progress = compute.throttled(lambda done, total: calls.append(done), interval_s=3600)
    for done in range(1, 11):
        progress(done, 10)
    assert calls == [1, 10]


def test_the_progress_partial_polls_while_queued_and_links_to_results_when_done(
    client, procurer, small_network
):
    run = _queued_run(procurer, [POWER_NORTH])
    client.login(username=procurer.username, password=PASSWORD)
    url = reverse("stresstests:run_detail", args=[run.pk])
    partial = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert 'hx-trigger="every 1s"' in partial and "<progress" in partial
    assert "<html" not in partial
    tasks.stress_test_execute(run_id=run.pk)
    partial = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert "hx-trigger" not in partial
    assert reverse("stresstests:run_results", args=[run.pk]) in partial


def test_the_results_page_shows_chart_units_at_risk_and_tts(
    client, procurer, small_network, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        start(client, procurer, scenarios=["s1-down"])
    run = StressTestRun.objects.get()
    text = client.get(reverse("stresstests:run_results", args=[run.pk])).content.decode()
    assert "<svg" in text and "<polyline" in text
    # Swedish decimal commas must not leak into SVG coordinates.
    assert re.search(r'y1="\d+\.\d+"', text)
    assert not re.search(r'\b(x|y)[12]?="[\d.]*,', text)
    assert "Grossisten slutar leverera" in text
    assert "Leverantörsbortfall." in text  # the scenario's rationale
    assert "2 måltidsenheter, 2 leverantörer" in text
    assert 'id="tts-table"' in text
    assert "S1 Grossisten AB" in text


def _queued_run(user, scenarios, **extra):
    return services.stress_test_create(
        organisation=user.organisation,
        user=user,
        name="Test",
        network_data=network_as_dict(user.organisation),
        scenarios=scenarios,
        draws=5,
        seed=1,
        **extra,
    )


def test_a_run_stuck_without_progress_says_so_and_offers_to_run_again(
    client, procurer, small_network
):
    run = _queued_run(procurer, [POWER_NORTH])
    long_ago = timezone.now() - timedelta(minutes=30)
    StressTestRun.objects.filter(pk=run.pk).update(created_at=long_ago)
    client.login(username=procurer.username, password=PASSWORD)
    url = reverse("stresstests:run_detail", args=[run.pk])
    assert "db_worker" in client.get(url).content.decode()
    StressTestRun.objects.filter(pk=run.pk).update(status=RunStatus.RUNNING, progress_at=long_ago)
    text = client.get(url).content.decode()
    assert "har troligen stannat" in text
    assert reverse("stresstests:run_rerun", args=[run.pk]) in text


def test_messages_of_a_run_are_in_the_language_it_was_started_in(
    client, procurer, small_network, monkeypatch, django_capture_on_commit_callbacks
):
    def broken(**kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(compute, "run_all", broken)
    client.cookies["django_language"] = "en"
    with django_capture_on_commit_callbacks(execute=True):
        start(client, procurer)
    run = StressTestRun.objects.get()
    assert run.language == "en" and run.status == RunStatus.FAILED
    assert run.error.startswith("The stress test stopped because of an internal error")


# Starting twice, bad settings and too large runs


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


# Failures, queue and progress


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


def test_the_progress_in_per_cent_is_not_rounded_down_by_floating_point():
    run = StressTestRun(status=RunStatus.RUNNING, draws_done=29, draws_total=50)
    assert run.progress_percent == 58
    assert StressTestRun(status=RunStatus.DONE, draws_total=0).progress_percent == 100
    assert StressTestRun(status=RunStatus.QUEUED, draws_total=0).progress_percent == 0


# Outsiders and odd names


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


# Results: downloads, what-if and comparing with odd values


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
