"""Organisations (buyers and suppliers), people, and the roles they hold."""

from django.contrib.auth.models import AbstractUser, Group
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.se import orgnr


class OrganisationKind(models.TextChoices):
    MUNICIPALITY = "municipality", _("Municipality")
    REGION = "region", _("Region")
    JOINT_PURCHASING = "joint_purchasing", _("Joint purchasing body")
    SUPPLIER = "supplier", _("Supplier")


BUYER_KINDS = (
    OrganisationKind.MUNICIPALITY,
    OrganisationKind.REGION,
    OrganisationKind.JOINT_PURCHASING,
)


class SizeClass(models.TextChoices):
    """EU SME definition (Recommendation 2003/361/EC)."""

    MICRO = "micro", _("Micro (fewer than 10 employees, at most EUR 2 million turnover)")
    SMALL = "small", _("Small (fewer than 50 employees, at most EUR 10 million turnover)")
    MEDIUM = "medium", _("Medium (fewer than 250 employees, at most EUR 50 million turnover)")
    LARGE = "large", _("Large")


class Role(models.TextChoices):
    """The roles a person holds in their organisation; each is a django Group of that name."""

    DECISION_MAKER = "decision_maker", _("Decision maker")
    PREPAREDNESS_COORDINATOR = "preparedness_coordinator", _("Preparedness coordinator")
    NEEDS_OWNER = "needs_owner", _("Needs owner / head of meal service")
    PROCUREMENT_OFFICER = "procurement_officer", _("Procurement officer")
    BID_MANAGER = "bid_manager", _("Bid manager")


BUYER_ROLES = (
    Role.DECISION_MAKER,
    Role.PREPAREDNESS_COORDINATOR,
    Role.NEEDS_OWNER,
    Role.PROCUREMENT_OFFICER,
)
SUPPLIER_ROLES = (Role.BID_MANAGER,)


def size_class_from_figures(*, employees: int, turnover_meur: float, balance_meur: float) -> str:
    """EU SME class: staff headcount plus turnover or balance-sheet total."""
    if employees < 10 and min(turnover_meur, balance_meur) <= 2:
        return SizeClass.MICRO
    if employees < 50 and min(turnover_meur, balance_meur) <= 10:
        return SizeClass.SMALL
    if employees < 250 and (turnover_meur <= 50 or balance_meur <= 43):
        return SizeClass.MEDIUM
    return SizeClass.LARGE


def validate_org_number(value: str) -> None:
    try:
        orgnr.validate(value)
    except StdnumError as error:
        raise ValidationError(
            _("%(value)s is not a valid Swedish organisation number (check the digits)."),
            params={"value": value},
            code="invalid_org_number",
        ) from error


class Organisation(models.Model):
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("short name"), max_length=60, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=OrganisationKind.choices)
    org_number = models.CharField(
        _("organisation number"),
        max_length=11,
        unique=True,
        validators=[validate_org_number],
        help_text=_("Ten digits, e.g. 212000-1215; the last digit is a check digit."),
    )
    size_class = models.CharField(
        _("size class"),
        max_length=10,
        choices=SizeClass.choices,
        blank=True,
        help_text=_("For suppliers: size by the EU definition of small and medium enterprises."),
    )
    region = models.CharField(_("region"), max_length=100, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.name

    @property
    def is_buyer(self) -> bool:
        return self.kind in BUYER_KINDS

    @property
    def is_supplier(self) -> bool:
        return self.kind == OrganisationKind.SUPPLIER

    def clean(self) -> None:
        if self.org_number:
            self.org_number = orgnr.format(self.org_number)
        if self.is_supplier and not self.size_class:
            raise ValidationError({"size_class": _("A supplier must state its size class.")})


class User(AbstractUser):
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="members",
    )
    is_org_admin = models.BooleanField(
        _("organisation administrator"),
        default=False,
        help_text=_("May invite members and set their roles."),
    )

    history = HistoricalRecords(
        # Roles are the groups; the password hash and each login's time stay out of history.
        m2m_fields=["groups"],
        excluded_fields=["password", "last_login"],
    )

    def role_codes(self) -> set[str]:
        if not hasattr(self, "_role_codes"):
            self._role_codes = set(self.groups.values_list("name", flat=True))
        return self._role_codes

    def has_role(self, *roles: str) -> bool:
        return bool(self.role_codes() & set(roles))

    def set_roles(self, roles: list[str]) -> None:
        self.groups.set([Group.objects.get_or_create(name=role)[0] for role in roles])
        self.__dict__.pop("_role_codes", None)

    def role_labels(self) -> list[str]:
        return [str(Role(code).label) for code in sorted(self.role_codes()) if code in Role.values]


class Invitation(models.Model):
    """An organisation admin invites someone by e-mail; the link sets a password."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE)
    email = models.EmailField(_("e-mail"))
    roles = models.JSONField(_("roles"), default=list)
    token = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    accepted_at = models.DateTimeField(null=True, blank=True)

    history = HistoricalRecords(excluded_fields=["token"])  # the link is a secret

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self) -> str:
        return f"{self.email} ({self.organisation})"
