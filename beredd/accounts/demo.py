"""The demo region's organisations and people: three fictional Skåne-like municipalities,
eight supplier firms, one person per role, and a staff account for Django admin.

All demo users share one password so that a demonstration can switch roles quickly.
"""

from typing import Any

from django.apps import apps
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.db.models import Model, ProtectedError, RestrictedError
from django.utils.translation import gettext as _
from stdnum import luhn
from stdnum.se import orgnr

from beredd.accounts.models import (
    BUYER_ROLES,
    Organisation,
    OrganisationKind,
    Role,
    SizeClass,
    User,
)

DEMO_PASSWORD = "beredd-demo-2026"
STAFF_USERNAME = "admin"
REGION = "Skåne (fiktiv)"

# slug, name, kind, first nine digits of the organisation number (the tenth is a check digit)
MUNICIPALITIES = (
    ("malmhaga", "Malmhaga kommun", "212000901"),
    ("sjobo-strand", "Sjöbo strands kommun", "212000902"),
    ("osterlen", "Österlens kommun", "212000903"),
)
# slug, name, size class, first nine digits
SUPPLIERS = (
    ("svea-grossist", "Svea Storköksgrossist AB", SizeClass.LARGE, "556900101"),
    ("nordana-foodservice", "Nordanå Food Service AB", SizeClass.LARGE, "556900202"),
    ("frysexpressen", "Skånska Frysexpressen AB", SizeClass.MEDIUM, "556900303"),
    ("sydkust-logistik", "Sydkustens Logistik AB", SizeClass.SMALL, "556900404"),
    ("alyckans-bageri", "Ålyckans Gårdsbageri AB", SizeClass.MICRO, "556900505"),
    ("sydslattens-mejeri", "Sydslättens Mejeri ekonomisk förening", SizeClass.SMALL, "769600606"),
    ("brobygardens-chark", "Brobygårdens Chark AB", SizeClass.MICRO, "556900707"),
    ("karrets-gront", "Kärrets Grönsaksodling AB", SizeClass.MICRO, "556900808"),
)
# username suffix, roles, first name, last name
BUYER_PEOPLE = (
    ("beslut", [Role.DECISION_MAKER], "Birgitta", "Lindqvist"),
    ("samordnare", [Role.PREPAREDNESS_COORDINATOR], "Anders", "Holm"),
    ("kostchef", [Role.NEEDS_OWNER], "Maria", "Persson"),
    ("upphandlare", [Role.PROCUREMENT_OFFICER], "Johan", "Nilsson"),
)
# username, supplier slug, first name, last name
SUPPLIER_PEOPLE = (
    ("grossist-anbud", "svea-grossist", "Karin", "Ek"),
    ("bageri-anbud", "alyckans-bageri", "Olle", "Bagare"),
    ("mejeri-anbud", "sydslattens-mejeri", "Sara", "Mjölk"),
)
ALL_SLUGS = tuple(slug for slug, *_rest in MUNICIPALITIES + SUPPLIERS)


def org_number(first_nine: str) -> str:
    """A valid Swedish organisation number: nine digits and their Luhn check digit."""
    return orgnr.format(first_nine + luhn.calc_check_digit(first_nine))


def demo_exists() -> bool:
    return Organisation.objects.filter(slug__in=ALL_SLUGS).exists()


def delete_demo() -> None:
    """Remove the demo organisations, their people and everything they own, history included."""
    ids = list(Organisation.objects.filter(slug__in=ALL_SLUGS).values_list("pk", flat=True))
    for user in User.objects.filter(organisation__slug__in=ALL_SLUGS):
        _delete(user)
    for staff in User.objects.filter(username=STAFF_USERNAME, organisation__isnull=True):
        _delete(staff)
    for organisation in Organisation.objects.filter(slug__in=ALL_SLUGS):
        _delete(organisation)
    _delete_history(ids)


def _delete_history(organisation_ids: list[int]) -> None:
    """simple_history keeps rows of deleted objects; a reset demo should not pile them up."""
    for model in apps.get_models():
        names = {field.name for field in model._meta.fields}
        if model.__name__.startswith("Historical") and {"history_id", "organisation"} <= names:
            model._default_manager.filter(organisation_id__in=organisation_ids).delete()


