"""URLs of the requirements app."""

from django.urls import path  # noqa: F401

app_name = "requirements"
urlpatterns: list = []
