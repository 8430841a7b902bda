"""Organisations: the organisation number's check digit, the EU size class, and Django admin."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from beredd.accounts.demo import org_number
from beredd.accounts.models import (
    Organisation,
    OrganisationKind,
    SizeClass,
    User,
    size_class_from_figures,
    validate_org_number,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("number", ["212000-1215", "2120001215", "556036-0793"])
def test_a_valid_organisation_number_is_accepted(number):
    validate_org_number(number)


@pytest.mark.parametrize(
    "number", ["212000-1216", "556036-0794", "12345", "abcdef-ghij", "212000-12150"]
)
def test_a_wrong_check_digit_or_length_is_rejected_with_the_number_in_the_message(number):
    with pytest.raises(ValidationError) as error:
        validate_org_number(number)
    assert number in error.value.messages[0]


def test_an_organisation_number_is_stored_with_its_hyphen(db):
    organisation = Organisation(
        name="Ekby kommun", slug="ekby", kind=OrganisationKind.MUNICIPALITY, org_number="2120001215"
    )
    organisation.full_clean()
    assert organisation.org_number == "212000-1215"


def test_an_invalid_organisation_number_is_named_on_its_field(db):
    organisation = Organisation(
        name="Fel AB",
        slug="fel",
        kind=OrganisationKind.SUPPLIER,
        org_number="556036-0794",
        size_class=SizeClass.SMALL,
    )
    with pytest.raises(ValidationError) as error:
        organisation.full_clean()
    assert "org_number" in error.value.message_dict


def test_a_supplier_must_state_its_size_class(db):
    organisation = Organisation(
        name="Bageriet AB",
        slug="bageriet",
        kind=OrganisationKind.SUPPLIER,
        org_number="556036-0793",
    )
    with pytest.raises(ValidationError) as error:
        organisation.full_clean()
    assert "size_class" in error.value.message_dict


def test_the_demo_makes_numbers_with_a_correct_check_digit():
    assert org_number("212000121") == "212000-1215"
    validate_org_number(org_number("556900101"))


@pytest.mark.parametrize(
    ("employees", "turnover", "balance", "expected"),
    [
        (3, 0.5, 0.4, SizeClass.MICRO),
        (9, 5, 1.5, SizeClass.MICRO),  # balance sheet within the micro limit is enough
        (10, 1, 1, SizeClass.SMALL),
        (49, 12, 9, SizeClass.SMALL),
        (120, 40, 60, SizeClass.MEDIUM),
        (249, 80, 40, SizeClass.MEDIUM),
        (250, 10, 10, SizeClass.LARGE),
        (200, 60, 50, SizeClass.LARGE),
    ],
)
def test_the_size_class_follows_the_eu_sme_definition(employees, turnover, balance, expected):
    assert (
        size_class_from_figures(employees=employees, turnover_meur=turnover, balance_meur=balance)
        == expected
    )


@pytest.fixture
def staff(db) -> User:
    return User.objects.create_superuser("drift", "drift@example.se", "Drift-losen-2026")


def test_staff_manage_organisations_people_and_invitations_in_django_admin(
    client, staff, decision_maker
):
    client.force_login(staff)
    for name in ("organisation", "user", "invitation"):
        assert client.get(reverse(f"admin:accounts_{name}_changelist")).status_code == 200
        assert client.get(reverse(f"admin:accounts_{name}_add")).status_code == 200
    page = client.get(reverse("admin:accounts_user_change", args=[decision_maker.pk]))
    assert 'name="organisation"' in page.content.decode()
    assert 'name="is_org_admin"' in page.content.decode()


def test_members_without_staff_status_cannot_open_django_admin(client, org_admin):
    client.force_login(org_admin)
    response = client.get(reverse("admin:accounts_organisation_changelist"))
    assert response.status_code == 302
    assert "/admin/login/" in response.url
