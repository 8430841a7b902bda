"""The decision-maker overview: units, portions, minimum levels, step statuses and gaps."""

import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from docx import Document

from beredd.network.models import MealUnit
from beredd.readiness.models import ChecklistItem, Path, StepStatus
from beredd.readiness.selectors import activities_to_outsource, overview
from beredd.readiness.services import activity_create


@pytest.fixture
def activities(buyer_org, coordinator, small_network):
    """One activity complete, one decided with an overdue item, one not analysed."""
    hospital, school = small_network["units"]
    school.min_service_level = 0.8
    school.save()
    done = activity_create(
        organisation=buyer_org, user=coordinator, name="Måltider på sjukhus", units=[hospital]
    )
    done.analysis_status = done.decision_status = StepStatus.DONE
    done.preparation_status = done.communication_status = StepStatus.DONE
    done.path = Path.PROCUREMENT
    done.save()
    done.checklist.update(done=True, done_on=datetime.date(2026, 1, 1))
    overdue = activity_create(
        organisation=buyer_org, user=coordinator, name="Skolmåltider", units=[hospital, school]
    )
    overdue.analysis_status = overdue.decision_status = StepStatus.DONE
    overdue.path = Path.OWN_PRODUCTION
    overdue.save()
    item = overdue.checklist.first()
    item.due_date = timezone.localdate() - datetime.timedelta(days=3)
    item.save()
    lonely = MealUnit.objects.create(
        organisation=buyer_org,
        code="U3",
        name="Ekby äldreboende",
        unit_type="elderly_care",
        area="south",
        portions_per_day=30,
    )
    empty = activity_create(
        organisation=buyer_org, user=coordinator, name="Måltider inom äldreomsorgen", units=[lonely]
    )
    return {"done": done, "overdue": overdue, "empty": empty}


def gap_codes(rows, activity) -> set[str]:
    row = next(row for row in rows if row.activity == activity)
    return {gap.code for gap in row.gaps}


def test_the_overview_finds_each_kind_of_gap(buyer_org, activities):
    result = overview(buyer_org, timezone.localdate())
    rows = result["rows"]
    assert gap_codes(rows, activities["done"]) == set()
    assert gap_codes(rows, activities["overdue"]) == {"overdue"}
    assert gap_codes(rows, activities["empty"]) == {"no_analysis", "no_decision", "no_supplier"}
    assert result["counts"] == {
        "activities": 3,
        "with_gaps": 2,
        "no_analysis": 1,
        "no_decision": 1,
        "overdue_items": 1,
        "units_without_supplier": 1,
    }


def test_an_item_due_today_or_done_is_not_overdue(buyer_org, activities):
    item = activities["overdue"].checklist.first()
    item.due_date = timezone.localdate()
    item.save()
    rows = overview(buyer_org, timezone.localdate())["rows"]
    assert "overdue" not in gap_codes(rows, activities["overdue"])
    ChecklistItem.objects.filter(pk=item.pk).update(
        due_date=datetime.date(2020, 1, 1), done=True, done_on=datetime.date(2020, 1, 1)
    )
    rows = overview(buyer_org, timezone.localdate())["rows"]
    assert "overdue" not in gap_codes(rows, activities["overdue"])


def test_a_decision_status_without_a_path_is_still_a_gap(buyer_org, activities):
    activities["done"].path = ""
    activities["done"].save()
    rows = overview(buyer_org, timezone.localdate())["rows"]
    assert gap_codes(rows, activities["done"]) == {"no_decision"}


def test_the_overview_sums_portions_and_shows_the_range_of_minimum_levels(buyer_org, activities):
    rows = overview(buyer_org, timezone.localdate())["rows"]
    row = next(row for row in rows if row.activity == activities["overdue"])
    assert row.units_count == 2
    assert row.portions_per_day == 100
    assert (row.min_level_low, row.min_level_high) == (0.8, 1.0)
    assert row.full_level_units == 1


def test_the_overview_page_marks_rows_with_gaps_in_text_and_style(
    client, decision_maker, activities
):
    client.force_login(decision_maker)
    content = client.get(reverse("readiness:overview"), HTTP_ACCEPT_LANGUAGE="sv").content.decode()
    assert content.count('<tr class="gap">') == 2
    assert "försenade punkter i checklistan" in content
    assert 'data-gap="no_analysis"' in content
    assert 'data-gap="no_supplier"' in content
    assert "Måltider på sjukhus" in content


def test_the_overview_of_an_organisation_without_activities_says_so(client, decision_maker):
    client.force_login(decision_maker)
    response = client.get(reverse("readiness:overview"))
    assert response.status_code == 200
    assert response.context["counts"]["activities"] == 0


def test_the_overview_downloads_as_word_with_a_row_and_a_brief_per_activity(
    client, decision_maker, activities
):
    client.force_login(decision_maker)
    response = client.get(reverse("readiness:overview_docx"))
    assert response.status_code == 200
    document = Document(io.BytesIO(response.content))
    table = document.tables[0]
    rows = {row.cells[0].text: row.cells[-1].text for row in table.rows[1:]}
    assert rows["Måltider på sjukhus"] == "Inga brister."
    assert "Ingen analys" in rows["Måltider inom äldreomsorgen"]
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings == ["Måltider inom äldreomsorgen", "Måltider på sjukhus", "Skolmåltider"]


def test_activities_decided_for_procurement_are_offered_to_procurement(buyer_org, activities):
    assert list(activities_to_outsource(buyer_org)) == [activities["done"]]


# Many activities


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
