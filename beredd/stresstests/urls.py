"""URLs of the stresstests app."""

from django.urls import path

from beredd.stresstests import views

app_name = "stresstests"
urlpatterns = [
    path("", views.RunListView.as_view(), name="run_list"),
    path("new/", views.RunCreateView.as_view(), name="run_create"),
    path("compare/", views.RunCompareView.as_view(), name="run_compare"),
    path("<int:pk>/", views.RunDetailView.as_view(), name="run_detail"),
    path("<int:pk>/results/", views.RunResultsView.as_view(), name="run_results"),
    path("<int:pk>/download.<str:fmt>", views.RunDownloadView.as_view(), name="run_download"),
    path("<int:pk>/rerun/", views.RunRerunView.as_view(), name="run_rerun"),
    path("<int:pk>/what-if/", views.RunWhatIfView.as_view(), name="run_what_if"),
    path(
        "<int:pk>/what-if/new-supplier/",
        views.RunWhatIfView.as_view(add=True),
        name="run_what_if_add",
    ),
]
