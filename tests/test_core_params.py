"""Strict ids, counts and dates from paths, queries and forms: a hostile value is a 404 or a
form error, never a 500 (`²` passes `isdigit()` and breaks `int()`; 10**20 overflows SQLite)."""

import datetime

import pytest
from django.urls import reverse

from beredd.core.params import parse_count, parse_date, parse_id
from beredd.procurement.models import Procurement, Status
from beredd.readiness.models import CriticalActivity
from beredd.readiness.services import activity_create
from beredd.stresstests.models import StressTestRun
from tests.procurement_data import make_ready_procurement
from tests.test_publication_data import make_tender
from tests.test_readiness_steps import page_data, step_url

pytestmark = pytest.mark.django_db

HOSTILE = ["²", str(10**20), "-1", " 1", "1e3"]


@pytest.mark.parametrize("value", [*HOSTILE, "", "0", "١", "1.0", None, 1])
def test_a_hostile_id_is_no_id(value):
    assert parse_id(value) is None


def test_an_id_is_ascii_digits_up_to_the_largest_database_integer():
    assert parse_id("42") == 42
    assert parse_id(str(2**63 - 1)) == 2**63 - 1
    assert parse_id(str(2**63)) is None


def test_a_count_may_be_zero_but_not_hostile():
    assert parse_count("0") == 0
    assert [parse_count(value) for value in HOSTILE] == [None] * len(HOSTILE)


@pytest.mark.parametrize("value", ["2026-01-01garbage", "2026-02-30", "1/2/26", "२०२६-01-01"])
def test_a_date_is_exactly_year_month_day(value):
    assert parse_date(value) is None


def test_a_real_date_parses():
    assert parse_date("2026-02-28") == datetime.date(2026, 2, 28)


@pytest.mark.parametrize("value", [str(10**20), str(2**63)])
def test_an_id_in_the_path_too_large_for_the_database_is_a_404(client, procurer, value):
    client.force_login(procurer)
    assert client.get(f"/procurement/{value}/").status_code == 404
    assert client.get(f"/stresstests/{value}/").status_code == 404


@pytest.mark.parametrize("value", HOSTILE)
def test_comparing_runs_with_a_hostile_id_is_a_404(client, procurer, value):
    client.force_login(procurer)
    response = client.get(reverse("stresstests:run_compare"), {"a": "1", "b": value})
    assert response.status_code == 404


def test_comparing_runs_with_real_ids_still_works(client, procurer):
    run = StressTestRun.objects.create(
        organisation=procurer.organisation, name="Vinter", network={}, scenarios=[], draws=1, seed=1
    )
    client.force_login(procurer)
    response = client.get(reverse("stresstests:run_compare"), {"a": run.pk, "b": run.pk})
    assert response.status_code == 200
    assert response.context["first"] == run


@pytest.mark.parametrize("value", HOSTILE)
def test_a_new_procurement_for_a_hostile_activity_id_is_a_404(client, procurer, value):
    client.force_login(procurer)
    response = client.get(reverse("procurement:create"), {"activity": value})
    assert response.status_code == 404


@pytest.mark.parametrize("value", HOSTILE)
def test_a_new_procurement_with_a_hostile_activity_in_the_form_is_a_form_error(
    client, procurer, value
):
    client.force_login(procurer)
    data = {"title": "Livsmedel", "procedure": "open", "option_months": "0", "activity": value}
    response = client.post(reverse("procurement:create"), data)
    assert response.status_code == 200
    assert "activity" in response.context["form"].errors
    assert not Procurement.objects.exists()


@pytest.mark.parametrize("value", [*HOSTILE, "2026-01-01garbage", "२०२६-01-01"])
def test_a_hostile_contract_date_is_a_form_error(client, procurer, value):
    client.force_login(procurer)
    data = {"title": "Livsmedel", "procedure": "open", "option_months": "0"}
    response = client.post(reverse("procurement:create"), data | {"contract_start": value})
    assert response.status_code == 200
    assert "contract_start" in response.context["form"].errors


@pytest.fixture
def activity(buyer_org, coordinator, small_network) -> CriticalActivity:
    return activity_create(organisation=buyer_org, user=coordinator, name="Äldreomsorgen")


@pytest.mark.parametrize("value", HOSTILE)
def test_adding_a_row_with_a_hostile_row_count_is_a_form_error(
    client, coordinator, activity, value
):
    client.force_login(coordinator)
    data = page_data(client.get(step_url(activity, "preparation")))
    data.update({"add_row": "checklist", "checklist-TOTAL_FORMS": value})
    response = client.post(step_url(activity, "preparation"), data)
    assert response.status_code == 200
    formset = response.context["formsets"][0][1]
    assert formset.non_form_errors()  # shown above the rows
    assert activity.checklist.count() == 5


def test_a_row_count_changed_outside_the_page_is_named_in_swedish(client, coordinator, activity):
    client.force_login(coordinator)
    data = page_data(client.get(step_url(activity, "preparation")))
    data.update({"add_row": "checklist", "checklist-TOTAL_FORMS": "-1"})
    response = client.post(step_url(activity, "preparation"), data)
    assert "Formuläret har ändrats utanför sidan." in response.content.decode()


@pytest.mark.parametrize("value", HOSTILE)
def test_a_hostile_row_id_is_a_form_error(client, coordinator, activity, value):
    client.force_login(coordinator)
    data = page_data(client.get(step_url(activity, "preparation")))
    data["checklist-0-id"] = value
    response = client.post(step_url(activity, "preparation"), data)
    assert response.status_code == 200
    assert response.context["formsets"][0][1].forms[0].errors


@pytest.mark.parametrize("value", HOSTILE)
def test_a_hostile_decider_or_date_in_step_2_is_a_form_error(client, coordinator, activity, value):
    client.force_login(coordinator)
    data = page_data(client.get(step_url(activity, "decision")))
    data.update({"decided_by": value, "decided_on": value})
    response = client.post(step_url(activity, "decision"), data)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "decided_by" in errors and "decided_on" in errors


@pytest.mark.parametrize("value", HOSTILE)
def test_a_hostile_unit_in_step_1_is_a_form_error(client, coordinator, activity, value):
    client.force_login(coordinator)
    data = page_data(client.get(step_url(activity, "analysis")))
    data["units"] = [value]
    response = client.post(step_url(activity, "analysis"), data)
    assert response.status_code == 200
    assert "units" in response.context["form"].errors


@pytest.mark.parametrize("value", HOSTILE)
def test_adding_a_hostile_requirement_id_to_a_lot_is_a_form_error(
    client, procurer, buyer_org, small_network, value
):
    procurement = make_ready_procurement(buyer_org, procurer, small_network)
    lot = procurement.lots.get()
    client.force_login(procurer)
    url = reverse("procurement:lot_requirements", args=[procurement.pk, lot.pk])
    response = client.post(url, {"requirement": value})
    assert response.status_code == 200
    assert "requirement" in response.context["add_form"].errors


@pytest.mark.parametrize("value", [*HOSTILE, "2026-01-01garbage"])
def test_an_rfi_with_a_hostile_procurement_or_date_is_a_form_error(
    client, procurer, buyer_org, value
):
    draft = make_tender(buyer_org, "Bröd 2027", status=Status.DRAFT)
    client.force_login(procurer)
    data = {"procurement": value, "title": "Lager", "questions": "Hur?", "answer_deadline": value}
    response = client.post(reverse("dialogue:rfi_create"), data)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "procurement" in errors and "answer_deadline" in errors
    assert not draft.requests_for_information.exists()
