"""A buyer's supply network: food categories, menus, meal units, suppliers and who serves whom.

Every field mirrors a field of the stress-test model (docs/stress-test-model.md) so that
`network_as_dict` can write the engine's network file without translation tables.
"""

from django.core.exceptions import ValidationError
from django.core.validators import BaseValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from beredd.accounts.models import Organisation
from beredd.network.fields import SUPPLIER_FIELDS, UNIT_FIELDS, help_text

SHARE = [MinValueValidator(0), MaxValueValidator(1)]
NON_NEGATIVE = [MinValueValidator(0)]
MAX_RANK = 20  # no chain has more backups; a bigger number is a typing error
# Upper bounds far above any real kitchen or depot: a bigger number is a typing error, and
# numbers like 1e30 would overflow the stress test's arithmetic.
MAX_DAYS = 3650  # ten years
MAX_HOURS = 87600  # ten years
MAX_CAPACITY_PE_PER_DAY = 100_000_000
MAX_PORTIONS_PER_DAY = 1_000_000
MAX_STAFF_RESERVE = 10  # ten times normal staffing
MAX_LOSS_WEIGHT = 1_000_000
MAX_UPSTREAM_SLACK = 100


def up_to(limit: int) -> list[BaseValidator]:
    """Validators for a number between 0 and `limit`."""
    return [MinValueValidator(0), MaxValueValidator(limit)]


class FoodCategory(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="categories"
    )
    code = models.SlugField(
        _("code"), max_length=40, help_text=_("Short id used in files, e.g. dry, chilled, frozen.")
    )
    name = models.CharField(_("name"), max_length=100)
    cold_hours = models.PositiveIntegerField(
        _("hours without cooling before spoiling"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(MAX_HOURS)],
        help_text=_("Empty for goods that keep without power (dry goods, tins)."),
    )
    sort_order = models.PositiveSmallIntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["sort_order", "code"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "code"], name="unique_category_code")
        ]
        verbose_name = _("food category")
        verbose_name_plural = _("food categories")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        # The stress test needs a positive number of hours; "keeps without power" is empty.
        if self.cold_hours == 0:
            raise ValidationError(
                {"cold_hours": _("Must be at least 1 hour; leave empty for goods that keep.")}
            )


class MenuKind(models.TextChoices):
    NORMAL = "normal", _("Normal menu")
    CRISIS = "crisis", _("Crisis menu")


