"""URLs of the procurement app."""

from django.urls import path  # noqa: F401

app_name = "procurement"
urlpatterns: list = []
