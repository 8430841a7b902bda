"""Write-logic for watches: save a search, mark it seen, delete it, mail new matches."""

from django.core.mail import send_mail
from django.http import QueryDict
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from beredd.accounts.models import User
from beredd.publication.filters import normalised_query
from beredd.publication.models import Watch
from beredd.publication.selectors import watch_matches


def watch_create(*, user: User, name: str, query: str) -> Watch:
    """Save a search; `query` is a query string, stored in its normalised form."""
    watch = Watch(user=user, name=name, query=normalised_query(QueryDict(query)))
    watch.full_clean()
    watch.save()
    return watch


def watch_mark_seen(*, watch: Watch) -> None:
    watch.last_seen_at = timezone.now()
    watch.save(update_fields=["last_seen_at"])


def watch_delete(*, watch: Watch) -> None:
    watch.delete()


def watch_notify(*, watch: Watch, site_url: str) -> int:
    """Mail the watch's owner the matches published since the last mail; returns how many."""
    since = watch.notified_at or watch.created_at
    matches = list(watch_matches(watch).filter(published_at__gt=since))
    if matches and watch.user.email:
        body = render_to_string(
            "publication/email/new_matches.txt",
            {"watch": watch, "matches": matches, "site_url": site_url.rstrip("/")},
        )
        subject = _("New tenders for your watch “%(name)s”") % {"name": watch.name}
        send_mail(subject, body, None, [watch.user.email])
    watch.notified_at = timezone.now()
    watch.save(update_fields=["notified_at"])
    return len(matches)
