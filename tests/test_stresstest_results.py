"""The results of a stress test: who may see a run and its downloads, what-if runs and comparing."""

import pytest
from django.urls import reverse

from beredd.network.export import network_as_dict
from beredd.stresstests import services, tasks
from beredd.stresstests.models import StressTestRun
from tests.conftest import PASSWORD
from tests.stresstest_data import POWER_NORTH

pytestmark = pytest.mark.usefixtures("immediate_tasks", "scenario_library")


@pytest.fixture
def run(procurer, small_network) -> StressTestRun:
    run = services.stress_test_create(
        organisation=procurer.organisation,
        user=procurer,
        name="Vinter",
        network_data=network_as_dict(procurer.organisation),
        scenarios=[POWER_NORTH],
        draws=5,
        seed=3,
    )
    tasks.stress_test_execute(run_id=run.pk)
    run.refresh_from_db()
    return run


def run_urls(run: StressTestRun) -> list[str]:
    pk = run.pk
    return [
        reverse("stresstests:run_detail", args=[pk]),
        reverse("stresstests:run_results", args=[pk]),
        reverse("stresstests:run_what_if", args=[pk]),
        reverse("stresstests:run_what_if_add", args=[pk]),
        reverse("stresstests:run_compare") + f"?a={pk}&b={pk}",
        *(reverse("stresstests:run_download", args=[pk, fmt]) for fmt in ("xlsx", "json", "npz")),
    ]


# Outsiders, visitors and roles


def test_an_outsider_gets_404_for_every_page_and_download_of_the_run(client, outsider, run):
    client.login(username=outsider.username, password=PASSWORD)
    for url in run_urls(run):
        assert client.get(url).status_code == 404, url
    assert client.post(reverse("stresstests:run_rerun", args=[run.pk])).status_code == 404
    assert client.post(reverse("stresstests:run_what_if", args=[run.pk])).status_code == 404
    assert StressTestRun.objects.count() == 1


def test_an_outsider_does_not_see_the_run_in_their_list(client, outsider, run):
    client.login(username=outsider.username, password=PASSWORD)
    response = client.get(reverse("stresstests:run_list"))
    assert response.status_code == 200
    assert "Vinter" not in response.content.decode()


def test_a_supplier_person_is_refused(client, bid_manager, run):
    client.login(username=bid_manager.username, password=PASSWORD)
    for url in [reverse("stresstests:run_list"), reverse("stresstests:run_create"), *run_urls(run)]:
        assert client.get(url).status_code == 403, url


def test_anonymous_visitors_are_sent_to_log_in(client, run):
    for url in [reverse("stresstests:run_list"), reverse("stresstests:run_create"), *run_urls(run)]:
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response.url, url


def test_a_decision_maker_views_results_but_cannot_start_runs(client, decision_maker, run):
    client.login(username=decision_maker.username, password=PASSWORD)
    results = client.get(reverse("stresstests:run_results", args=[run.pk]))
    assert results.status_code == 200
    assert "Kör igen med samma indata" not in results.content.decode()
    assert client.get(reverse("stresstests:run_create")).status_code == 403
    assert client.post(reverse("stresstests:run_rerun", args=[run.pk])).status_code == 403


@pytest.mark.parametrize("role_user", ["coordinator", "needs_owner", "procurer"])
def test_coordinators_needs_owners_and_procurement_officers_may_start_runs(
    client, role_user, request, small_network
):
    user = request.getfixturevalue(role_user)
    client.login(username=user.username, password=PASSWORD)
    response = client.get(reverse("stresstests:run_create"))
    assert response.status_code == 200
    assert "Strömavbrott i norr" in response.content.decode()
    assert "Två dagar utan ström." in response.content.decode()


# What if and comparing


def test_comparing_with_a_run_of_another_organisation_gives_404(client, procurer, outsider, run):
    client.login(username=outsider.username, password=PASSWORD)
    own = StressTestRun.objects.create(
        organisation=outsider.organisation, name="Egen", network={}, scenarios=[], draws=1
    )
    url = reverse("stresstests:run_compare") + f"?a={own.pk}&b={run.pk}"
    assert client.get(url).status_code == 404


