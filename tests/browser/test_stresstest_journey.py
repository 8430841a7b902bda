"""A buyer starts a stress test in the browser, watches its progress and opens the result."""

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

from beredd.stresstests import compute, tasks
from beredd.stresstests.models import RunStatus, StressTestRun
from tests.browser.conftest import assert_accessible, assert_fits_phone, log_in

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
    }


def start_run(page: Page, *scenarios: str) -> StressTestRun:
    page.goto("/stresstests/")
    page.get_by_role("link", name="Starta ett stresstest").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Starta ett stresstest")
    assert_accessible(page)
    page.get_by_label("Körningens namn").fill("Vinterprov")
    for name in scenarios or ("Långvarigt strömavbrott",):
        page.get_by_label(name, exact=False).check()
    page.get_by_label("Dragningar").fill("50")
    page.get_by_role("button", name="Starta stresstestet").click()
    page.wait_for_url("**/stresstests/*/")
    return StressTestRun.objects.get(name="Vinterprov")


def watch_progress(page: Page, monkeypatch) -> list[int]:
    """Step by step: after chosen progress reports, the worker waits until the page shows them.

    The reports are not throttled by the clock here, so which reports reach the database
    depends only on the engine's chunks (every 4 of 50 draws), never on how fast anything
    runs. The page is checked after the first report, at the end of the first scenario (50
    of 100) and after the report that follows it.
    """
    seen: list[int] = []
    report = tasks._progress_writer

    def watching(run_id: int):
        write = report(run_id)

        def write_and_look(done: int, total: int) -> None:
            write(done, total)
            if done < total and (not seen or done == 50 or seen[-1] == 50):
                expect(page.locator("#run-progress")).to_contain_text("Körs")
                expect(page.locator("progress")).to_have_attribute(
                    "value", f"{100 * done // total}"
                )
                seen.append(done)

        return write_and_look

    monkeypatch.setattr(tasks, "_progress_writer", watching)
    monkeypatch.setattr(compute, "throttled", lambda write, interval_s=0: write)
    return seen


def test_a_buyer_starts_a_stress_test_watches_the_progress_and_opens_the_result(
    page: Page, procurer, small_network, monkeypatch
):
    log_in(page, procurer.username)
    run = start_run(page, "Långvarigt strömavbrott", "Vattenavbrott")
    progress = page.locator("progress")
    expect(progress).to_be_visible()
    expect(page.locator("#run-progress")).to_contain_text("Väntar i kön")
    assert run.status == RunStatus.QUEUED
    assert_accessible(page)

    # The worker (as `manage.py db_worker` in `make demo`) picks the queued task up in this
    # thread while the page keeps polling; at each chosen report it waits for the page.
    seen = watch_progress(page, monkeypatch)
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    run.refresh_from_db()
    assert run.status == RunStatus.DONE, run.error
    # The engine reports after every chunk of 4 draws; the page showed the first report, the
    # end of the first of the two scenarios (50 of 100 draws) and the next one.
    assert seen == [4, 50, 54], seen
    expect(page.locator("#run-progress")).to_contain_text("Stresstestet är klart")
    expect(progress).to_have_attribute("value", "100")

    page.get_by_role("link", name="Öppna resultaten").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Vinterprov")
    charts = page.get_by_role("img", name="Genomsnittlig servicenivå per dag och enhetstyp")
    expect(charts).to_have_count(2)  # one per scenario
    expect(charts.first).to_be_visible()
    expect(page.locator("#tts-table")).to_contain_text("S1 Grossisten AB")
    assert_accessible(page)

    with page.expect_download() as download:
        page.get_by_role("link", name="Resultat som Excel (.xlsx)").click()
    assert download.value.suggested_filename == f"stresstest-{run.pk}.xlsx"


def test_the_results_fit_a_phone(phone_page: Page, procurer, small_network):
    log_in(phone_page, procurer.username)
    phone_page.goto("/stresstests/new/")
    assert_fits_phone(phone_page)
    run = start_run(phone_page)
    assert_fits_phone(phone_page)
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    phone_page.goto(f"/stresstests/{run.pk}/results/")
    expect(phone_page.locator("#tts-table")).to_be_attached()
    assert_fits_phone(phone_page)
    assert_accessible(phone_page)


def test_a_buyer_tries_a_what_if_on_a_supplier_and_compares_the_runs(
    page: Page, procurer, small_network, settings
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    log_in(page, procurer.username)
    run = start_run(page)
    expect(page.get_by_role("link", name="Öppna resultaten")).to_be_visible()
    page.goto("/stresstests/")
    expect(page.get_by_role("cell", name="Vinterprov")).to_be_visible()
    assert_accessible(page)
    page.goto(f"/stresstests/{run.pk}/results/")
    page.get_by_role("link", name="Tänk om för en leverantör").click()
    assert_accessible(page)
    page.get_by_label("Leverantör", exact=True).select_option("S1")
    page.get_by_label("Reservkraft (timmar)").fill("120")
    page.get_by_role("button", name="Kör tänk om-analysen").click()
    page.get_by_role("link", name="Öppna resultaten").click()
    page.get_by_role("link", name="jämför med den").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Jämför två körningar")
    expect(page.locator("main")).to_contain_text("Förändring (procentenheter)")
    assert_accessible(page)

    page.goto(f"/stresstests/{run.pk}/results/")
    page.get_by_role("link", name="Tänk om med en ny leverantör").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tänk om med en ny leverantör")
    assert_accessible(page)
