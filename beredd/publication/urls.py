"""URLs of the publication app."""

from django.urls import path  # noqa: F401

app_name = "publication"
urlpatterns: list = []
