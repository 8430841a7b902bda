"""Walking the four readiness steps: forms, rows, statuses, validation and the change history."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from beredd.readiness.models import (
    ChecklistItem,
    CriticalActivity,
    Path,
    StandardItem,
    StepStatus,
)
from beredd.readiness.services import activity_create


def page_data(response) -> dict:
    """What a browser would send back from the step page as it was rendered."""
    data: dict = {}
    forms = [response.context["form"]]
    for _title, formset in response.context.get("formsets", []):
        management = formset.management_form
        for field in management:
            data[field.html_name] = field.value()
        forms += list(formset)
    for form in forms:
        for field in form:
            value = field.value()
            if value is None or value is False:
                continue
            if value is True:
                value = "on"
            if isinstance(value, datetime.date):
                value = value.isoformat()
            data[field.html_name] = value
    return data


@pytest.fixture
def activity(buyer_org, coordinator, small_network):
    return activity_create(
        organisation=buyer_org, user=coordinator, name="Måltider inom äldreomsorgen"
    )


def step_url(activity, step: str) -> str:
    return reverse("readiness:step", args=[activity.pk, step])


def test_creating_an_activity_adds_the_standard_checklist_and_opens_step_1(
    client, coordinator, small_network
):
    client.force_login(coordinator)
    unit = small_network["units"][0]
    response = client.post(
        reverse("readiness:activity_create"), {"name": "Skolmåltider", "units": [unit.pk]}
    )
    activity = CriticalActivity.objects.get(name="Skolmåltider")
    assert response["Location"] == step_url(activity, "analysis")
    assert list(activity.units.all()) == [unit]
    assert {item.standard for item in activity.checklist.all()} == set(StandardItem.values)
    assert activity.created_by == coordinator


def test_creating_with_another_organisations_unit_is_rejected(client, coordinator, outsider):
    from beredd.network.models import MealUnit

    foreign = MealUnit.objects.create(
        organisation=outsider.organisation,
        code="X",
        name="Främmande kök",
        unit_type="school",
        area="x",
        portions_per_day=10,
    )
    client.force_login(coordinator)
    response = client.post(
        reverse("readiness:activity_create"), {"name": "Skolmåltider", "units": [foreign.pk]}
    )
    assert response.status_code == 200
    assert "units" in response.context["form"].errors
    assert not CriticalActivity.objects.exists()


def test_step_1_saves_units_dependencies_consequences_and_roles_then_continues(
    client, needs_owner, activity, small_network
):
    client.force_login(needs_owner)
    data = page_data(client.get(step_url(activity, "analysis")))
    data.update(
        {
            "units": [unit.pk for unit in small_network["units"]],
            "analysis_status": "done",
            "dependencies-0-kind": "power",
            "dependencies-0-description": "Tillagningskök utan reservkraft",
            "dependencies-0-severity": "high",
            "consequences-0-horizon_hours": "24",
            "consequences-0-description": "Brukare får kall mat",
            "responsibles-0-role": "Kostchef",
            "responsibles-0-user": str(needs_owner.pk),
            "save_next": "",
        }
    )
    response = client.post(step_url(activity, "analysis"), data)
    assert response.status_code == 302
    assert response["Location"] == step_url(activity, "decision")
    activity.refresh_from_db()
    assert activity.analysis_status == StepStatus.DONE
    assert activity.units.count() == 2
    assert activity.dependencies.get().kind == "power"
    assert activity.consequences.get().horizon_hours == 24
    assert activity.responsibles.get().user == needs_owner


def test_step_1_with_a_bad_row_saves_nothing_and_names_the_row(client, needs_owner, activity):
    client.force_login(needs_owner)
    data = page_data(client.get(step_url(activity, "analysis")))
    data.update(
        {
            "name": "Nytt namn",
            "analysis_status": "done",
            "dependencies-0-kind": "power",
            "dependencies-0-description": "",
            "responsibles-0-role": "Kostchef",
        }
    )
    response = client.post(step_url(activity, "analysis"), data, HTTP_ACCEPT_LANGUAGE="sv")
    assert response.status_code == 200
    content = response.content.decode()
    assert "Välj en medlem eller skriv ett namn för den här rollen." in content
    activity.refresh_from_db()
    assert activity.name == "Måltider inom äldreomsorgen"
    assert activity.analysis_status == StepStatus.NOT_STARTED
    assert not activity.dependencies.exists()


def test_a_decided_path_needs_path_date_and_who_and_no_future_date(
    client, decision_maker, activity
):
    client.force_login(decision_maker)
    data = page_data(client.get(step_url(activity, "decision")))
    data.update({"decision_status": "done"})
    response = client.post(step_url(activity, "decision"), data)
    errors = response.context["form"].errors
    assert {"path", "decided_on", "decided_by_name"} <= set(errors)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    data.update({"path": "procurement", "decided_by_name": "Vård- och omsorgsnämnden"})
    data["decided_on"] = tomorrow.isoformat()
    response = client.post(step_url(activity, "decision"), data)
    assert "decided_on" in response.context["form"].errors
    data["decided_on"] = "2026-03-12"
    response = client.post(step_url(activity, "decision"), data)
    assert response.status_code == 302
    activity.refresh_from_db()
    assert activity.path == Path.PROCUREMENT
    assert activity.decided_on == datetime.date(2026, 3, 12)


def test_the_decision_cannot_name_another_organisations_member(
    client, decision_maker, outsider, activity
):
    client.force_login(decision_maker)
    data = page_data(client.get(step_url(activity, "decision")))
    data.update({"decided_by": str(outsider.pk)})
    response = client.post(step_url(activity, "decision"), data)
    assert "decided_by" in response.context["form"].errors


def test_step_3_sets_owners_due_dates_and_done_dates_and_adds_a_custom_item(
    client, coordinator, activity
):
    client.force_login(coordinator)
    data = page_data(client.get(step_url(activity, "preparation")))
    data.update(
        {
            "checklist-0-owner": str(coordinator.pk),
            "checklist-0-due_date": "2026-01-31",
            "checklist-0-done": "on",
            "checklist-5-title": "Utbilda kökspersonal i krismeny",
            "checklist-5-due_date": "2027-02-01",
        }
    )
    response = client.post(step_url(activity, "preparation"), data)
    assert response.status_code == 302
    items = list(activity.checklist.all())
    assert len(items) == 6
    assert items[0].owner == coordinator
    assert items[0].done and items[0].done_on == timezone.localdate()
    assert items[5].title == "Utbilda kökspersonal i krismeny" and not items[5].standard


def test_step_3_can_remove_an_item(client, coordinator, activity):
    client.force_login(coordinator)
    data = page_data(client.get(step_url(activity, "preparation")))
    data["checklist-4-DELETE"] = "on"
    client.post(step_url(activity, "preparation"), data)
    assert ChecklistItem.objects.filter(activity=activity).count() == 4


def test_step_4_records_communications_and_save_and_finish_returns_to_the_activity(
    client, coordinator, activity
):
    client.force_login(coordinator)
    data = page_data(client.get(step_url(activity, "communication")))
    data.update(
        {
            "communication_status": "done",
            "communications-0-what": "Beslut om upphandling med beredskapskrav",
            "communications-0-audience": "Enhetschefer äldreomsorg",
            "communications-0-channel": "Ledningsmöte",
            "communications-0-communicated_on": "2026-04-02",
            "save_next": "",
        }
    )
    response = client.post(step_url(activity, "communication"), data)
    assert response["Location"] == reverse("readiness:activity_detail", args=[activity.pk])
    assert activity.communications.get().audience == "Enhetschefer äldreomsorg"


def test_the_activity_page_lists_who_changed_which_field(client, coordinator, activity):
    client.force_login(coordinator)
    data = page_data(client.get(step_url(activity, "decision")))
    data.update({"path": "own_production", "path_rationale": "Eget kök finns"})
    client.post(step_url(activity, "decision"), data)
    url = reverse("readiness:activity_detail", args=[activity.pk])
    response = client.get(url, HTTP_ACCEPT_LANGUAGE="sv")
    changes = response.context["changes"]
    change = next(c for c in changes if c.fields)
    assert change.who == coordinator.get_full_name()
    assert {"vägval", "motivering"} <= {str(f) for f in change.fields}
    content = response.content.decode()
    assert '<h2 id="changes">Ändringar</h2>' in content
    assert "Vägval" in content and "Motivering" in content
    english = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<h2 id="changes">Changes</h2>' in english
    assert "Path" in english and "Rationale" in english


def test_the_step_pages_show_the_status_as_text(client, coordinator, activity):
    client.force_login(coordinator)
    response = client.get(reverse("readiness:activity_detail", args=[activity.pk]))
    content = response.content.decode()
    assert content.count(str(StepStatus.NOT_STARTED.label)) >= 4


def test_add_a_row_gives_one_more_blank_row_keeps_the_input_and_saves_nothing(
    client, coordinator, activity
):
    client.force_login(coordinator)
    data = page_data(client.get(step_url(activity, "communication")))
    data.update({"communications-0-what": "Utkast till information", "add_row": "communications"})
    response = client.post(step_url(activity, "communication"), data)
    assert response.status_code == 200
    formset = response.context["formsets"][0][1]
    assert len(formset.forms) == 3
    assert "Utkast till information" in response.content.decode()
    assert "inget sparades" not in response.content.decode()
    assert not activity.communications.exists()


def test_a_row_id_of_another_organisations_activity_cannot_be_edited(
    client, coordinator, outsider, activity
):
    foreign = activity_create(organisation=outsider.organisation, user=outsider, name="Deras")
    foreign_item = foreign.checklist.first()
    client.force_login(coordinator)
    data = page_data(client.get(step_url(activity, "preparation")))
    data.update({"checklist-0-id": str(foreign_item.pk), "checklist-0-title": "Kapad"})
    client.post(step_url(activity, "preparation"), data)
    foreign_item.refresh_from_db()
    assert foreign_item.title != "Kapad"
    assert foreign_item.activity == foreign
    assert foreign.checklist.count() == 5
    assert not activity.checklist.filter(title="Kapad").exists()
