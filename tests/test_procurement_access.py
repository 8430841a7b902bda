"""Who may reach the procurement pages: buyers of the organisation read, officers change;
suppliers get 403, other organisations 404 and anonymous users the login page."""

import pytest
from django.urls import reverse

from beredd.procurement.models import Lot, LotRequirement, Procurement
from tests.conftest import PASSWORD
from tests.test_procurement_support import make_ready_procurement

pytestmark = pytest.mark.django_db


@pytest.fixture
def procurement(buyer_org, procurer, small_network) -> Procurement:
    return make_ready_procurement(buyer_org, procurer, small_network)


def page_urls(procurement: Procurement) -> list[str]:
    lot = Lot.objects.get(procurement=procurement)
    use = LotRequirement.objects.get(lot=lot)
    pk = procurement.pk
    return [
        reverse("procurement:detail", args=[pk]),
        reverse("procurement:general", args=[pk]),
        reverse("procurement:lot_list", args=[pk]),
        reverse("procurement:lot_create", args=[pk]),
        reverse("procurement:lot_edit", args=[pk, lot.pk]),
        reverse("procurement:lot_delete", args=[pk, lot.pk]),
        reverse("procurement:lot_requirements", args=[pk, lot.pk]),
        reverse("procurement:lot_requirement_remove", args=[pk, lot.pk, use.pk]),
        reverse("procurement:evaluation", args=[pk]),
        reverse("procurement:scenarios", args=[pk]),
        reverse("procurement:timeline", args=[pk]),
        reverse("procurement:publish", args=[pk]),
    ]


def document_urls(procurement: Procurement) -> list[str]:
    return [
        reverse(name, args=[procurement.pk])
        for name in (
            "procurement:document_html",
            "procurement:document_docx",
            "procurement:document_pdf",
        )
    ]


def test_an_outsider_gets_404_on_every_page_and_changes_nothing(client, outsider, procurement):
    client.login(username=outsider.username, password=PASSWORD)
    for url in page_urls(procurement) + document_urls(procurement):
        post_only = url.endswith(("delete/", "remove/", "publish/"))
        assert client.get(url).status_code == (405 if post_only else 404), url
        assert client.post(url, {"title": "x", "number": "9"}).status_code == 404, url
    procurement.refresh_from_db()
    assert procurement.status == "draft"
    assert Lot.objects.filter(procurement=procurement).count() == 1


def test_an_outsider_sees_only_their_own_procurements(client, outsider, procurement):
    client.login(username=outsider.username, password=PASSWORD)
    response = client.get(reverse("procurement:list"))
    assert response.status_code == 200
    assert procurement.title not in response.content.decode()


def test_a_supplier_gets_403_on_the_buyer_pages(client, bid_manager, procurement):
    client.login(username=bid_manager.username, password=PASSWORD)
    urls = [reverse("procurement:list"), reverse("procurement:create"), *page_urls(procurement)]
    for url in urls:
        assert client.get(url).status_code == 403, url


def test_anonymous_users_are_sent_to_the_login_page(client, procurement):
    urls = [reverse("procurement:list"), reverse("procurement:create"), *page_urls(procurement)]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response.url.startswith(reverse("login")), url


def test_anonymous_users_get_404_for_a_drafts_documents(client, procurement):
    for url in document_urls(procurement):
        assert client.get(url).status_code == 404, url


def test_anyone_reads_the_documents_of_a_published_procurement(client, bid_manager, procurement):
    procurement.status = "published"
    procurement.save()
    for url in document_urls(procurement):
        assert client.get(url).status_code == 200, url
    client.login(username=bid_manager.username, password=PASSWORD)
    assert client.get(document_urls(procurement)[0]).status_code == 200


@pytest.mark.parametrize("role_fixture", ["decision_maker", "needs_owner", "coordinator"])
def test_every_buyer_role_reads_every_page(client, request, role_fixture, procurement):
    user = request.getfixturevalue(role_fixture)
    client.login(username=user.username, password=PASSWORD)
    readable = [url for url in page_urls(procurement) if not url.endswith(("delete/", "remove/"))]
    readable = [url for url in readable if not url.endswith(("/new/", "publish/"))]
    readable = [url for url in readable if "/lots/" not in url or "requirements" in url]
    for url in readable + document_urls(procurement):
        assert client.get(url).status_code == 200, url


def test_a_needs_owner_cannot_change_the_procurement(client, needs_owner, procurement):
    client.login(username=needs_owner.username, password=PASSWORD)
    pk = procurement.pk
    for name in ("general", "timeline", "evaluation", "scenarios", "publish", "lot_create"):
        url = reverse(f"procurement:{name}", args=[pk])
        assert client.post(url, {"title": "Ändrad"}).status_code == 403, url
    procurement.refresh_from_db()
    assert procurement.title == "Livsmedel till vård och omsorg"


def test_a_coordinator_may_change_scenarios_but_not_the_timeline(client, coordinator, procurement):
    client.login(username=coordinator.username, password=PASSWORD)
    pk = procurement.pk
    scenarios = client.post(reverse("procurement:scenarios", args=[pk]), {"scenario_ids": []})
    assert scenarios.status_code == 302
    timeline = client.post(reverse("procurement:timeline", args=[pk]), {})
    assert timeline.status_code == 403
