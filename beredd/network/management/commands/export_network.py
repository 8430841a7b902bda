"""`manage.py export_network --org ORG`: the same network file as `beredd network export`."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from beredd.network.cli import write_network


class Command(BaseCommand):
    help = "Write a buyer organisation's supply network in the stress-test file format (JSON)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--org", required=True, help="the organisation's slug or id")

    def handle(self, *args: Any, **options: Any) -> None:
        if not write_network(options["org"], self.stdout):
            raise CommandError(f"No buyer organisation with slug or id {options['org']!r}.")
