"""Procurements with lots, their requirements, evaluation model, scenario set and timeline."""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from beredd.accounts.models import Organisation
from beredd.network.models import FoodCategory, MealUnit
from beredd.readiness.models import CriticalActivity
from beredd.requirements.models import Requirement


class Procedure(models.TextChoices):
    OPEN = "open", _("Open procedure")
    SIMPLIFIED = "simplified", _("Simplified procedure")
    RESTRICTED = "restricted", _("Restricted procedure")
    NEGOTIATED = "negotiated", _("Negotiated procedure with prior publication")
    DIRECT_AWARD = "direct_award", _("Direct award")


class Status(models.TextChoices):
    DRAFT = "draft", _("In preparation")
    MARKET_DIALOGUE = "market_dialogue", _("Market dialogue")
    PUBLISHED = "published", _("Published")
    EVALUATION = "evaluation", _("Evaluation")
    AWARDED = "awarded", _("Awarded")
    CONTRACTED = "contracted", _("Contract signed")
    CANCELLED = "cancelled", _("Cancelled")


# Once published, a procurement and its tender documents are open to everyone (open data).
PUBLIC_STATUSES = (
    Status.PUBLISHED,
    Status.EVALUATION,
    Status.AWARDED,
    Status.CONTRACTED,
)


class EvaluationModel(models.TextChoices):
    PRICE_ONLY = "price_only", _("Lowest price")
    PRICE_DEDUCTION = "price_deduction", _("Price-deduction model (value-added)")


class Procurement(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="procurements"
    )
    activity = models.ForeignKey(
        CriticalActivity,
        verbose_name=_("critical activity"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="procurements",
    )
    reference = models.CharField(_("reference number"), max_length=40, blank=True)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("background and scope"), blank=True)
    procedure = models.CharField(_("procedure"), max_length=20, choices=Procedure.choices)
    cpv_codes = models.JSONField(_("CPV codes"), default=list, blank=True)
    estimated_value_sek = models.DecimalField(
        _("estimated value (SEK)"),
        max_digits=14,
        decimal_places=0,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    contract_start = models.DateField(_("contract start"), null=True, blank=True)
    contract_end = models.DateField(_("contract end"), null=True, blank=True)
    option_months = models.PositiveIntegerField(
        _("options (months)"), default=0, help_text=_("Total length of possible extensions.")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    evaluation_model = models.CharField(
        _("evaluation model"),
        max_length=20,
        choices=EvaluationModel.choices,
        default=EvaluationModel.PRICE_ONLY,
    )
    scenario_ids = models.JSONField(
        _("stress-test scenarios"),
        default=list,
        blank=True,
        help_text=_("Scenarios of the library that the stress test of bids will use."),
    )
    publication_date = models.DateField(_("publication date"), null=True, blank=True)
    questions_deadline = models.DateField(_("last day for questions"), null=True, blank=True)
    tender_deadline = models.DateTimeField(_("tender deadline"), null=True, blank=True)
    opening_at = models.DateTimeField(_("opening of tenders"), null=True, blank=True)
    standstill_days = models.PositiveIntegerField(_("standstill (days)"), default=10)
    published_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("procurement")
        verbose_name_plural = _("procurements")

    def __str__(self) -> str:
        return self.title

    @property
    def is_public(self) -> bool:
        """True once published: the public may read it and its tender documents."""
        return self.status in PUBLIC_STATUSES


class LotBasis(models.TextChoices):
    AREA = "area", _("Geographic area")
    CATEGORY = "category", _("Food category")
    UNIT_GROUP = "unit_group", _("Group of units")


class Lot(models.Model):
    procurement = models.ForeignKey(Procurement, on_delete=models.CASCADE, related_name="lots")
    number = models.PositiveSmallIntegerField(_("lot number"))
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    basis = models.CharField(_("lot by"), max_length=12, choices=LotBasis.choices)
    units = models.ManyToManyField(MealUnit, verbose_name=_("meal units"), related_name="lots")
    categories = models.ManyToManyField(
        FoodCategory, verbose_name=_("food categories"), related_name="lots"
    )
    reserved_for_sme = models.BooleanField(_("reserved for small firms"), default=False)
    estimated_value_sek = models.DecimalField(
        _("estimated value (SEK)"),
        max_digits=14,
        decimal_places=0,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )

    history = HistoricalRecords(m2m_fields=["units", "categories"])

    class Meta:
        ordering = ["procurement", "number"]
        constraints = [
            models.UniqueConstraint(fields=["procurement", "number"], name="unique_lot_number")
        ]
        verbose_name = _("lot")
        verbose_name_plural = _("lots")

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class LotRequirement(models.Model):
    """A requirement version used in a lot; award criteria carry their price deduction in SEK."""

    lot = models.ForeignKey(Lot, on_delete=models.CASCADE, related_name="lot_requirements")
    requirement = models.ForeignKey(Requirement, on_delete=models.PROTECT, related_name="uses")
    deduction_sek = models.DecimalField(
        _("price deduction (SEK)"),
        validators=[MinValueValidator(0)],
        max_digits=12,
        decimal_places=0,
        null=True,
        blank=True,
        help_text=_(
            "For award criteria in the price-deduction model: SEK taken off the bid price when met."
        ),
    )
    sort_order = models.PositiveSmallIntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["lot", "sort_order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["lot", "requirement"], name="unique_lot_requirement")
        ]
        verbose_name = _("requirement of a lot")
        verbose_name_plural = _("requirements of lots")

    def __str__(self) -> str:
        return f"{self.lot}: {self.requirement.identifier}"
