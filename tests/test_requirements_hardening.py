"""A hostile or clumsy buyer against the requirement library: other organisations' ids in POSTs,
old versions, formulas in the export, script in titles, very long texts, queries per row."""

from io import BytesIO

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from beredd.requirements.library import load_starter_library
from beredd.requirements.models import Requirement
from beredd.requirements.services import RequirementContent, requirement_create
from tests.conftest import PASSWORD
from tests.test_requirements import CONTENT
from tests.test_requirements_views import form_data

SCRIPT = "<script>alert('x')</script>"


@pytest.fixture(autouse=True)
def library(db) -> None:
    load_starter_library()


@pytest.fixture
def foreign(other_org) -> Requirement:
    return requirement_create(
        organisation=other_org, user=None, content=RequirementContent(**CONTENT)
    )


def _count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


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


def test_the_library_does_not_query_per_requirement(client, procurer, buyer_org):
    client.login(username=procurer.username, password=PASSWORD)
    url = reverse("requirements:library") + "?owner=own"
    requirement_create(organisation=buyer_org, user=procurer, content=RequirementContent(**CONTENT))
    few = _count_queries(client, url)
    for _n in range(5):
        requirement_create(
            organisation=buyer_org, user=procurer, content=RequirementContent(**CONTENT)
        )
    assert _count_queries(client, url) == few
    assert _count_queries(client, reverse("requirements:library")) <= few + 2


def test_a_requirement_pasted_with_control_characters_still_exports(client, procurer):
    client.login(username=procurer.username, password=PASSWORD)
    pasted = "Leverantören ska\x0bhålla lager\x1f."
    client.post(reverse("requirements:create"), form_data(text_sv=pasted))
    assert Requirement.objects.filter(text_sv=pasted).exists()
    response = client.get(reverse("requirements:export"), {"owner": "own"})
    assert response.status_code == 200
