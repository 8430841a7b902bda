"""URLs of the readiness app."""

from django.urls import path

from . import views

app_name = "readiness"
urlpatterns = [
    path("", views.activity_list, name="activity_list"),
    path("new/", views.activity_create, name="activity_create"),
    path("overview/", views.overview, name="overview"),
    path("overview.docx", views.overview_docx, name="overview_docx"),
    path("<id:pk>/", views.activity_detail, name="activity_detail"),
    path("<id:pk>/step/<slug:step>/", views.step_edit, name="step"),
    path("<id:pk>/brief/", views.activity_brief, name="brief"),
    path("<id:pk>/brief.docx", views.activity_brief_file, {"kind": "docx"}, name="brief_docx"),
    path("<id:pk>/brief.pdf", views.activity_brief_file, {"kind": "pdf"}, name="brief_pdf"),
]
