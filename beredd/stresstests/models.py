"""A stress test run: the exact inputs it was computed from, its progress and its results."""

import secrets
from datetime import timedelta

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from beredd.accounts.models import Organisation

MAX_SEED = 2**31 - 1
WAIT_HINT = timedelta(minutes=1)
STALLED_AFTER = timedelta(minutes=10)


def random_seed() -> int:
    return secrets.randbelow(MAX_SEED)


def max_draws() -> int:
    return int(getattr(settings, "STRESSTEST_MAX_DRAWS", 500))


# Detail values (draw x day x unit-or-supplier, summed over scenarios) a run may keep: about
# 8 bytes each in memory while one scenario is simulated and in the .npz file. 100 million
# values is under 1 GB; the largest allowed draws on a national network would need ~13 GB.
DEFAULT_MAX_DETAIL_CELLS = 100_000_000


def max_detail_cells() -> int:
    return int(getattr(settings, "STRESSTEST_MAX_DETAIL_CELLS", DEFAULT_MAX_DETAIL_CELLS))


class RunStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class StressTestRun(models.Model):
    """One stress test of an organisation's network under one or more scenarios.

    `network` and `scenarios` are copies of the inputs as they were when the run started, so a
    re-run with the same seed reproduces the numbers even after the network has changed.
    """

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="stress_test_runs"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    name = models.CharField(_("name"), max_length=200)
    rerun_of = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="reruns"
    )
    network = models.JSONField(_("network"), help_text=_("The network file the run used."))
    scenarios = models.JSONField(_("scenarios"), help_text=_("The scenario files the run used."))
    draws = models.PositiveIntegerField(
        _("draws"), validators=[MinValueValidator(1), MaxValueValidator(100_000)]
    )
    seed = models.PositiveBigIntegerField(
        _("seed"), default=random_seed, validators=[MaxValueValidator(MAX_SEED)]
    )
    tts_horizon_days = models.PositiveIntegerField(
        _("time-to-survive horizon (days)"), default=90, validators=[MinValueValidator(1)]
    )
    status = models.CharField(
        _("status"), max_length=10, choices=RunStatus.choices, default=RunStatus.QUEUED
    )
    draws_done = models.PositiveIntegerField(_("draws done"), default=0)
    draws_total = models.PositiveIntegerField(_("draws in total"), default=0)
    error = models.TextField(_("error"), blank=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    summary = models.JSONField(_("summary"), default=dict, blank=True)
    detail = models.FileField(_("detail file"), upload_to="stresstests/", blank=True)
    task_id = models.CharField(_("task id"), max_length=64, blank=True)
    progress_at = models.DateTimeField(_("last progress report"), null=True, blank=True)
    language = models.CharField(
        _("language"), max_length=8, default="sv", help_text=_("Language of messages from the run.")
    )

    history = HistoricalRecords(
        # Who started, renamed or deleted a run; its inputs and results never change and are
        # large, and progress is written with update(), so they stay out of history.
        excluded_fields=["network", "scenarios", "summary", "draws_done", "progress_at"],
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("stress test run")
        verbose_name_plural = _("stress test runs")

    def __str__(self) -> str:
        return self.name

    @property
    def progress(self) -> float:
        """Share of draws done, 0..1."""
        if self.status == RunStatus.DONE:
            return 1.0
        return self.draws_done / self.draws_total if self.draws_total else 0.0

    @property
    def progress_percent(self) -> int:
        """Whole per cent done, in integers: int(0.58 * 100) would say 57."""
        if self.status == RunStatus.DONE:
            return 100
        return self.draws_done * 100 // self.draws_total if self.draws_total else 0

    @property
    def is_finished(self) -> bool:
        return self.status in (RunStatus.DONE, RunStatus.FAILED)

    @property
    def is_waiting_long(self) -> bool:
        """Queued for longer than a worker needs to pick it up: is the worker running?"""
        return self.status == RunStatus.QUEUED and timezone.now() - self.created_at > WAIT_HINT

    @property
    def is_stalled(self) -> bool:
        """Running without a progress report for a long time: the worker probably stopped."""
        last = self.progress_at or self.started_at or self.created_at
        return self.status == RunStatus.RUNNING and timezone.now() - last > STALLED_AFTER
