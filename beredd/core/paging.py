"""One page of a long list, with the search it came from, for `core/_pagination.html`."""

from typing import Any

from django.core.paginator import Paginator
from django.http import HttpRequest


def paginated(request: HttpRequest, items: Any, per_page: int) -> dict[str, Any]:
    """`page` (the requested page of `items`) and `query` (the search without "page")."""
    query = request.GET.copy()
    query.pop("page", None)
    page = Paginator(items, per_page).get_page(request.GET.get("page"))
    return {"page": page, "query": query.urlencode()}
