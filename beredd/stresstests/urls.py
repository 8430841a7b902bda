"""URLs of the stresstests app."""

from django.urls import path  # noqa: F401

app_name = "stresstests"
urlpatterns: list = []
