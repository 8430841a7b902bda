"""URLs of the publication app: public search, detail and feeds; suppliers' watches."""

from django.urls import path

from beredd.publication import views
from beredd.publication.feeds import TenderFeed, WatchFeed
from beredd.security import rate_limited

search_limit = rate_limited("search", "RATELIMIT_SEARCH")
feed_limit = rate_limited("feed", "RATELIMIT_FEED")

app_name = "publication"
urlpatterns = [
    path("", search_limit(views.tender_list), name="list"),
    path("feed/", feed_limit(TenderFeed()), name="feed"),
    path("<id:pk>/", views.tender_detail, name="detail"),
    path("watches/", views.watch_list, name="watch_list"),
    path("watches/new/", views.watch_create, name="watch_create"),
    path("watches/seen/", views.watch_seen, name="watch_seen"),
    path("watches/<id:pk>/delete/", views.watch_delete, name="watch_delete"),
    path("watches/feed/<str:token>/", feed_limit(WatchFeed()), name="watch_feed"),
]
