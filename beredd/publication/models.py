"""A supplier's saved search (watch) over published tenders, with a secret feed address."""

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


def new_feed_token() -> str:
    return secrets.token_urlsafe(24)


class Watch(models.Model):
    """`query` is the normalised query string of the search, e.g. `category=dry&cpv=158`."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="watches"
    )
    name = models.CharField(_("name"), max_length=100)
    query = models.CharField(_("search"), max_length=1000, blank=True)
    feed_token = models.CharField(max_length=64, unique=True, default=new_feed_token)
    created_at = models.DateTimeField(auto_now_add=True)
    last_seen_at = models.DateTimeField(null=True, blank=True)
    notified_at = models.DateTimeField(null=True, blank=True)

    history = HistoricalRecords(excluded_fields=["feed_token"])  # the feed address is a secret

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("watch")
        verbose_name_plural = _("watches")

    def __str__(self) -> str:
        return self.name
