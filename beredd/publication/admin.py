"""Admin for watches."""

from django.contrib import admin

from beredd.publication.models import Watch


@admin.register(Watch)
class WatchAdmin(admin.ModelAdmin):
    list_display = ["name", "user", "query", "last_seen_at"]
    exclude = ["feed_token"]
