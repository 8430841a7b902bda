"""Questions during the tender: suppliers ask, the buyer answers everyone without naming them."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from beredd.accounts.models import Organisation, OrganisationKind, Role, SizeClass
from beredd.dialogue.models import Question, RfiAnswer
from beredd.procurement.models import Status
from tests.conftest import another_supplier, count_queries, make_user
from tests.test_publication_data import make_tender


@pytest.fixture
def question(tender, bid_manager) -> Question:
    return Question.objects.create(
        procurement=tender,
        organisation=bid_manager.organisation,
        asked_by=bid_manager,
        text="Får vi leverera två gånger i veckan?",
    )


def ask(client, tender, text="Hur många leveransställen finns det?"):
    return client.post(reverse("dialogue:question_ask", args=[tender.pk]), {"text": text})


def test_a_supplier_asks_a_question_on_a_published_tender(client, bid_manager, tender):
    client.force_login(bid_manager)
    response = ask(client, tender)
    assert response.status_code == 302
    question = Question.objects.get()
    assert question.organisation == bid_manager.organisation
    assert question.asked_by == bid_manager
    assert question.status == "open"


def test_after_the_questions_deadline_the_question_is_refused_with_a_clear_message(
    client, bid_manager, tender
):
    tender.questions_deadline = timezone.localdate() - datetime.timedelta(days=1)
    tender.save()
    client.force_login(bid_manager)
    response = ask(client, tender)
    assert response.status_code == 200
    assert "sista dagen för frågor" in response.content.decode().lower()
    assert not Question.objects.exists()


def test_questions_on_a_tender_in_evaluation_are_refused(client, bid_manager, tender):
    tender.status = Status.EVALUATION
    tender.save()
    client.force_login(bid_manager)
    ask(client, tender)
    assert not Question.objects.exists()


def test_a_supplier_cannot_ask_about_a_draft(client, bid_manager, buyer_org):
    draft = make_tender(buyer_org, "Utkast", status=Status.DRAFT)
    client.force_login(bid_manager)
    assert client.get(reverse("dialogue:question_ask", args=[draft.pk])).status_code == 404
    assert ask(client, draft).status_code == 404


def test_buyers_and_anonymous_cannot_ask(client, procurer, tender):
    response = client.get(reverse("dialogue:question_ask", args=[tender.pk]))
    assert response.status_code == 302
    client.force_login(procurer)
    assert ask(client, tender).status_code == 403


def test_the_buyer_sees_who_asked_and_publishes_the_answer(client, procurer, question):
    client.force_login(procurer)
    listing = client.get(reverse("dialogue:question_list")).content.decode()
    assert "Gårdsbageriet AB" in listing
    url = reverse("dialogue:question_answer", args=[question.pk])
    assert "Gårdsbageriet AB" in client.get(url).content.decode()
    response = client.post(
        url,
        {
            "public_text": "Får leveranser ske två gånger i veckan?",
            "answer": "Ja, minst två gånger i veckan.",
            "publish": "on",
        },
    )
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.status == "published"
    assert question.answered_by == procurer


def test_an_unpublished_answer_stays_hidden_from_the_public(client, procurer, question, tender):
    client.force_login(procurer)
    client.post(
        reverse("dialogue:question_answer", args=[question.pk]),
        {"public_text": "Fråga", "answer": "Hemligt utkast till svar"},
    )
    client.logout()
    html = client.get(reverse("publication:detail", args=[tender.pk])).content.decode()
    assert "Hemligt utkast till svar" not in html


def test_the_public_page_shows_the_answer_but_not_who_asked(
    client, procurer, bid_manager, question, tender
):
    # "anbud", the fixture's username, is a word every tender page uses; give distinctive names.
    bid_manager.username, bid_manager.first_name, bid_manager.last_name = "kbx7", "Kerstin", "Qvist"
    bid_manager.save()
    client.force_login(procurer)
    client.post(
        reverse("dialogue:question_answer", args=[question.pk]),
        {"public_text": question.text, "answer": "Ja, det går bra.", "publish": "on"},
    )
    client.logout()
    html = client.get(reverse("publication:detail", args=[tender.pk])).content.decode()
    assert "Ja, det går bra." in html
    assert "två gånger i veckan" in html
    for secret in ("Gårdsbageriet", "556036-0793", "kbx7", "Kerstin", "Qvist", "@example.se"):
        assert secret not in html


def test_other_buyer_roles_read_but_cannot_answer(client, decision_maker, question):
    client.force_login(decision_maker)
    url = reverse("dialogue:question_answer", args=[question.pk])
    assert client.get(url).status_code == 200
    client.post(url, {"public_text": "x", "answer": "Nej", "publish": "on"})
    question.refresh_from_db()
    assert question.answer == ""


def test_a_buyer_cannot_see_or_answer_another_buyers_questions(client, outsider, question):
    client.force_login(outsider)
    url = reverse("dialogue:question_answer", args=[question.pk])
    assert client.get(url).status_code == 404
    response = client.post(url, {"public_text": "x", "answer": "Nej", "publish": "on"})
    assert response.status_code == 404
    listing = client.get(reverse("dialogue:question_list")).content.decode()
    assert "två gånger i veckan" not in listing


def test_a_supplier_sees_only_its_own_questions_and_their_status(
    client, bid_manager, question, tender, supplier_org
):
    from beredd.accounts.models import Role
    from tests.conftest import make_user

    rival_org = Organisation.objects.create(
        name="Rival AB",
        slug="rival",
        kind=OrganisationKind.SUPPLIER,
        org_number="556074-7569",
        size_class=SizeClass.SMALL,
    )
    rival = make_user("rival", rival_org, [Role.BID_MANAGER])
    Question.objects.create(
        procurement=tender, organisation=rival_org, asked_by=rival, text="Rivalens fråga"
    )
    client.force_login(bid_manager)
    html = client.get(reverse("dialogue:question_list")).content.decode()
    assert "två gånger i veckan" in html
    assert "Inte besvarad" in html
    assert "Rivalens fråga" not in html
    assert client.get(reverse("dialogue:question_answer", args=[question.pk])).status_code == 403


def test_anonymous_visitors_are_sent_to_login_for_questions(client, question):
    for url in (
        reverse("dialogue:question_list"),
        reverse("dialogue:question_answer", args=[question.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"]


def test_the_document_listing_points_to_the_published_answers(client, question, tender):
    question.answer = "Ja."
    question.published_at = timezone.now()
    question.save()
    html = client.get(reverse("publication:detail", args=[tender.pk])).content.decode()
    assert "Frågor och svar (1 publicerat svar)" in html


def test_a_supplier_reads_the_published_answer_to_its_own_question(client, bid_manager, question):
    question.answer = "Nej, tyvärr."
    question.save()
    client.force_login(bid_manager)
    assert "Nej, tyvärr." not in client.get(reverse("dialogue:question_list")).content.decode()
    question.published_at = timezone.now()
    question.save()
    assert "Nej, tyvärr." in client.get(reverse("dialogue:question_list")).content.decode()


def test_an_outsider_buyer_cannot_ask_questions(client, outsider, tender):
    client.force_login(outsider)
    assert ask(client, tender).status_code == 403
    assert not Question.objects.exists()


# Bad input


SCRIPT = "<script>alert('x')</script>"


TOO_LONG = "ord " * 5000  # 20 000 characters


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


# Outsiders


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


# Many questions


def test_the_buyer_question_list_does_not_query_per_question(client, procurer, tender):
    client.force_login(procurer)
    url = reverse("dialogue:question_list")
    Question.objects.create(procurement=tender, organisation=another_supplier(0), text="?")
    few = count_queries(client, url)
    for number in range(1, 6):
        supplier = another_supplier(number)
        asker = make_user(f"anbud{number}", supplier, [Role.BID_MANAGER])
        Question.objects.create(procurement=tender, organisation=supplier, asked_by=asker, text="?")
    assert count_queries(client, url) == few


def test_the_supplier_question_list_does_not_query_per_question(
    client, bid_manager, buyer_org, other_org
):
    client.force_login(bid_manager)
    url = reverse("dialogue:question_list")
    tender = make_tender(buyer_org, "Bröd 0")
    Question.objects.create(procurement=tender, organisation=bid_manager.organisation, text="?")
    few = count_queries(client, url)
    for number in range(1, 6):
        tender = make_tender(other_org, f"Bröd {number}")
        Question.objects.create(procurement=tender, organisation=bid_manager.organisation, text="?")
    assert count_queries(client, url) == few
