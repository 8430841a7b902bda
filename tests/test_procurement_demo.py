"""The demo region shows the whole flow: a published procurement with two lots and a draft."""

import pytest
from django.urls import reverse
from django.utils import timezone

from beredd.accounts import demo as accounts_demo
from beredd.network import demo as network_demo
from beredd.procurement import demo
from beredd.procurement.models import Procurement
from beredd.procurement.selectors import publication_problems
from beredd.readiness import demo as readiness_demo
from beredd.requirements import demo as requirements_demo

pytestmark = pytest.mark.django_db


@pytest.fixture
def region() -> dict:
    context: dict = {"organisations": {}, "users": {}, "logins": []}
    # The requirements step loads the starter library: transactional tests elsewhere may have
    # emptied what the data migration put there.
    for module in (accounts_demo, network_demo, readiness_demo, requirements_demo, demo):
        module.load(context)
    return context


def test_malmhaga_has_a_published_procurement_open_for_bids(region):
    procurement = Procurement.objects.get(organisation__slug="malmhaga")
    assert procurement.title.startswith("Livsmedel till vård och omsorg")
    assert procurement.status == "published"
    assert procurement.activity is not None
    assert procurement.publication_date < timezone.localdate()
    assert procurement.tender_deadline > timezone.now()
    assert publication_problems(procurement=procurement) == []
    lots = list(procurement.lots.all())
    assert [lot.number for lot in lots] == [1, 2]
    assert lots[1].reserved_for_sme
    for lot in lots:
        areas = {use.requirement.area for use in lot.lot_requirements.all()}
        assert "resilience" in areas
        assert lot.lot_requirements.filter(requirement__organisation__isnull=True).exists()


def test_sjobo_strand_has_a_procurement_in_preparation(region):
    procurement = Procurement.objects.get(organisation__slug="sjobo-strand")
    assert procurement.status == "draft"


def test_the_demo_tender_documents_are_public(client, region):
    procurement = Procurement.objects.get(organisation__slug="malmhaga")
    response = client.get(reverse("procurement:document_html", args=[procurement.pk]))
    assert response.status_code == 200
    assert "Bröd och mejeri, kust och landsbygd" in response.content.decode()
    draft = Procurement.objects.get(organisation__slug="sjobo-strand")
    assert client.get(reverse("procurement:document_html", args=[draft.pk])).status_code == 404
