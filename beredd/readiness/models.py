"""Readiness analysis per critical activity, in the four strategic steps of seed 002.

1 analyse (units, dependencies, consequences, responsible roles), 2 decide the path
(own production, procurement under LOU, customer choice under LOV), 3 prepare the
organisation (checklist), 4 communicate. Every row keeps its history (who, when, what).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from beredd.accounts.models import Organisation
from beredd.network.models import MealUnit


class StepStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")


class Path(models.TextChoices):
    """The path decision of step 2 (seed 002: "Besluta om vägval")."""

    OWN_PRODUCTION = "own_production", _("Own production")
    PROCUREMENT = "procurement", _("Procurement (LOU)")
    CUSTOMER_CHOICE = "customer_choice", _("Customer-choice system (LOV)")


class CriticalActivity(models.Model):
    """A critical public service that depends on food, e.g. "Måltider inom äldreomsorgen"."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="critical_activities"
    )
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    units = models.ManyToManyField(MealUnit, verbose_name=_("meal units"), blank=True)
    analysis_status = models.CharField(
        _("status of the analysis"),
        max_length=12,
        choices=StepStatus.choices,
        default=StepStatus.NOT_STARTED,
    )
    decision_status = models.CharField(
        _("status of the path decision"),
        max_length=12,
        choices=StepStatus.choices,
        default=StepStatus.NOT_STARTED,
    )
    preparation_status = models.CharField(
        _("status of the preparation"),
        max_length=12,
        choices=StepStatus.choices,
        default=StepStatus.NOT_STARTED,
    )
    communication_status = models.CharField(
        _("status of the communication"),
        max_length=12,
        choices=StepStatus.choices,
        default=StepStatus.NOT_STARTED,
    )
    path = models.CharField(_("path"), max_length=20, choices=Path.choices, blank=True)
    path_rationale = models.TextField(
        _("rationale"), blank=True, help_text=_("Why this path: the analysis behind the decision.")
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by (member)"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_by_name = models.CharField(
        _("decided by (body or role)"),
        max_length=200,
        blank=True,
        help_text=_("E.g. the social welfare committee, if not a member of Beredd."),
    )
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(m2m_fields=[units])

    class Meta:
        ordering = ["name"]
        verbose_name = _("critical activity")
        verbose_name_plural = _("critical activities")

    def __str__(self) -> str:
        return self.name


class DependencyKind(models.TextChoices):
    POWER = "power", _("Power")
    WATER = "water", _("Water")
    STAFF = "staff", _("Staff")
    TRANSPORT = "transport", _("Transport")
    IT = "it", _("IT")
    SUPPLIERS = "suppliers", _("Suppliers")
    OTHER = "other", _("Other")


class Severity(models.TextChoices):
    LOW = "low", _("Low")
    MEDIUM = "medium", _("Medium")
    HIGH = "high", _("High")


class Dependency(models.Model):
    activity = models.ForeignKey(
        CriticalActivity, on_delete=models.CASCADE, related_name="dependencies"
    )
    kind = models.CharField(_("kind"), max_length=12, choices=DependencyKind.choices)
    description = models.CharField(_("description"), max_length=300)
    severity = models.CharField(
        _("how critical"), max_length=8, choices=Severity.choices, default=Severity.MEDIUM
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["kind", "id"]
        verbose_name = _("dependency")
        verbose_name_plural = _("dependencies")

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.description}"


class Horizon(models.IntegerChoices):
    """How long the delivery is late or missing, in hours."""

    HOURS_4 = 4, _("after 4 hours")
    DAY_1 = 24, _("after 1 day")
    DAYS_3 = 72, _("after 3 days")
    WEEK_1 = 168, _("after 1 week")
    MONTH_1 = 720, _("after 1 month")


class Consequence(models.Model):
    """What happens to the people served when delivery is late or missing for a while."""

    activity = models.ForeignKey(
        CriticalActivity, on_delete=models.CASCADE, related_name="consequences"
    )
    horizon_hours = models.PositiveIntegerField(_("horizon"), choices=Horizon.choices)
    description = models.CharField(_("consequence"), max_length=500)
    history = HistoricalRecords()

    class Meta:
        ordering = ["horizon_hours", "id"]
        verbose_name = _("consequence")
        verbose_name_plural = _("consequences")

    def __str__(self) -> str:
        return f"{self.get_horizon_hours_display()}: {self.description}"


class ResponsibleRole(models.Model):
    """Who answers for a part of the activity: a member of Beredd, or a named person."""

    activity = models.ForeignKey(
        CriticalActivity, on_delete=models.CASCADE, related_name="responsibles"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    name = models.CharField(
        _("name"), max_length=200, blank=True, help_text=_("If the person is not a member.")
    )
    role = models.CharField(_("role or responsibility"), max_length=200)
    history = HistoricalRecords()

    class Meta:
        ordering = ["id"]
        verbose_name = _("responsible role")
        verbose_name_plural = _("responsible roles")

    def __str__(self) -> str:
        who = self.user.get_full_name() or self.user.username if self.user else self.name
        return f"{self.role}: {who}"


class StandardItem(models.TextChoices):
    """The checklist every activity starts with (seed 002: "Förbered organisationen")."""

    POLICY = "policy", _("Policy or steering document adopted or revised")
    TIME = "time", _("Time set aside for the operational work")
    RESOURCES = "resources", _("Resources for the operational work")
    ROUTINES = "routines", _("Routines for the operational work")
    COOPERATION = (
        "cooperation",
        _("Cooperation between procurement, needs owner and preparedness coordinator agreed"),
    )


class ChecklistItem(models.Model):
    activity = models.ForeignKey(
        CriticalActivity, on_delete=models.CASCADE, related_name="checklist"
    )
    standard = models.CharField(
        _("standard item"), max_length=12, choices=StandardItem.choices, blank=True
    )
    title = models.CharField(_("task"), max_length=300)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    due_date = models.DateField(_("due date"), null=True, blank=True)
    done = models.BooleanField(_("done"), default=False)
    done_on = models.DateField(_("done on"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["id"]
        verbose_name = _("checklist item")
        verbose_name_plural = _("checklist items")

    def __str__(self) -> str:
        return self.title


class CommunicationEntry(models.Model):
    """Step 4: what was communicated to whom, how and when."""

    activity = models.ForeignKey(
        CriticalActivity, on_delete=models.CASCADE, related_name="communications"
    )
    what = models.CharField(_("what"), max_length=300)
    audience = models.CharField(_("to whom"), max_length=200)
    channel = models.CharField(
        _("channel"), max_length=100, blank=True, help_text=_("E.g. intranet, meeting, e-mail.")
    )
    communicated_on = models.DateField(_("when"))
    history = HistoricalRecords()

    class Meta:
        ordering = ["communicated_on", "id"]
        verbose_name = _("communication")
        verbose_name_plural = _("communications")

    def __str__(self) -> str:
        return f"{self.what} → {self.audience}"
