"""URLs of the dialogue app."""

from django.urls import path  # noqa: F401

app_name = "dialogue"
urlpatterns: list = []
