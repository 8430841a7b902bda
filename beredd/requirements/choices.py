"""The fixed choices of a requirement: area, type, level, verification, crisis level, answer type.

Below both models and validation, so that the rules can name them without importing the model.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Area(models.TextChoices):
    RESILIENCE = "resilience", _("Preparedness and delivery reliability")
    ENVIRONMENT = "environment", _("Environment")
    ANIMAL_WELFARE = "animal_welfare", _("Animal welfare")
    SOCIAL = "social", _("Social responsibility")
    SME = "sme", _("SME-friendliness")
    OTHER = "other", _("Other")


class RequirementType(models.TextChoices):
    QUALIFICATION = "qualification", _("Qualification requirement")
    SPECIFICATION = "specification", _("Technical specification (must)")
    AWARD_CRITERION = "award_criterion", _("Award criterion")
    CONTRACT_CONDITION = "contract_condition", _("Special contract condition")


class Level(models.TextChoices):
    BASIC = "basic", _("Basic")
    ADVANCED = "advanced", _("Advanced")
    SPEARHEAD = "spearhead", _("Spearhead")


class Verification(models.TextChoices):
    SELF_DECLARATION = "self_declaration", _("Self-declaration")
    EVIDENCE = "evidence", _("Document or evidence")
    AUDIT = "audit", _("Audit")
    EXERCISE = "exercise", _("Exercise")
    FOLLOW_UP = "follow_up", _("Follow-up during the contract")


class CrisisLevel(models.TextChoices):
    NORMAL = "normal", _("Normal")
    DISRUPTION = "disruption", _("Disruption")
    CRISIS = "crisis", _("Crisis")
    HEIGHTENED_ALERT = "heightened_alert", _("Heightened alert")


class FollowUpFrequency(models.TextChoices):
    NONE = "", _("No regular follow-up")
    MONTHLY = "monthly", _("Monthly")
    QUARTERLY = "quarterly", _("Quarterly")
    YEARLY = "yearly", _("Yearly")
    ON_REQUEST = "on_request", _("On request and at exercises")


class AnswerType(models.TextChoices):
    NUMBER = "number", _("Number")
    SHARE = "share", _("Share (0–1)")
    BOOLEAN = "boolean", _("Yes/no")
    TEXT = "text", _("Text")