class MenuShare(models.Model):
    """Portion-equivalents of a category in one portion of a menu."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="menu_shares"
    )
    menu = models.CharField(_("menu"), max_length=10, choices=MenuKind.choices)
    category = models.ForeignKey(FoodCategory, on_delete=models.CASCADE, related_name="menu_shares")
    share = models.FloatField(
        _("share of a portion"),
        validators=NON_NEGATIVE,
        help_text=_("How much of a normal portion's amount of this category one portion needs."),
    )

    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "menu", "category"], name="unique_menu_category"
            )
        ]
        verbose_name = _("menu share")
        verbose_name_plural = _("menu shares")

    def __str__(self) -> str:
        return f"{self.menu}: {self.category_id} {self.share}"


class UnitType(models.TextChoices):
    SCHOOL = "school", _("School")
    PRESCHOOL = "preschool", _("Preschool")
    ELDERLY_CARE = "elderly_care", _("Elderly care")
    HOSPITAL = "hospital", _("Hospital ward")
    PRISON = "prison", _("Prison")
    OTHER = "other", _("Other")


class Criticality(models.IntegerChoices):
    HIGHEST = 1, _("1 – must never stop (hospital, elderly care)")
    HIGH = 2, _("2 – may be reduced for a short time")
    NORMAL = 3, _("3 – may pause in a crisis")


class MealUnit(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="units")
    code = models.SlugField(_("unit id"), max_length=40, help_text=help_text(UNIT_FIELDS, "code"))
    name = models.CharField(_("name"), max_length=200)
    unit_type = models.CharField(_("type"), max_length=20, choices=UnitType.choices)
    area = models.CharField(
        _("area"),
        max_length=60,
        help_text=help_text(UNIT_FIELDS, "area"),
    )
    portions_per_day = models.PositiveIntegerField(
        _("portions per day"),
        validators=[MaxValueValidator(MAX_PORTIONS_PER_DAY)],
        help_text=help_text(UNIT_FIELDS, "portions_per_day"),
    )
    criticality = models.PositiveSmallIntegerField(
        _("criticality"), choices=Criticality.choices, default=Criticality.NORMAL
    )
    loss_weight = models.FloatField(
        _("loss weight"),
        null=True,
        blank=True,
        validators=up_to(MAX_LOSS_WEIGHT),
        help_text=help_text(UNIT_FIELDS, "loss_weight"),
    )
    min_service_level = models.FloatField(
        _("minimum service level"),
        default=1.0,
        validators=SHARE,
        help_text=help_text(UNIT_FIELDS, "min_service_level"),
    )
    mtpd_days = models.FloatField(
        _("tolerable outage (days)"),
        null=True,
        blank=True,
        validators=up_to(MAX_DAYS),
        help_text=help_text(UNIT_FIELDS, "mtpd_days"),
    )
    stock_days = models.JSONField(
        _("own stock (days)"),
        default=dict,
        blank=True,
        help_text=help_text(UNIT_FIELDS, "stock_days"),
    )
    order_up_to_days = models.JSONField(
        _("order up to (days)"),
        default=dict,
        blank=True,
        help_text=help_text(UNIT_FIELDS, "order_up_to_days"),
    )
    menus = models.JSONField(
        _("own menus"),
        default=dict,
        blank=True,
        help_text=_(
            "Only when the unit eats differently from the organisation's menus (e.g. hospital "
            'diets): {"normal": {category: share}, "crisis": {category: share}}.'
        ),
    )
    backup_power_hours = models.FloatField(
        _("backup power (hours)"),
        default=0,
        validators=up_to(MAX_HOURS),
        help_text=help_text(UNIT_FIELDS, "backup_power_hours"),
    )
    capacity_without_power = models.FloatField(
        _("capacity without power"),
        default=0,
        validators=SHARE,
        help_text=help_text(UNIT_FIELDS, "capacity_without_power"),
    )
    capacity_without_water = models.FloatField(
        _("capacity without water"),
        default=0,
        validators=SHARE,
        help_text=help_text(UNIT_FIELDS, "capacity_without_water"),
    )
    staff_reserve = models.FloatField(
        _("staff reserve"),
        default=0,
        validators=up_to(MAX_STAFF_RESERVE),
        help_text=help_text(UNIT_FIELDS, "staff_reserve"),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "code"], name="unique_unit_code")
        ]
        verbose_name = _("meal unit")
        verbose_name_plural = _("meal units")

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"

    def clean(self) -> None:
        """An own menu replaces the organisation's, so it must say what a normal portion holds."""
        if self.portions_per_day == 0:
            # The stress test cannot weigh a unit that serves nobody; delete it instead.
            raise ValidationError(
                {"portions_per_day": _("Must be at least 1; delete a unit that serves nobody.")}
            )
        menus = self.menus or {}
        if not isinstance(menus, dict) or set(menus) - {"normal", "crisis"}:
            raise ValidationError({"menus": _("Own menus can only be normal and crisis.")})
        if menus and not any(v > 0 for v in (menus.get("normal") or {}).values()):
            raise ValidationError(
                {"menus": _("An own menu needs a normal menu with at least one share above 0.")}
            )


class Source(models.TextChoices):
    DECLARED = "declared", _("Declared by the supplier")
    VERIFIED = "verified", _("Verified")
    ASSUMED = "assumed", _("Assumed")


