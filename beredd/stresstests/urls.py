"""URLs of the stresstests app."""

from django.urls import path

from beredd.stresstests import views

app_name = "stresstests"
urlpatterns = [
    path("", views.RunListView.as_view(), name="run_list"),
    path("new/", views.RunCreateView.as_view(), name="run_create"),
    path("compare/", views.RunCompareView.as_view(), name="run_compare"),
    path("<id:pk>/", views.RunDetailView.as_view(), name="run_detail"),
    path("<id:pk>/results/", views.RunResultsView.as_view(), name="run_results"),
    path("<id:pk>/download.<str:fmt>", views.RunDownloadView.as_view(), name="run_download"),
    path("<id:pk>/rerun/", views.RunRerunView.as_view(), name="run_rerun"),
    path("<id:pk>/what-if/", views.RunWhatIfView.as_view(), name="run_what_if"),
    path(
        "<id:pk>/what-if/new-supplier/",
        views.RunWhatIfView.as_view(add=True),
        name="run_what_if_add",
    ),
]
