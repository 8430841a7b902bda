"""Pages of the requirement library: who may see and change what, search, export, bad input."""

from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from beredd.requirements.library import load_starter_library
from beredd.requirements.models import Requirement
from beredd.requirements.services import RequirementContent, requirement_create, requirement_revise
from tests.conftest import PASSWORD, count_queries
from tests.test_requirements import CONTENT, shared, use_in_lot


def form_data(**changes) -> dict:
    data = {key: value for key, value in CONTENT.items()}
    data.update(answer_name="", answer_parameter="", answer_unit="", answer_type="")
    data.update(answer_min="", answer_max="")
    data.update(changes)
    return data


@pytest.fixture(autouse=True)
def library(db) -> None:
    load_starter_library()


@pytest.fixture
def own(buyer_org) -> Requirement:
    return requirement_create(
        organisation=buyer_org, user=None, content=RequirementContent(**CONTENT)
    )


def all_urls(own: Requirement) -> list[str]:
    return [
        reverse("requirements:library"),
        reverse("requirements:export"),
        reverse("requirements:create"),
        reverse("requirements:detail", args=[own.pk]),
        reverse("requirements:copy", args=[own.pk]),
        reverse("requirements:revise", args=[own.pk]),
    ]


class TestAccess:
    def test_anonymous_visitors_are_sent_to_the_login(self, client, own):
        for url in all_urls(own):
            response = client.get(url)
            assert response.status_code == 302 and "/accounts/login/" in response.url, url

    def test_suppliers_are_refused_every_buyer_page(self, client, bid_manager, own):
        client.force_login(bid_manager)
        for url in all_urls(own):
            assert client.get(url).status_code == 403, url

    def test_an_outsider_does_not_find_another_organisations_own_requirement(
        self, client, outsider, own
    ):
        client.force_login(outsider)
        for url in all_urls(own)[3:]:
            assert client.get(url).status_code == 404, url
        assert (
            client.post(reverse("requirements:revise", args=[own.pk]), form_data()).status_code
            == 404
        )
        listing = client.get(reverse("requirements:library"), {"q": "Reservkök"})
        assert own.krav_id not in listing.content.decode()

    def test_an_outsider_sees_the_shared_library(self, client, outsider):
        client.force_login(outsider)
        response = client.get(reverse("requirements:detail", args=[shared("B-1001").pk]))
        assert response.status_code == 200

    @pytest.mark.parametrize("person", ["decision_maker", "needs_owner"])
    def test_readers_may_read_but_not_write(self, client, request, person, own):
        client.force_login(request.getfixturevalue(person))
        assert client.get(reverse("requirements:library")).status_code == 200
        assert client.get(reverse("requirements:detail", args=[own.pk])).status_code == 200
        for url in all_urls(own)[2:3] + all_urls(own)[4:]:
            assert client.get(url).status_code == 403, url
        assert client.post(reverse("requirements:create"), form_data()).status_code == 403

    def test_nobody_may_revise_the_shared_library(self, client, procurer):
        client.force_login(procurer)
        url = reverse("requirements:revise", args=[shared("B-1003").pk])
        assert client.post(url, form_data()).status_code == 404


class TestLibraryList:
    def get(self, client, **query) -> str:
        return client.get(reverse("requirements:library"), query).content.decode()

    def test_it_searches_titles_and_texts_in_both_languages(self, client, coordinator):
        client.force_login(coordinator)
        page = self.get(client, q="backup power")
        assert "B-1007:1" in page and "B-1003:1" not in page
        assert "B-1003:1" in self.get(client, q="torrvaror")

    def test_it_filters_by_area_type_level_method_and_crisis_level(self, client, coordinator):
        client.force_login(coordinator)
        animal = self.get(client, area="animal_welfare")
        assert "D-3001:1" in animal and "B-1001:1" not in animal
        award = self.get(client, requirement_type="award_criterion", level="spearhead")
        assert "B-1002:1" in award and "B-1006:1" not in award
        exercise = self.get(client, verification="exercise")
        assert "B-1014:1" in exercise and "B-1001:1" not in exercise
        alert = self.get(client, crisis_levels="heightened_alert")
        assert "B-1028:1" in alert and "B-1026:1" not in alert

    def test_it_filters_on_stress_test_parameters_and_ownership(self, client, coordinator, own):
        client.force_login(coordinator)
        with_parameter = self.get(client, parameter="yes")
        assert "B-1003:1" in with_parameter and "B-1001:1" not in with_parameter
        own_only = self.get(client, owner="own")
        assert "EKBY-0001:1" in own_only and "B-1003:1" not in own_only

    def test_it_shows_current_versions_unless_asked_for_all(self, client, coordinator, own):
        requirement_revise(
            requirement=own,
            user=None,
            content=RequirementContent(**{**CONTENT, "title_sv": "Nytt"}),
        )
        client.force_login(coordinator)
        assert "EKBY-0001:1" not in self.get(client, owner="own")
        assert "EKBY-0001:1" in self.get(client, owner="own", all_versions="on")

    def test_it_exports_the_filtered_list_as_xlsx(self, client, needs_owner):
        client.force_login(needs_owner)
        response = client.get(
            reverse("requirements:export"), {"area": "animal_welfare"}, HTTP_ACCEPT_LANGUAGE="sv"
        )
        sheet = load_workbook(BytesIO(response.content)).active
        ids = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
        assert ids and all(i.startswith("D-") for i in ids)
        assert (sheet.title, sheet["A1"].value, sheet["B1"].value) == ("Krav", "ID", "Titel")


