"""Publishing a procurement: deadlines, and a published procurement cannot be changed."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.conftest import PASSWORD, general_data_of, publish
from tests.procurement_data import make_requirement

pytestmark = pytest.mark.django_db


# --- other organisations' ids in forms ---------------------------------------------------


# --- published procurements cannot be changed by direct POSTs ---------------------------


def test_every_edit_url_refuses_a_published_procurement(
    logged_in, ready_procurement, small_network
):
    publish(ready_procurement)
    lot = ready_procurement.lots.get()
    use = lot.lot_requirements.get()
    extra = make_requirement("5003")
    pk = ready_procurement.pk
    posts = [
        (
            reverse("procurement:general", args=[pk]),
            general_data_of(ready_procurement, title="Ändrad"),
        ),
        (
            reverse("procurement:lot_create", args=[pk]),
            {
                "number": "2",
                "title": "Ny",
                "basis": "area",
                "units": [small_network["units"][0].pk],
                "categories": [small_network["categories"][0].pk],
            },
        ),
        (
            reverse("procurement:lot_edit", args=[pk, lot.pk]),
            {
                "number": "1",
                "title": "Ändrad",
                "basis": "area",
                "units": [small_network["units"][0].pk],
                "categories": [small_network["categories"][0].pk],
            },
        ),
        (reverse("procurement:lot_delete", args=[pk, lot.pk]), {}),
        (reverse("procurement:lot_requirements", args=[pk, lot.pk]), {"requirement": extra.pk}),
        (reverse("procurement:lot_requirement_remove", args=[pk, lot.pk, use.pk]), {}),
        (reverse("procurement:evaluation", args=[pk]), {"evaluation_model": "price_deduction"}),
        (reverse("procurement:scenarios", args=[pk]), {"scenario_ids": []}),
        (reverse("procurement:timeline", args=[pk]), {"standstill_days": "30"}),
    ]
    for url, data in posts:
        assert logged_in.post(url, data).status_code in (200, 302), url
    ready_procurement.refresh_from_db()
    assert ready_procurement.title == "Livsmedel till vård och omsorg"
    assert ready_procurement.evaluation_model == "price_only"
    assert ready_procurement.scenario_ids == ["power-north"]
    assert ready_procurement.standstill_days == 10
    assert list(ready_procurement.lots.values_list("title", flat=True)) == ["Torrvaror"]
    assert list(lot.lot_requirements.all()) == [use]


def test_publishing_twice_keeps_the_first_publication_time(logged_in, ready_procurement):
    url = reverse("procurement:publish", args=[ready_procurement.pk])
    logged_in.post(url)
    ready_procurement.refresh_from_db()
    first = ready_procurement.published_at
    assert ready_procurement.status == "published"
    response = logged_in.post(url, follow=True)
    ready_procurement.refresh_from_db()
    assert ready_procurement.published_at == first
    assert "kan inte längre ändras" in response.content.decode()


def test_a_decision_maker_or_coordinator_cannot_publish_or_change_general_facts(
    client, decision_maker, coordinator, ready_procurement
):
    for user in (decision_maker, coordinator):
        client.login(username=user.username, password=PASSWORD)
        assert (
            client.post(reverse("procurement:publish", args=[ready_procurement.pk])).status_code
            == 403
        )
        url = reverse("procurement:general", args=[ready_procurement.pk])
        assert client.post(url, general_data_of(ready_procurement, title="X")).status_code == 403
    ready_procurement.refresh_from_db()
    assert ready_procurement.status == "draft"


def test_a_supplier_gets_403_on_the_buyer_pages(client, bid_manager, ready_procurement):
    client.login(username=bid_manager.username, password=PASSWORD)
    for name in ("procurement:detail", "procurement:general", "procurement:timeline"):
        assert client.get(reverse(name, args=[ready_procurement.pk])).status_code == 403


def test_publishing_with_a_tender_deadline_in_the_past_is_refused(logged_in, ready_procurement):
    ready_procurement.tender_deadline = timezone.now() - timedelta(hours=1)
    ready_procurement.save()
    response = logged_in.post(
        reverse("procurement:publish", args=[ready_procurement.pk]), follow=True
    )
    ready_procurement.refresh_from_db()
    assert ready_procurement.status == "draft"
    assert "har redan passerat" in response.content.decode()


# --- bad values ----------------------------------------------------------------------------


# --- documents: escaping, odd characters, nothing internal in public documents ---------


# --- query counts --------------------------------------------------------------------------


def test_a_publication_date_in_the_past_cannot_shorten_the_tender_period(
    logged_in, ready_procurement
):
    # Published today with a deadline 6 days away, but dated 30 days back: 36 days "on paper".
    today = timezone.localdate()
    ready_procurement.publication_date = today - timedelta(days=30)
    ready_procurement.questions_deadline = today + timedelta(days=2)
    ready_procurement.tender_deadline = timezone.now() + timedelta(days=6)
    ready_procurement.opening_at = ready_procurement.tender_deadline + timedelta(hours=1)
    ready_procurement.save()
    response = logged_in.post(
        reverse("procurement:publish", args=[ready_procurement.pk]), follow=True
    )
    ready_procurement.refresh_from_db()
    assert ready_procurement.status == "draft"
    assert "ligger i det förflutna; publicera från i dag eller senare." in (
        response.content.decode()
    )


def test_a_contract_that_starts_before_the_tenders_are_opened_cannot_be_published(
    logged_in, ready_procurement
):
    ready_procurement.contract_start = timezone.localdate() + timedelta(days=10)
    ready_procurement.save()
    response = logged_in.post(
        reverse("procurement:publish", args=[ready_procurement.pk]), follow=True
    )
    ready_procurement.refresh_from_db()
    assert ready_procurement.status == "draft"
    assert "Avtalsstart" in response.content.decode()
