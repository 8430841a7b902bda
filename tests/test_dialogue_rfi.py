"""Market dialogue: the buyer asks the market before publication, suppliers answer."""

import datetime
from io import BytesIO

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from beredd.dialogue.models import RequestForInformation, RfiAnswer
from beredd.procurement.models import Status
from tests.test_publication_data import make_tender

TODAY = timezone.localdate


@pytest.fixture
def draft(buyer_org):
    return make_tender(buyer_org, "Bröd 2027", status=Status.DRAFT)


@pytest.fixture
def rfi(draft, procurer) -> RequestForInformation:
    return RequestForInformation.objects.create(
        procurement=draft,
        title="Hur stora delområden passar er?",
        questions="Hur många kök kan ni leverera till per dag?",
        answer_deadline=TODAY() + datetime.timedelta(days=14),
        created_by=procurer,
    )


def rfi_post(draft, **changes) -> dict:
    data = {
        "procurement": draft.pk,
        "title": "Lagerhållning",
        "questions": "Hur många dagars lager håller ni?",
        "answer_deadline": (TODAY() + datetime.timedelta(days=10)).isoformat(),
    }
    data.update(changes)
    return data


def test_a_procurement_officer_sends_an_rfi_on_a_draft(client, procurer, draft):
    client.force_login(procurer)
    response = client.post(reverse("dialogue:rfi_create"), rfi_post(draft))
    assert response.status_code == 302
    assert RequestForInformation.objects.get().procurement == draft


def test_an_rfi_with_a_past_answer_date_is_refused_naming_the_field(client, procurer, draft):
    client.force_login(procurer)
    yesterday = (TODAY() - datetime.timedelta(days=1)).isoformat()
    response = client.post(
        reverse("dialogue:rfi_create"), rfi_post(draft, answer_deadline=yesterday)
    )
    assert response.status_code == 200
    assert "answer_deadline" in response.context["form"].errors
    assert not RequestForInformation.objects.exists()


def test_an_rfi_is_not_possible_on_a_published_tender_or_another_buyers_draft(
    client, procurer, buyer_org, other_org
):
    published = make_tender(buyer_org, "Publicerad")
    foreign = make_tender(other_org, "Främmande utkast", status=Status.DRAFT)
    client.force_login(procurer)
    for procurement in (published, foreign):
        response = client.post(reverse("dialogue:rfi_create"), rfi_post(procurement))
        assert response.status_code == 200
        assert "procurement" in response.context["form"].errors
    assert not RequestForInformation.objects.exists()


def test_only_procurement_officers_send_rfis(client, needs_owner, bid_manager, draft):
    for user in (needs_owner, bid_manager):
        client.force_login(user)
        assert client.get(reverse("dialogue:rfi_create")).status_code == 403


def test_a_supplier_sees_open_rfis_and_answers(client, bid_manager, rfi):
    client.force_login(bid_manager)
    listing = client.get(reverse("dialogue:rfi_list")).content.decode()
    assert rfi.title in listing
    url = reverse("dialogue:rfi_detail", args=[rfi.pk])
    assert client.post(url, {"text": "Tio kök per dag."}).status_code == 302
    assert client.post(url, {"text": "Tolv kök per dag."}).status_code == 302
    answer = RfiAnswer.objects.get()
    assert answer.text == "Tolv kök per dag."
    assert answer.organisation == bid_manager.organisation


def test_after_the_answer_date_the_rfi_is_closed_to_suppliers(client, bid_manager, rfi):
    rfi.answer_deadline = TODAY() - datetime.timedelta(days=1)
    rfi.save()
    client.force_login(bid_manager)
    assert rfi.title not in client.get(reverse("dialogue:rfi_list")).content.decode()
    response = client.post(reverse("dialogue:rfi_detail", args=[rfi.pk]), {"text": "Sent"})
    assert response.status_code == 404
    assert not RfiAnswer.objects.exists()


def test_the_buyer_sees_who_answered_and_exports_xlsx(client, procurer, bid_manager, rfi):
    RfiAnswer.objects.create(
        rfi=rfi, organisation=bid_manager.organisation, answered_by=bid_manager, text="Tio kök."
    )
    client.force_login(procurer)
    html = client.get(reverse("dialogue:rfi_detail", args=[rfi.pk])).content.decode()
    assert "Gårdsbageriet AB" in html and "Tio kök." in html
    response = client.get(reverse("dialogue:rfi_export", args=[rfi.pk]))
    assert response.status_code == 200
    sheet = load_workbook(BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1][0] == "Gårdsbageriet AB"
    assert rows[1][-1] == "Tio kök."


def test_other_buyer_roles_read_the_answers_but_are_not_offered_to_send_rfis(
    client, decision_maker, rfi
):
    client.force_login(decision_maker)
    assert client.get(reverse("dialogue:rfi_detail", args=[rfi.pk])).status_code == 200
    listing = client.get(reverse("dialogue:rfi_list")).content.decode()
    assert rfi.title in listing
    assert reverse("dialogue:rfi_create") not in listing


def test_another_buyer_sees_neither_the_rfi_nor_its_answers(client, outsider, rfi):
    client.force_login(outsider)
    assert rfi.title not in client.get(reverse("dialogue:rfi_list")).content.decode()
    assert client.get(reverse("dialogue:rfi_detail", args=[rfi.pk])).status_code == 404
    assert client.get(reverse("dialogue:rfi_export", args=[rfi.pk])).status_code == 404


def test_a_supplier_sees_only_its_own_answer_and_cannot_export(client, bid_manager, rfi):
    from beredd.accounts.models import Organisation, OrganisationKind, SizeClass

    rival = Organisation.objects.create(
        name="Rival AB",
        slug="rival",
        kind=OrganisationKind.SUPPLIER,
        org_number="556074-7569",
        size_class=SizeClass.SMALL,
    )
    RfiAnswer.objects.create(rfi=rfi, organisation=rival, text="Rivalens svar")
    client.force_login(bid_manager)
    html = client.get(reverse("dialogue:rfi_detail", args=[rfi.pk])).content.decode()
    assert "Rivalens svar" not in html
    assert client.get(reverse("dialogue:rfi_export", args=[rfi.pk])).status_code == 403


def test_anonymous_visitors_are_sent_to_login_for_market_dialogue(client, rfi):
    for url in (
        reverse("dialogue:rfi_list"),
        reverse("dialogue:rfi_create"),
        reverse("dialogue:rfi_detail", args=[rfi.pk]),
        reverse("dialogue:rfi_export", args=[rfi.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"]


def test_the_draft_behind_an_rfi_stays_hidden_from_the_public(client, rfi, draft):
    assert client.get(reverse("publication:detail", args=[draft.pk])).status_code == 404
    assert draft.title not in client.get(reverse("publication:list")).content.decode()


def test_an_outsider_cannot_send_an_rfi_on_our_draft(client, outsider, draft):
    client.force_login(outsider)
    response = client.post(reverse("dialogue:rfi_create"), rfi_post(draft))
    assert response.status_code == 200
    assert "procurement" in response.context["form"].errors
    assert draft.title not in response.content.decode()
    assert not RequestForInformation.objects.exists()