class TestWriting:
    def test_a_procurement_officer_adds_an_own_requirement(self, client, procurer):
        client.force_login(procurer)
        response = client.post(reverse("requirements:create"), form_data(verification=["evidence"]))
        requirement = Requirement.objects.get(krav_id="EKBY-0001")
        assert response.status_code == 302
        assert requirement.created_by == procurer and requirement.verification == ["evidence"]

    def test_it_shows_a_clear_error_for_a_missing_verification_method(self, client, procurer):
        client.force_login(procurer)
        data = form_data()
        del data["verification"]
        response = client.post(reverse("requirements:create"), data)
        assert response.status_code == 200
        assert "välj minst ett sätt att verifiera kravet" in response.content.decode()
        assert not Requirement.objects.filter(organisation__isnull=False).exists()

    def test_it_shows_a_clear_error_for_min_above_max(self, client, procurer):
        client.force_login(procurer)
        data = form_data(answer_name="Lagerdagar", answer_type="number", answer_min="9")
        data.update(answer_max="3", answer_parameter="stock_days.dry")
        response = client.post(reverse("requirements:create"), data)
        assert "minimivärdet (9)" in response.content.decode()
        assert not Requirement.objects.filter(organisation__isnull=False).exists()

    def test_a_coordinator_copies_and_adapts_a_shared_requirement(self, client, coordinator):
        client.force_login(coordinator)
        original = shared("B-1003")
        url = reverse("requirements:copy", args=[original.pk])
        assert "Lagerdagar för torrvaror" in client.get(url).content.decode()
        data = form_data(**{k: getattr(original, k) for k in CONTENT})
        data.update(answer_name="Lagerdagar", answer_type="number", answer_min="10")
        data.update(answer_parameter="stock_days.dry", answer_unit="dagar")
        client.post(url, data)
        copy = Requirement.objects.get(krav_id="EKBY-0001")
        assert (copy.based_on, copy.answer_min) == (original, 10)

    def test_revising_the_wording_shows_the_difference_between_versions(
        self, client, procurer, own
    ):
        client.force_login(procurer)
        url = reverse("requirements:revise", args=[own.pk])
        response = client.post(url, form_data(text_sv="Leverantören ska ha två reservkök."))
        new = Requirement.objects.get(krav_id=own.krav_id, version=2)
        assert response.url == reverse("requirements:detail", args=[new.pk])
        page = client.get(response.url).content.decode()
        assert "<del>" in page and "två" in page
        assert client.get(url).status_code == 404  # the old version is no longer current

    def test_the_detail_page_lists_the_lots_that_use_it(self, client, procurer, own):
        use_in_lot(own)
        client.force_login(procurer)
        page = client.get(reverse("requirements:detail", args=[own.pk])).content.decode()
        assert "Livsmedel 2027" in page


def test_the_library_speaks_the_language_of_the_request(client, needs_owner):
    client.force_login(needs_owner)
    url = reverse("requirements:detail", args=[shared("B-1007").pk])
    english = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Backup power with fuel at depot and terminal" in english
    assert "Reservkraft med bränsle" not in english
    swedish = client.get(url).content.decode()
    assert "Reservkraft med bränsle på lager och terminal" in swedish