class Supplier(models.Model):
    """A supplier serving the buyer today, with its capabilities as the stress test needs them.

    `provenance` maps a field name (or "stock_days.dry") to {"source": Source, "date": ISO date}.
    """

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="suppliers"
    )
    supplier_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("supplier organisation in Beredd"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="served_buyers",
    )
    code = models.SlugField(_("supplier id"), max_length=40)
    name = models.CharField(_("name"), max_length=200)
    area = models.CharField(_("area"), max_length=60, help_text=help_text(SUPPLIER_FIELDS, "area"))
    capacity_per_day = models.FloatField(
        _("capacity per day"),
        validators=up_to(MAX_CAPACITY_PE_PER_DAY),
        help_text=help_text(SUPPLIER_FIELDS, "capacity_per_day"),
    )
    stock_days = models.JSONField(
        _("depot stock (days)"),
        default=dict,
        blank=True,
        help_text=help_text(SUPPLIER_FIELDS, "stock_days"),
    )
    upstream_slack = models.FloatField(
        _("upstream slack"),
        default=0.5,
        validators=up_to(MAX_UPSTREAM_SLACK),
        help_text=help_text(SUPPLIER_FIELDS, "upstream_slack"),
    )
    import_share = models.JSONField(
        _("import share"),
        default=dict,
        blank=True,
        help_text=help_text(SUPPLIER_FIELDS, "import_share"),
    )
    backup_power_hours = models.FloatField(
        _("backup power (hours)"),
        default=0,
        validators=up_to(MAX_HOURS),
        help_text=help_text(SUPPLIER_FIELDS, "backup_power_hours"),
    )
    capacity_without_power = models.FloatField(
        _("capacity without power"),
        default=0,
        validators=SHARE,
        help_text=help_text(SUPPLIER_FIELDS, "capacity_without_power"),
    )
    fuel_reserve_days = models.FloatField(
        _("fuel reserve (days)"),
        default=0,
        validators=up_to(MAX_DAYS),
        help_text=help_text(SUPPLIER_FIELDS, "fuel_reserve_days"),
    )
    manual_ordering_share = models.FloatField(
        _("manual ordering share"),
        default=0,
        validators=SHARE,
        help_text=help_text(SUPPLIER_FIELDS, "manual_ordering_share"),
    )
    staff_reserve = models.FloatField(
        _("staff reserve"),
        default=0,
        validators=up_to(MAX_STAFF_RESERVE),
        help_text=help_text(SUPPLIER_FIELDS, "staff_reserve"),
    )
    prioritises_critical = models.BooleanField(
        _("prioritises critical customers"),
        default=False,
        help_text=help_text(SUPPLIER_FIELDS, "prioritises_critical"),
    )
    ordering_system = models.CharField(
        _("ordering system"),
        max_length=60,
        blank=True,
        help_text=help_text(SUPPLIER_FIELDS, "ordering_system"),
    )
    time_to_recover_days = models.FloatField(
        _("time to recover (days)"),
        default=0,
        validators=up_to(MAX_DAYS),
        help_text=help_text(SUPPLIER_FIELDS, "time_to_recover_days"),
    )
    provenance = models.JSONField(_("sources of the values"), default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "code"], name="unique_supplier_code")
        ]
        verbose_name = _("supplier")
        verbose_name_plural = _("suppliers")

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"


class SupplyAssignment(models.Model):
    """Who serves a unit with a category: rank 0 is the primary, 1.. the backups in order."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="supply_assignments"
    )
    unit = models.ForeignKey(MealUnit, on_delete=models.CASCADE, related_name="assignments")
    category = models.ForeignKey(FoodCategory, on_delete=models.CASCADE, related_name="assignments")
    supplier = models.ForeignKey(Supplier, on_delete=models.CASCADE, related_name="assignments")
    rank = models.PositiveSmallIntegerField(
        _("rank"),
        default=0,
        validators=[MaxValueValidator(MAX_RANK)],
        help_text=_("0 = primary supplier, 1 = first backup, and so on."),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["unit", "category", "rank"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "category", "rank"], name="unique_assignment_rank"
            ),
            models.UniqueConstraint(
                fields=["unit", "category", "supplier"], name="unique_assignment_supplier"
            ),
        ]
        verbose_name = _("supply assignment")
        verbose_name_plural = _("supply assignments")

    def __str__(self) -> str:
        return f"{self.unit_id}/{self.category_id}: {self.supplier_id} (rank {self.rank})"


class ImportKind(models.TextChoices):
    UNITS = "units", _("Meal units")
    SUPPLIERS = "suppliers", _("Suppliers")


class ImportBatch(models.Model):
    """A parsed, validated import waiting for the user to confirm it after the preview.

    The rows are kept server-side so that the confirm step never trusts re-posted data.
    """

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="import_batches"
    )
    created_by = models.ForeignKey(
        "accounts.User", on_delete=models.CASCADE, related_name="network_import_batches"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=ImportKind.choices)
    filename = models.CharField(_("file name"), max_length=255)
    rows = models.JSONField(default=list)
    assignments = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("pending import")
        verbose_name_plural = _("pending imports")

    def __str__(self) -> str:
        return f"{self.kind}: {self.filename}"
