"""URLs of the requirements app."""

from django.urls import path

from . import views

app_name = "requirements"
urlpatterns = [
    path("", views.library, name="library"),
    path("export.xlsx", views.export, name="export"),
    path("new/", views.create, name="create"),
    path("<id:pk>/", views.detail, name="detail"),
    path("<id:pk>/copy/", views.copy, name="copy"),
    path("<id:pk>/revise/", views.revise, name="revise"),
]