def test_an_old_version_stays_readable_and_says_it_was_replaced(client, procurer, own):
    requirement_revise(
        requirement=own,
        user=None,
        content=RequirementContent(**{**CONTENT, "title_sv": "Nytt kök"}),
    )
    client.force_login(procurer)
    page = client.get(reverse("requirements:detail", args=[own.pk])).content.decode()
    assert "Det finns en nyare version av kravet" in page
    assert CONTENT["title_sv"] in page
    assert reverse("requirements:revise", args=[own.pk]) not in page


def test_saving_a_revision_without_changes_keeps_the_version(client, procurer, own):
    client.force_login(procurer)
    response = client.post(reverse("requirements:revise", args=[own.pk]), form_data(), follow=True)
    assert "Inget ändrades" in response.content.decode()
    assert Requirement.objects.filter(krav_id=own.krav_id).count() == 1


# Other organisations' ids, old versions and bad input


SCRIPT = "<script>alert('x')</script>"


@pytest.fixture
def foreign(other_org) -> Requirement:
    return requirement_create(
        organisation=other_org, user=None, content=RequirementContent(**CONTENT)
    )


def test_another_organisations_requirement_cannot_be_copied_or_revised(client, procurer, foreign):
    client.login(username=procurer.username, password=PASSWORD)
    before = Requirement.objects.count()
    for name in ("requirements:copy", "requirements:revise", "requirements:detail"):
        url = reverse(name, args=[foreign.pk])
        assert client.get(url).status_code == 404, name
        assert client.post(url, form_data(title_sv="Stulen")).status_code == 404, name
    assert Requirement.objects.count() == before


def test_an_old_version_cannot_be_revised_by_a_direct_post(client, procurer, buyer_org):
    own = requirement_create(
        organisation=buyer_org, user=None, content=RequirementContent(**CONTENT)
    )
    own.is_current = False
    own.save()
    client.login(username=procurer.username, password=PASSWORD)
    url = reverse("requirements:revise", args=[own.pk])
    assert client.post(url, form_data(title_sv="Ny")).status_code == 404


def test_a_title_with_script_is_shown_as_text_in_the_library_and_detail(
    client, procurer, buyer_org
):
    own = requirement_create(
        organisation=buyer_org,
        user=None,
        content=RequirementContent(**{**CONTENT, "title_sv": SCRIPT}),
    )
    client.login(username=procurer.username, password=PASSWORD)
    for url in (
        reverse("requirements:library") + "?owner=own",
        reverse("requirements:detail", args=[own.pk]),
    ):
        assert SCRIPT not in client.get(url).content.decode(), url


def test_a_requirement_text_that_looks_like_a_formula_stays_text_in_the_export(
    client, procurer, buyer_org
):
    formula = '=HYPERLINK("http://example.invalid","Klicka")'
    requirement_create(
        organisation=buyer_org,
        user=None,
        content=RequirementContent(**{**CONTENT, "text_sv": formula}),
    )
    client.login(username=procurer.username, password=PASSWORD)
    response = client.get(reverse("requirements:export"), {"owner": "own"})
    sheet = load_workbook(BytesIO(response.content)).active
    cells = [cell for row in sheet.iter_rows(min_row=2) for cell in row]
    assert any(cell.value == formula for cell in cells)
    assert not [cell for cell in cells if cell.data_type == "f"]


def test_a_title_longer_than_the_field_is_refused_beside_it(client, procurer):
    client.login(username=procurer.username, password=PASSWORD)
    response = client.post(reverse("requirements:create"), form_data(title_sv="x" * 5000))
    assert response.status_code == 200
    assert "title_sv" in response.context["form"].errors


def test_a_requirement_pasted_with_control_characters_still_exports(client, procurer):
    client.login(username=procurer.username, password=PASSWORD)
    pasted = "Leverantören ska\x0bhålla lager\x1f."
    client.post(reverse("requirements:create"), form_data(text_sv=pasted))
    assert Requirement.objects.filter(text_sv=pasted).exists()
    response = client.get(reverse("requirements:export"), {"owner": "own"})
    assert response.status_code == 200


# Many requirements


def test_the_library_does_not_query_per_requirement(client, procurer, buyer_org):
    client.login(username=procurer.username, password=PASSWORD)
    url = reverse("requirements:library") + "?owner=own"
    requirement_create(organisation=buyer_org, user=procurer, content=RequirementContent(**CONTENT))
    few = count_queries(client, url)
    for _n in range(5):
        requirement_create(
            organisation=buyer_org, user=procurer, content=RequirementContent(**CONTENT)
        )
    assert count_queries(client, url) == few
    assert count_queries(client, reverse("requirements:library")) <= few + 2
