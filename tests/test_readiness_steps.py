"""Walking the four readiness steps: forms, rows, statuses, validation and the change history."""

import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from docx import Document

from beredd.network.models import MealUnit
from beredd.readiness.models import (
    ChecklistItem,
    CriticalActivity,
    Path,
    ResponsibleRole,
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


# Other organisations' ids in form fields


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


# Outsiders, visitors and roles


def object_urls(activity) -> list[str]:
    pk = activity.pk
    return [
        reverse("readiness:activity_detail", args=[pk]),
        reverse("readiness:brief", args=[pk]),
        reverse("readiness:brief_docx", args=[pk]),
        reverse("readiness:brief_pdf", args=[pk]),
    ] + [
        reverse("readiness:step", args=[pk, step])
        for step in ("analysis", "decision", "preparation", "communication")
    ]


LIST_URLS = [
    "readiness:activity_list",
    "readiness:overview",
    "readiness:overview_docx",
    "readiness:activity_create",
]


def test_an_outsider_gets_404_for_every_page_of_another_organisations_activity(
    client, outsider, activity
):
    client.force_login(outsider)
    for url in object_urls(activity):
        assert client.get(url).status_code == 404, url
        assert client.post(url, {"name": "Hacked"}).status_code in (404, 405), url
    activity.refresh_from_db()
    assert activity.name == "Måltider inom äldreomsorgen"


def test_an_outsider_sees_none_of_the_activities_in_lists(client, outsider, activity):
    client.force_login(outsider)
    for name in ("readiness:activity_list", "readiness:overview"):
        response = client.get(reverse(name))
        assert response.status_code == 200
        assert "Måltider inom äldreomsorgen" not in response.content.decode()
    document = Document(io.BytesIO(client.get(reverse("readiness:overview_docx")).content))
    assert "Måltider inom äldreomsorgen" not in "\n".join(p.text for p in document.paragraphs)


def test_an_anonymous_visitor_is_sent_to_the_login_page(client, activity):
    for url in object_urls(activity) + [reverse(name) for name in LIST_URLS]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert "/accounts/login/" in response["Location"]


def test_a_suppliers_person_is_refused(client, bid_manager, activity):
    client.force_login(bid_manager)
    for url in object_urls(activity) + [reverse(name) for name in LIST_URLS]:
        assert client.get(url).status_code == 403, url


def test_every_buyer_role_can_view_the_activity_the_overview_and_the_brief(
    client, decision_maker, coordinator, needs_owner, procurer, activity
):
    for user in (decision_maker, coordinator, needs_owner, procurer):
        client.force_login(user)
        for url in [
            reverse("readiness:activity_list"),
            reverse("readiness:overview"),
            reverse("readiness:activity_detail", args=[activity.pk]),
            reverse("readiness:brief", args=[activity.pk]),
            reverse("readiness:brief_docx", args=[activity.pk]),
        ]:
            assert client.get(url).status_code == 200, (user.username, url)


@pytest.mark.parametrize(
    ("role_fixture", "allowed"),
    [
        ("coordinator", {"analysis", "decision", "preparation", "communication"}),
        ("needs_owner", {"analysis"}),
        ("decision_maker", {"decision"}),
        ("procurer", set()),
    ],
)
def test_each_step_is_edited_only_by_its_roles(request, client, activity, role_fixture, allowed):
    client.force_login(request.getfixturevalue(role_fixture))
    for step in ("analysis", "decision", "preparation", "communication"):
        status = client.get(reverse("readiness:step", args=[activity.pk, step])).status_code
        assert status == (200 if step in allowed else 403), step


def test_only_coordinators_and_needs_owners_create_activities(
    client, decision_maker, procurer, needs_owner
):
    for user, status in ((decision_maker, 403), (procurer, 403), (needs_owner, 200)):
        client.force_login(user)
        assert client.get(reverse("readiness:activity_create")).status_code == status


def test_an_unknown_step_is_not_found(client, coordinator, activity):
    client.force_login(coordinator)
    assert client.get(reverse("readiness:step", args=[activity.pk, "nonsense"])).status_code == 404


def test_a_decision_maker_cannot_edit_step_1_or_3(client, decision_maker, activity):
    client.force_login(decision_maker)
    for step in ("analysis", "preparation", "communication"):
        assert client.post(step_url(activity, step), {"name": "Kapad"}).status_code == 403
    activity.refresh_from_db()
    assert activity.name == "Måltider inom äldreomsorgen"


# Deactivated members


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


# Bad input


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
