"""Market dialogue before publication (requests for information) and questions during the tender.

A request for information (RFI) goes to the whole market while a procurement is being prepared;
suppliers answer under their own name. Questions during the tender are answered to everyone and
published without the asker's identity: only the buyer sees who asked.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from beredd.accounts.models import Organisation
from beredd.procurement.models import Procurement


class RequestForInformation(models.Model):
    procurement = models.ForeignKey(
        Procurement,
        verbose_name=_("procurement"),
        on_delete=models.CASCADE,
        related_name="requests_for_information",
    )
    title = models.CharField(_("title"), max_length=200)
    questions = models.TextField(
        _("questions to the market"),
        help_text=_("What you want suppliers to tell you; plain language helps small firms."),
    )
    answer_deadline = models.DateField(_("answer by"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-answer_deadline", "-id"]
        verbose_name = _("request for information")
        verbose_name_plural = _("requests for information")

    def __str__(self) -> str:
        return self.title


class RfiAnswer(models.Model):
    """One supplier organisation's answer to an RFI; it may revise it until the deadline."""

    rfi = models.ForeignKey(RequestForInformation, on_delete=models.CASCADE, related_name="answers")
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("supplier"), on_delete=models.CASCADE, related_name="+"
    )
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    text = models.TextField(_("answer"))
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(fields=["rfi", "organisation"], name="unique_rfi_answer")
        ]
        verbose_name = _("answer to a request for information")
        verbose_name_plural = _("answers to requests for information")

    def __str__(self) -> str:
        return f"{self.rfi} – {self.organisation}"


class Question(models.Model):
    """A supplier's question during the tender period and the buyer's answer to everyone."""

    procurement = models.ForeignKey(
        Procurement,
        verbose_name=_("procurement"),
        on_delete=models.CASCADE,
        related_name="questions",
    )
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("asked by"), on_delete=models.CASCADE, related_name="+"
    )
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    text = models.TextField(_("question"))
    asked_at = models.DateTimeField(auto_now_add=True)
    public_text = models.TextField(
        _("question as published"),
        blank=True,
        help_text=_("The buyer may reword the question so that nothing reveals who asked."),
    )
    answer = models.TextField(_("answer"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    answered_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["asked_at", "id"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self) -> str:
        return self.text[:60]

    @property
    def published_text(self) -> str:
        return self.public_text or self.text

    @property
    def status(self) -> str:
        if self.published_at:
            return "published"
        return "answered" if self.answer else "open"
