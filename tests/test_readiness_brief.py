"""The brief for decision makers: a page, a Word file and a PDF that say the same."""

import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from docx import Document

from beredd.readiness.models import Path, StepStatus
from beredd.readiness.services import activity_create
from tests.conftest import text_in_pdf


@pytest.fixture
def activity(buyer_org, coordinator, small_network):
    activity = activity_create(
        organisation=buyer_org,
        user=coordinator,
        name="Måltider inom äldreomsorgen",
        units=small_network["units"],
    )
    activity.decision_status = StepStatus.DONE
    activity.path = Path.PROCUREMENT
    activity.path_rationale = "Eget kök saknar reservkraft"
    activity.decided_by_name = "Vård- och omsorgsnämnden"
    activity.decided_on = datetime.date(2026, 3, 12)
    activity.save()
    item = activity.checklist.first()
    item.title = "Revidera styrdokument för livsmedelsberedskap"
    item.due_date = timezone.localdate() - datetime.timedelta(days=10)
    item.owner = coordinator
    item.save()
    return activity


def test_the_docx_opens_and_names_the_activity_the_decision_and_the_overdue_items(
    client, decision_maker, activity
):
    client.force_login(decision_maker)
    response = client.get(reverse("readiness:brief_docx", args=[activity.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('.docx"')
    document = Document(io.BytesIO(response.content))
    text = "\n".join(paragraph.text for paragraph in document.paragraphs)
    assert "Måltider inom äldreomsorgen" in text
    assert "Upphandling (LOU)" in text
    assert "Vård- och omsorgsnämnden" in text
    overdue_line = next(line for line in text.splitlines() if "Revidera styrdokument" in line)
    assert "FÖRSENAD" in overdue_line


def test_the_pdf_is_a_pdf_with_swedish_letters(client, decision_maker, activity):
    client.force_login(decision_maker)
    response = client.get(reverse("readiness:brief_pdf", args=[activity.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = text_in_pdf(response.content)
    assert "Måltider inom äldreomsorgen" in text
    assert "Upphandling (LOU)" in text
    assert "Vård- och omsorgsnämnden" in text
    assert "Revidera styrdokument för livsmedelsberedskap" in text


def test_the_pdf_survives_characters_outside_latin_1(client, decision_maker, activity):
    activity.path_rationale = "Kök → krismeny — “citat” 🍲"
    activity.save()
    client.force_login(decision_maker)
    response = client.get(reverse("readiness:brief_pdf", args=[activity.pk]))
    assert response.status_code == 200
    assert 'Kök -> krismeny - "citat" ?' in text_in_pdf(response.content)


def test_the_brief_page_shows_the_steps_the_gaps_and_the_download_links(client, procurer, activity):
    client.force_login(procurer)
    response = client.get(reverse("readiness:brief", args=[activity.pk]))
    content = response.content.decode()
    assert "Vård- och omsorgsnämnden" in content
    assert "Revidera styrdokument för livsmedelsberedskap" in content
    assert reverse("readiness:brief_docx", args=[activity.pk]) in content
    assert reverse("readiness:brief_pdf", args=[activity.pk]) in content
    assert 'data-gap="overdue"' in content
