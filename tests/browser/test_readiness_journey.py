"""Browser journeys: a coordinator walks the four readiness steps; a decision maker reads gaps."""

import datetime
import io

import pytest
from django.utils import timezone
from docx import Document
from playwright.sync_api import Page, expect

from beredd.readiness.models import CriticalActivity, StepStatus
from beredd.readiness.services import activity_create
from tests.browser.conftest import assert_accessible, assert_fits_phone, log_in

pytestmark = pytest.mark.django_db(transaction=True)


def save_and_continue(page: Page) -> None:
    page.get_by_role("button", name="Spara och fortsätt till nästa steg").click()


@pytest.mark.usefixtures("small_network")
def test_a_coordinator_walks_the_four_steps_from_a_new_activity_to_its_brief(
    page: Page, coordinator
):
    log_in(page, coordinator.username)
    page.goto("/readiness/")
    assert_accessible(page)
    page.get_by_role("link", name="Ny samhällsviktig verksamhet").click()
    page.get_by_label("Namn").fill("Måltider inom äldreomsorgen")
    page.get_by_label("Ekby sjukhus avd 3 (U1)").check()
    assert_accessible(page)
    page.get_by_role("button", name="Skapa och börja analysen").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("Steg 1 av 4")
    assert_accessible(page)
    page.get_by_label("Ekby skola (U2)").check()
    page.locator("#id_dependencies-0-kind").select_option("power")
    page.locator("#id_dependencies-0-description").fill("Köket saknar reservkraft")
    page.locator("#id_dependencies-0-severity").select_option("high")
    page.locator("#id_consequences-0-horizon_hours").select_option("72")
    page.locator("#id_consequences-0-description").fill("Förrådet tar slut")
    page.locator("#id_responsibles-0-role").fill("Kostchef")
    page.locator("#id_responsibles-0-name").fill("Maria Persson")
    page.get_by_label("Status för analysen").select_option("done")
    save_and_continue(page)

    expect(page.get_by_role("heading", level=1)).to_contain_text("Steg 2 av 4")
    assert_accessible(page)
    page.locator("#id_path").select_option("procurement")
    page.get_by_label("Motivering").fill("Fler leverantörer ger bättre beredskap")
    page.get_by_label("Beslutat av (organ eller roll)").fill("Vård- och omsorgsnämnden")
    page.get_by_label("Beslutsdatum").fill("2026-03-12")
    page.get_by_label("Status för beslut om vägval").select_option("done")
    save_and_continue(page)

    expect(page.get_by_role("heading", level=1)).to_contain_text("Steg 3 av 4")
    assert_accessible(page)
    overdue = (timezone.localdate() - datetime.timedelta(days=5)).isoformat()
    page.locator("#id_checklist-0-owner").select_option(str(coordinator.pk))
    page.locator("#id_checklist-0-due_date").fill(overdue)
    page.locator("#id_checklist-1-done").check()
    rows = page.locator("#checklist tbody tr")
    expect(rows).to_have_count(7)
    page.get_by_role("button", name="Lägg till en rad i checklista").click()
    expect(rows).to_have_count(8)
    page.locator("#id_checklist-7-title").fill("Öva krismenyn med köken")
    expect(page.locator("#id_checklist-0-due_date")).to_have_value(overdue)
    save_and_continue(page)

    expect(page.get_by_role("heading", level=1)).to_contain_text("Steg 4 av 4")
    assert_accessible(page)
    page.locator("#id_communications-0-what").fill("Beslut om upphandling")
    page.locator("#id_communications-0-audience").fill("Enhetschefer")
    page.locator("#id_communications-0-communicated_on").fill("2026-04-01")
    page.get_by_role("button", name="Spara och avsluta").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Måltider inom äldreomsorgen")
    assert_accessible(page)
    steps = page.locator("ol.steps")
    expect(steps).to_contain_text("Klart")
    expect(steps).to_contain_text("Pågår")
    expect(page.locator("[data-gap=overdue]")).to_be_visible()
    expect(page.locator("#changes ~ div table")).to_contain_text("Beslutat av (organ eller roll)")
    activity = CriticalActivity.objects.get()
    assert activity.analysis_status == StepStatus.DONE
    assert activity.units.count() == 2
    assert activity.communications.count() == 1
    assert activity.checklist.filter(title="Öva krismenyn med köken").exists()

    page.get_by_role("link", name="Underlag för beslutsfattare").click()
    assert_accessible(page)
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Ladda ner som Word (.docx)").click()
    document = Document(io.BytesIO(download_info.value.path().read_bytes()))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Upphandling (LOU)" in text and "FÖRSENAD" in text


