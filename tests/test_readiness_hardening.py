"""A hostile or clumsy user against the readiness steps: other organisations' ids in form
fields, deactivated members, dates out of order, and an overview that stays fast."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from beredd.network.models import MealUnit
from beredd.readiness.models import ChecklistItem, ResponsibleRole
from beredd.readiness.services import activity_create
from tests.test_readiness_steps import page_data, step_url


@pytest.fixture
def activity(buyer_org, coordinator, small_network):
    return activity_create(
        organisation=buyer_org, user=coordinator, name="Måltider inom äldreomsorgen"
    )


@pytest.fixture
def other_unit(other_org) -> MealUnit:
    return MealUnit.objects.create(
        organisation=other_org,
        code="U1",
        name="Ådala skola",
        unit_type="school",
        area="väst",
        portions_per_day=10,
    )


def test_step_1_cannot_take_a_unit_of_another_organisation(
    client, needs_owner, activity, other_unit
):
    client.force_login(needs_owner)
    data = page_data(client.get(step_url(activity, "analysis")))
    data["units"] = [str(other_unit.pk)]
    response = client.post(step_url(activity, "analysis"), data)
    assert response.status_code == 200 and "units" in response.context["form"].errors
    assert not activity.units.filter(pk=other_unit.pk).exists()


def test_a_checklist_owner_or_responsible_cannot_be_another_organisations_member(
    client, coordinator, needs_owner, activity, outsider
):
    client.force_login(coordinator)
    data = page_data(client.get(step_url(activity, "preparation")))
    data["checklist-0-owner"] = str(outsider.pk)
    response = client.post(step_url(activity, "preparation"), data)
    assert response.status_code == 200
    assert not ChecklistItem.objects.filter(owner=outsider).exists()
    data = page_data(client.get(step_url(activity, "analysis")))
    data.update({"responsibles-0-role": "Kostchef", "responsibles-0-user": str(outsider.pk)})
    client.post(step_url(activity, "analysis"), data)
    assert not ResponsibleRole.objects.filter(user=outsider).exists()


def test_a_decision_maker_cannot_edit_step_1_or_3(client, decision_maker, activity):
    client.force_login(decision_maker)
    for step in ("analysis", "preparation", "communication"):
        assert client.post(step_url(activity, step), {"name": "Kapad"}).status_code == 403
    activity.refresh_from_db()
    assert activity.name == "Måltider inom äldreomsorgen"


def test_a_deactivated_owner_stays_on_their_items_until_someone_changes_them(
    client, coordinator, needs_owner, activity
):
    item = activity.checklist.first()
    item.owner = needs_owner
    item.save()
    needs_owner.is_active = False
    needs_owner.save()
    client.force_login(coordinator)
    page = client.get(step_url(activity, "preparation"))
    assert f'<option value="{needs_owner.pk}" selected>' in page.content.decode()
    data = page_data(page)
    data["checklist-1-due_date"] = "2027-03-01"
    response = client.post(step_url(activity, "preparation"), data)
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.owner == needs_owner, "saving another row must not drop the owner"
    other_row = activity.checklist.all()[1]
    data = page_data(client.get(step_url(activity, "preparation")))
    data["checklist-1-owner"] = str(needs_owner.pk)
    client.post(step_url(activity, "preparation"), data)
    other_row.refresh_from_db()
    assert other_row.owner is None, "a deactivated member is not offered for new tasks"


def test_a_deactivated_decider_stays_on_the_decision(client, coordinator, decision_maker, activity):
    activity.decided_by = decision_maker
    activity.save()
    decision_maker.is_active = False
    decision_maker.save()
    client.force_login(coordinator)
    data = page_data(client.get(step_url(activity, "decision")))
    data["path_rationale"] = "Ny motivering"
    assert client.post(step_url(activity, "decision"), data).status_code == 302
    activity.refresh_from_db()
    assert activity.decided_by == decision_maker and activity.path_rationale == "Ny motivering"


def test_a_due_date_already_past_is_accepted_and_shown_as_overdue(client, coordinator, activity):
    client.force_login(coordinator)
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    data = page_data(client.get(step_url(activity, "preparation")))
    data.update(
        {"checklist-5-title": "Sent påkommen uppgift", "checklist-5-due_date": str(yesterday)}
    )
    assert client.post(step_url(activity, "preparation"), data).status_code == 302
    overview = client.get(reverse("readiness:overview"))
    assert "1 försenad" in overview.content.decode()


def test_a_done_date_in_the_future_is_refused_on_its_row(client, coordinator, activity):
    client.force_login(coordinator)
    data = page_data(client.get(step_url(activity, "preparation")))
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    data.update({"checklist-0-done": "on", "checklist-0-done_on": str(tomorrow)})
    response = client.post(step_url(activity, "preparation"), data)
    assert response.status_code == 200
    assert not activity.checklist.filter(done=True).exists()


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("name", ["readiness:overview", "readiness:activity_list"])
def test_the_overview_needs_no_more_queries_for_more_activities(
    client, coordinator, buyer_org, small_network, name
):
    client.force_login(coordinator)
    activity_create(
        organisation=buyer_org, user=coordinator, name="A", units=small_network["units"]
    )
    few = _queries(client, reverse(name))
    for number in range(6):
        activity_create(
            organisation=buyer_org,
            user=coordinator,
            name=f"B{number}",
            units=small_network["units"],
        )
    assert _queries(client, reverse(name)) == few


def test_the_word_overview_needs_no_more_queries_for_more_activities(
    client, coordinator, needs_owner, buyer_org, small_network
):
    def filled(name: str):
        activity = activity_create(
            organisation=buyer_org, user=coordinator, name=name, units=small_network["units"]
        )
        activity.decided_by = coordinator
        activity.save()
        activity.checklist.update(owner=needs_owner)
        activity.responsibles.create(user=needs_owner, role="Kostchef")
        activity.dependencies.create(kind="power", description="El till köket")
        activity.consequences.create(horizon_hours=24, description="Kall mat")
        activity.communications.create(
            what="Beslut", audience="Chefer", communicated_on=timezone.localdate()
        )

    client.force_login(coordinator)
    filled("A")
    few = _queries(client, reverse("readiness:overview_docx"))
    for number in range(5):
        filled(f"B{number}")
    assert _queries(client, reverse("readiness:overview_docx")) == few


@pytest.mark.parametrize("total", ["abc", "-5", "99999999999999999999"])
def test_a_tampered_row_count_with_add_a_row_is_an_error_not_a_crash(
    client, coordinator, activity, total
):
    client.force_login(coordinator)
    data = page_data(client.get(step_url(activity, "preparation")))
    data.update({"add_row": "checklist", "checklist-TOTAL_FORMS": total})
    response = client.post(step_url(activity, "preparation"), data)
    assert response.status_code in (200, 400)
    assert activity.checklist.count() == 5


def test_a_communication_dated_in_the_future_is_refused_on_its_row(client, coordinator, activity):
    client.force_login(coordinator)
    data = page_data(client.get(step_url(activity, "communication")))
    next_week = timezone.localdate() + datetime.timedelta(days=7)
    data.update(
        {
            "communications-0-what": "Beslut",
            "communications-0-audience": "Chefer",
            "communications-0-communicated_on": str(next_week),
        }
    )
    response = client.post(step_url(activity, "communication"), data)
    assert response.status_code == 200
    assert "communicated_on" in response.context["formsets"][0][1].forms[0].errors
    assert not activity.communications.exists()
