"""Readiness analysis per critical activity, in the four strategic steps of seed 002."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from beredd.accounts.models import Organisation
from beredd.network.models import MealUnit


class CriticalActivity(models.Model):
    """A critical public service that depends on food, e.g. "Måltider inom äldreomsorgen"."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="critical_activities"
    )
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    units = models.ManyToManyField(MealUnit, verbose_name=_("meal units"), blank=True)
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