def test_a_step_with_errors_says_so_and_keeps_the_input(page: Page, coordinator, buyer_org):
    activity = activity_create(organisation=buyer_org, user=coordinator, name="Skolmåltider")
    log_in(page, coordinator.username)
    page.goto(f"/readiness/{activity.pk}/step/decision/")
    page.get_by_label("Motivering").fill("Utkast")
    page.get_by_label("Status för beslut om vägval").select_option("done")
    page.get_by_role("button", name="Spara", exact=True).click()
    expect(page.get_by_role("alert").first).to_contain_text("inget sparades")
    expect(page.get_by_label("Motivering")).to_have_value("Utkast")
    assert_accessible(page)


@pytest.fixture
def three_activities(buyer_org, coordinator, small_network):
    done = activity_create(organisation=buyer_org, user=coordinator, name="Måltider på sjukhus")
    done.units.set(small_network["units"][:1])
    for field in ("analysis_status", "decision_status", "preparation_status"):
        setattr(done, field, StepStatus.DONE)
    done.communication_status = StepStatus.DONE
    done.path = "procurement"
    done.save()
    late = activity_create(organisation=buyer_org, user=coordinator, name="Skolmåltider")
    late.analysis_status = late.decision_status = StepStatus.DONE
    late.path = "own_production"
    late.save()
    item = late.checklist.first()
    item.due_date = timezone.localdate() - datetime.timedelta(days=2)
    item.save()
    activity_create(organisation=buyer_org, user=coordinator, name="Måltider inom äldreomsorgen")


@pytest.mark.usefixtures("three_activities")
def test_a_decision_maker_sees_the_gaps_in_the_overview_on_a_phone(
    phone_page: Page, decision_maker
):
    page = phone_page
    log_in(page, decision_maker.username)
    page.goto("/readiness/overview/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Översikt för beslutsfattare")
    assert_accessible(page)
    assert_fits_phone(page)
    expect(page.locator("tr.gap")).to_have_count(2)
    expect(page.locator("tr.gap", has_text="Skolmåltider")).to_contain_text(
        "1 försenad punkt i checklistan"
    )
    expect(page.locator("tr.gap", has_text="äldreomsorgen")).to_contain_text("Ingen analys")
    expect(page.locator(".cards")).to_contain_text("2 med brister")
    page.get_by_role("link", name="Måltider på sjukhus", exact=True).click()
    assert_accessible(page)
    assert_fits_phone(page)
    expect(page.get_by_role("link", name="Arbeta med steg 1")).to_have_count(0)
    expect(page.get_by_role("link", name="Arbeta med steg 2")).to_have_count(1)
    page.goto("/readiness/")
    assert_fits_phone(page)
    assert_accessible(page)


def test_the_step_pages_fit_a_phone(phone_page: Page, coordinator, buyer_org, small_network):
    activity = activity_create(
        organisation=buyer_org, user=coordinator, name="Skolmåltider", units=small_network["units"]
    )
    log_in(phone_page, coordinator.username)
    for step in ("analysis", "decision", "preparation", "communication"):
        phone_page.goto(f"/readiness/{activity.pk}/step/{step}/")
        assert_fits_phone(phone_page)
    phone_page.goto(f"/readiness/{activity.pk}/brief/")
    assert_fits_phone(phone_page)
    phone_page.goto("/readiness/new/")
    assert_fits_phone(phone_page)
    assert_accessible(phone_page)
