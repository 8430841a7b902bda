"""Atom feeds: one for any search (same query string as the list), one per watch (secret token)."""

from django.contrib.syndication.views import Feed
from django.http import Http404, HttpRequest, QueryDict
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from beredd.core.files import plain_text
from beredd.procurement.models import Procurement
from beredd.procurement.selectors import published_procurements
from beredd.publication.filters import TenderFilter
from beredd.publication.models import Watch

FEED_SIZE = 50


class TenderFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request: HttpRequest, *args, **kwargs) -> QueryDict:  # type: ignore[override]
        return request.GET

    def title(self, query: QueryDict) -> str:
        return _("Published tenders – Beredd")

    def subtitle(self, query: QueryDict) -> str:
        return _("Tenders matching your search")

    def link(self, query: QueryDict) -> str:
        encoded = query.urlencode()
        return reverse("publication:list") + (f"?{encoded}" if encoded else "")

    def items(self, query: QueryDict) -> list[Procurement]:
        return list(TenderFilter(query, queryset=published_procurements()).qs[:FEED_SIZE])

    def item_title(self, item: Procurement) -> str:
        return plain_text(f"{item.title} ({item.organisation.name})")

    def item_description(self, item: Procurement) -> str:
        return plain_text(item.description)

    def item_link(self, item: Procurement) -> str:
        return reverse("publication:detail", args=[item.pk])

    def item_pubdate(self, item: Procurement):  # type: ignore[no-untyped-def]
        return item.published_at

    def item_updateddate(self, item: Procurement):  # type: ignore[no-untyped-def]
        return item.updated_at

    def item_author_name(self, item: Procurement) -> str:
        return plain_text(item.organisation.name)


class WatchFeed(TenderFeed):
    """Feed readers cannot log in, so the unguessable token in the address is the key."""

    def get_object(self, request: HttpRequest, token: str) -> Watch:  # type: ignore[override]
        if "\x00" in token:  # PostgreSQL refuses NUL in a string; no token has one
            raise Http404
        return get_object_or_404(Watch, feed_token=token)

    def title(self, watch: Watch) -> str:  # type: ignore[override]
        return plain_text(_("Watch “%(name)s” – Beredd") % {"name": watch.name})

    def link(self, watch: Watch) -> str:  # type: ignore[override]
        return super().link(QueryDict(watch.query))

    def items(self, watch: Watch) -> list[Procurement]:  # type: ignore[override]
        return super().items(QueryDict(watch.query))
