"""URLs of the requirements app."""

from django.urls import path

from . import views

app_name = "requirements"
urlpatterns = [
    path("", views.library, name="library"),
    path("export.xlsx", views.export, name="export"),
    path("new/", views.create, name="create"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/copy/", views.copy, name="copy"),
    path("<int:pk>/revise/", views.revise, name="revise"),
]
