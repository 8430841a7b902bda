"""Loads the shared starter library, so every installation and every test database has it."""

from django.db import migrations


def load(apps, schema_editor):
    from beredd.requirements.library import load_starter_library

    load_starter_library(apps.get_model("requirements", "Requirement"))


class Migration(migrations.Migration):
    dependencies = [("requirements", "0002_verification_blank")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
