"""Adds starter-library versions that are new in data/starter_library.json (migration 0003 ran
with an older file); existing versions are never changed."""

from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction

from beredd.requirements.library import load_starter_library


class Command(BaseCommand):
    help = "Load the shared starter library of requirements (idempotent)."

    def handle(self, *args: Any, **options: Any) -> None:
        with transaction.atomic():
            added = load_starter_library()
        self.stdout.write(f"Added {added} requirement version(s) to the shared library.")