def _delete(obj: Model, depth: int = 0) -> None:
    """Delete, first removing demo rows that protect it (e.g. a lot's use of a requirement)."""
    for _attempt in range(50):
        try:
            obj.delete()
            return
        except ProtectedError as error:
            blockers = error.protected_objects
        except RestrictedError as error:
            blockers = error.restricted_objects
        if depth > 5:
            raise RuntimeError(f"cannot delete demo object {obj!r}")
        for blocker in list(blockers):
            _delete(blocker, depth + 1)


def load(context: dict[str, Any]) -> None:
    organisations = context["organisations"]
    for slug, name, first_nine in MUNICIPALITIES:
        organisations[slug] = Organisation(
            slug=slug,
            name=name,
            kind=OrganisationKind.MUNICIPALITY,
            org_number=org_number(first_nine),
            region=REGION,
        )
    for slug, name, size_class, first_nine in SUPPLIERS:
        organisations[slug] = Organisation(
            slug=slug,
            name=name,
            kind=OrganisationKind.SUPPLIER,
            org_number=org_number(first_nine),
            size_class=size_class,
            region=REGION,
        )
    for organisation in organisations.values():
        organisation.full_clean()
    Organisation.objects.bulk_create(organisations.values())
    _load_people(context)


def _load_people(context: dict[str, Any]) -> None:
    """A person per buyer role and an administrator per municipality; supplier bid managers."""
    organisations, users = context["organisations"], context["users"]
    password = make_password(DEMO_PASSWORD)  # hashing once keeps the load fast
    people: list[tuple[User, list[str]]] = []  # (person, role codes)
    for slug, _name, _number in MUNICIPALITIES:
        organisation = organisations[slug]
        for suffix, person_roles, first, last in BUYER_PEOPLE:
            user = _person(f"{slug}-{suffix}", organisation, first, last, password)
            people.append((user, [str(role) for role in person_roles]))
        admin = _person(f"{slug}-admin", organisation, "Eva", "Admin", password)
        admin.is_org_admin = True
        people.append((admin, list(BUYER_ROLES)))
    for username, slug, first, last in SUPPLIER_PEOPLE:
        user = _person(username, organisations[slug], first, last, password)
        user.is_org_admin = True
        people.append((user, [Role.BID_MANAGER]))
    staff = _person(STAFF_USERNAME, None, "Beredd", "Drift", password)
    staff.is_staff = staff.is_superuser = True
    User.objects.bulk_create([user for user, _roles in people] + [staff])
    groups = {role: Group.objects.get_or_create(name=role)[0] for role in Role.values}
    for user, roles in people:
        user = User.objects.get(username=user.username)
        user.groups.set([groups[role] for role in roles])
        users[user.username] = user
    users[STAFF_USERNAME] = User.objects.get(username=STAFF_USERNAME)
    context["logins"] = demo_logins()


def _person(
    username: str, organisation: Organisation | None, first: str, last: str, password: str
) -> User:
    domain = organisation.slug if organisation else "beredd"
    return User(
        username=username,
        first_name=first,
        last_name=last,
        email=f"{username}@{domain}.example.se",
        organisation=organisation,
        password=password,
    )


def demo_logins() -> list[tuple[str, str, str, str]]:
    """(role, username, password, organisation) of every demo person, as the command prints."""
    logins = []
    demo_users = (
        User.objects.filter(organisation__slug__in=ALL_SLUGS)
        .select_related("organisation")
        .order_by("organisation__kind", "organisation__name", "username")
    )
    for user in demo_users:
        if user.is_org_admin and user.organisation and user.organisation.is_buyer:
            role = _("Organisation administrator (all roles)")
        else:
            role = ", ".join(user.role_labels())
        logins.append((role, user.username, DEMO_PASSWORD, str(user.organisation)))
    if User.objects.filter(username=STAFF_USERNAME, is_staff=True).exists():
        logins.append((_("Staff (Django admin)"), STAFF_USERNAME, DEMO_PASSWORD, "–"))
    return logins
