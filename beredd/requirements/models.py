"""The versioned requirement library: resilience, sustainability and SME-friendly requirements.

A requirement is identified as `KravID:version` (e.g. `10418:3`). A change of wording or type
makes a new version; old versions stay readable wherever they were used.
"""

from django.conf import settings
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from beredd.accounts.models import Organisation

from .choices import (
    AnswerType,
    Area,
    CrisisLevel,
    FollowUpFrequency,
    Level,
    RequirementType,
    Verification,
)
from .validation import validate_requirement


class Requirement(models.Model):
    """One version of one requirement. `organisation` empty = Beredd's shared starter library."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, null=True, blank=True, related_name="requirements"
    )
    krav_id = models.CharField(_("requirement id"), max_length=20)
    version = models.PositiveIntegerField(_("version"), default=1)
    based_on = models.ForeignKey(
        "self",
        verbose_name=_("based on"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="adaptations",
    )
    title_sv = models.CharField(_("title (Swedish)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200)
    text_sv = models.TextField(_("text (Swedish)"))
    text_en = models.TextField(_("text (English)"))
    area = models.CharField(_("area"), max_length=20, choices=Area.choices)
    requirement_type = models.CharField(_("type"), max_length=20, choices=RequirementType.choices)
    level = models.CharField(_("level"), max_length=10, choices=Level.choices, default=Level.BASIC)
    verification = models.JSONField(
        _("verified by"),
        default=list,
        blank=True,  # an empty list gets the clearer message of clean()
        help_text=_("One or more verification methods."),
    )
    evidence_sv = models.TextField(_("evidence (Swedish)"), blank=True)
    evidence_en = models.TextField(_("evidence (English)"), blank=True)
    follow_up = models.CharField(
        _("follow-up frequency"), max_length=12, choices=FollowUpFrequency.choices, blank=True
    )
    crisis_levels = models.JSONField(_("applies at crisis levels"), default=list, blank=True)
    answer_name = models.CharField(_("answer: name"), max_length=100, blank=True)
    answer_parameter = models.CharField(
        _("answer: stress-test parameter"),
        max_length=60,
        blank=True,
        help_text=_(
            "The model parameter the answer sets, e.g. stock_days.dry or backup_power_hours."
        ),
    )
    answer_unit = models.CharField(_("answer: unit"), max_length=30, blank=True)
    answer_type = models.CharField(
        _("answer: type"), max_length=10, choices=AnswerType.choices, blank=True
    )
    answer_min = models.FloatField(_("answer: minimum"), null=True, blank=True)
    answer_max = models.FloatField(_("answer: maximum"), null=True, blank=True)
    is_current = models.BooleanField(
        _("current version"), default=True, help_text=_("False once a newer version exists.")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["krav_id", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["krav_id", "version"], name="unique_krav_version")
        ]
        verbose_name = _("requirement")
        verbose_name_plural = _("requirements")

    def __str__(self) -> str:
        return f"{self.identifier} {self.title}"

    def clean(self) -> None:
        validate_requirement(self)

    @property
    def is_shared(self) -> bool:
        """Part of Beredd's shared starter library (read-only for buyers)."""
        return self.organisation_id is None

    @property
    def identifier(self) -> str:
        return f"{self.krav_id}:{self.version}"

    @property
    def title(self) -> str:
        return self.title_en if translation.get_language() == "en" else self.title_sv

    @property
    def text(self) -> str:
        return self.text_en if translation.get_language() == "en" else self.text_sv

    @property
    def verification_labels(self) -> list[str]:
        return [
            str(Verification(code).label)
            for code in self.verification
            if code in Verification.values
        ]

    @property
    def crisis_level_labels(self) -> list[str]:
        return [
            str(CrisisLevel(code).label)
            for code in self.crisis_levels
            if code in CrisisLevel.values
        ]

    @property
    def evidence(self) -> str:
        return self.evidence_en if translation.get_language() == "en" else self.evidence_sv
