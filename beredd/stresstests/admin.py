"""Stress test runs in the Django admin, for support: read what ran, with which inputs."""

from django.contrib import admin

from beredd.stresstests.models import StressTestRun


@admin.register(StressTestRun)
class StressTestRunAdmin(admin.ModelAdmin):
    list_display = ("name", "organisation", "status", "draws", "seed", "created_at", "finished_at")
    list_filter = ("status", "organisation")
    search_fields = ("name", "organisation__name")
    readonly_fields = ("created_at", "started_at", "finished_at", "task_id", "rerun_of")
    raw_id_fields = ("created_by",)