def test_a_what_if_on_a_supplier_runs_again_and_compares_side_by_side(
    client, procurer, run, django_capture_on_commit_callbacks
):
    client.login(username=procurer.username, password=PASSWORD)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("stresstests:run_what_if", args=[run.pk]),
            {"supplier": "S1", "backup_power_hours": 120, "capacity_per_day": 400},
        )
    new = StressTestRun.objects.exclude(pk=run.pk).get()
    assert response.url == reverse("stresstests:run_detail", args=[new.pk])
    s1 = next(s for s in new.network["suppliers"] if s["id"] == "S1")
    assert s1["backup_power_hours"] == 120 and s1["capacity_per_day"] == 400
    assert new.seed == run.seed and new.rerun_of == run
    page = client.get(reverse("stresstests:run_compare") + f"?a={run.pk}&b={new.pk}")
    text = page.content.decode()
    assert "Vårdavdelning" in text and "Skola" in text
    assert "Förändring (procentenheter)" in text


def test_a_what_if_without_any_value_is_refused(client, procurer, run):
    client.login(username=procurer.username, password=PASSWORD)
    response = client.post(reverse("stresstests:run_what_if", args=[run.pk]), {"supplier": "S1"})
    assert response.status_code == 200
    assert "Ange minst ett värde att ändra." in response.content.decode()
    assert StressTestRun.objects.count() == 1


def test_downloads_of_an_unfinished_run_are_not_found(client, procurer, small_network):
    run = StressTestRun.objects.create(
        organisation=procurer.organisation, name="Kö", network={}, scenarios=[], draws=1
    )
    client.login(username=procurer.username, password=PASSWORD)
    assert client.get(reverse("stresstests:run_download", args=[run.pk, "xlsx"])).status_code == 404
    results = client.get(reverse("stresstests:run_results", args=[run.pk]))
    assert results.url == reverse("stresstests:run_detail", args=[run.pk])


def test_a_what_if_sets_a_supplier_s_days_of_stock_per_category(
    client, procurer, run, django_capture_on_commit_callbacks
):
    client.login(username=procurer.username, password=PASSWORD)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("stresstests:run_what_if", args=[run.pk]),
            {"supplier": "S2", "stock_days__chilled": 3},
        )
    new = StressTestRun.objects.exclude(pk=run.pk).get()
    s2 = next(s for s in new.network["suppliers"] if s["id"] == "S2")
    assert s2["stock_days"]["chilled"] == 3
    assert new.name == "Tänk om: S2: stock_days.chilled = 3"


def test_a_what_if_adds_a_supplier_that_takes_over_a_category(
    client, procurer, run, django_capture_on_commit_callbacks
):
    client.login(username=procurer.username, password=PASSWORD)
    form = {
        "supplier_id": "S9",
        "name": "Nya Grossisten",
        "area": "north",
        "capacity_per_day": 500,
        "backup_power_hours": 96,
        "stock_days__dry": 10,
        "prioritises_critical": "on",
        "move_from": "S1",
        "categories": ["dry"],
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("stresstests:run_what_if_add", args=[run.pk]), form)
    new = StressTestRun.objects.exclude(pk=run.pk).get()
    assert response.url == reverse("stresstests:run_detail", args=[new.pk])
    assert new.status == "done", new.error
    s9 = next(s for s in new.network["suppliers"] if s["id"] == "S9")
    assert s9["capacity_per_day"] == 500 and s9["stock_days"] == {"dry": 10}
    dry = [a for a in new.network["assignments"] if a["category"] == "dry"]
    assert [(a["primary"], a["backups"]) for a in dry] == [("S9", ["S2"])]
    assert "S9" in [r["supplier_id"] for r in new.summary["tts"]]


def test_a_new_supplier_may_not_reuse_an_existing_code(client, procurer, run):
    client.login(username=procurer.username, password=PASSWORD)
    form = {"supplier_id": "S1", "name": "X", "area": "north", "capacity_per_day": 1}
    response = client.post(
        reverse("stresstests:run_what_if_add", args=[run.pk]), {**form, "categories": ["dry"]}
    )
    assert "Nätverket har redan en leverantör S1." in response.content.decode()
    assert StressTestRun.objects.count() == 1
