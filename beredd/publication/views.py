"""Public tender search and detail pages; suppliers' watches."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from beredd.accounts.access import AuthenticatedHttpRequest, member_required
from beredd.accounts.models import Organisation, Role, User
from beredd.dialogue.selectors import published_questions
from beredd.procurement.selectors import published_procurements
from beredd.publication import services
from beredd.publication.filters import MAX_QUERY_TERMS, TenderFilter, normalised_query
from beredd.publication.forms import WatchForm
from beredd.publication.selectors import (
    get_published_procurement,
    is_new_for,
    lot_summaries,
    user_watches,
    watch_matches,
    with_lot_counts,
)

PAGE_SIZE = 25


def _is_bid_manager(request: HttpRequest) -> bool:
    user = request.user
    if not isinstance(user, User) or user.organisation is None:
        return False
    return user.organisation.is_supplier and user.has_role(Role.BID_MANAGER)


def _buyer_of(tender_filter: TenderFilter) -> Organisation | None:
    """The organisation a "follow this buyer" search is limited to, to say so on the page."""
    slug = tender_filter.form.cleaned_data.get("buyer") if tender_filter.is_valid() else None
    return Organisation.objects.filter(slug=slug).first() if slug else None


def tender_list(request: HttpRequest) -> HttpResponse:
    tender_filter = TenderFilter(request.GET, queryset=published_procurements())
    query = normalised_query(request.GET)
    page = Paginator(tender_filter.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = with_lot_counts(list(page.object_list))
    context = {
        "filter": tender_filter,
        "page": page,
        "query": query,
        "feed_url": reverse("publication:feed") + (f"?{query}" if query else ""),
        "can_watch": _is_bid_manager(request),
        "watch_form": WatchForm(initial={"query": query}),
        "buyer": _buyer_of(tender_filter),
        "query_shortened": tender_filter.is_valid() and tender_filter.form.query_shortened,
        "max_terms": MAX_QUERY_TERMS,
    }
    return render(request, "publication/tender_list.html", context)


def tender_detail(request: HttpRequest, pk: int) -> HttpResponse:
    procurement = get_published_procurement(pk)
    context = {
        "procurement": procurement,
        "lots": lot_summaries(procurement),
        "questions": published_questions(procurement),
        "is_bid_manager": _is_bid_manager(request),
    }
    return render(request, "publication/tender_detail.html", context)


@member_required(Role.BID_MANAGER, buyer=False)
def watch_list(request: AuthenticatedHttpRequest, organisation: Organisation) -> HttpResponse:
    rows = []
    for watch in user_watches(request.user):
        matches = list(watch_matches(watch))
        rows.append(
            {
                "watch": watch,
                "matches": [(tender, is_new_for(watch, tender)) for tender in matches],
                "new_count": sum(is_new_for(watch, tender) for tender in matches),
            }
        )
    # Reading changes nothing: the supplier marks the watches seen with a button (POST).
    any_new = any(row["new_count"] for row in rows)
    return render(request, "publication/watch_list.html", {"rows": rows, "any_new": any_new})


@member_required(Role.BID_MANAGER, buyer=False)
@require_POST
def watch_seen(request: AuthenticatedHttpRequest, organisation: Organisation) -> HttpResponse:
    for watch in user_watches(request.user):
        services.watch_mark_seen(watch=watch)
    messages.success(request, _("Every tender in your watches is marked as seen."))
    return redirect("publication:watch_list")


@member_required(Role.BID_MANAGER, buyer=False)
def watch_create(request: AuthenticatedHttpRequest, organisation: Organisation) -> HttpResponse:
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = WatchForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, " ".join(str(error) for error in errors))
        query = normalised_query(QueryDict(request.POST.get("query", "")))
        return redirect(reverse("publication:list") + (f"?{query}" if query else ""))
    watch = services.watch_create(user=request.user, **form.cleaned_data)
    messages.success(request, _("The watch “%(name)s” is saved.") % {"name": watch.name})
    return redirect("publication:watch_list")


@member_required(Role.BID_MANAGER, buyer=False)
def watch_delete(
    request: AuthenticatedHttpRequest, pk: int, organisation: Organisation
) -> HttpResponse:
    watch = get_object_or_404(user_watches(request.user), pk=pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    services.watch_delete(watch=watch)
    messages.success(request, _("The watch “%(name)s” is deleted.") % {"name": watch.name})
    return redirect("publication:watch_list")
