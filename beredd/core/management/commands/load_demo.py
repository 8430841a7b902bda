"""Load the fictional demo region; each app adds its part in `beredd.<app>.demo.load(context)`."""

import importlib
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction

# Order matters: later steps use what earlier ones created (context["organisations"], ...).
STEPS = (
    "beredd.accounts.demo",
    "beredd.network.demo",
    "beredd.readiness.demo",
    "beredd.requirements.demo",
    "beredd.procurement.demo",
    "beredd.dialogue.demo",
    "beredd.publication.demo",
    "beredd.stresstests.demo",
)


class Command(BaseCommand):
    help = "Load the demo region (organisations, units, suppliers, analyses, procurements)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--reset", action="store_true", help="Delete the demo region first and load it anew."
        )

    def handle(self, *args: Any, reset: bool = False, **options: Any) -> None:
        from beredd.accounts.demo import delete_demo, demo_exists

        if demo_exists() and not reset:
            self.stdout.write("The demo region is already loaded (use --reset to load it anew).")
        else:
            with transaction.atomic():
                if reset:
                    delete_demo()
                context: dict[str, Any] = {"organisations": {}, "users": {}, "logins": []}
                for step in STEPS:
                    try:
                        module = importlib.import_module(step)
                    except ModuleNotFoundError as error:
                        if error.name != step:
                            raise
                        continue
                    module.load(context)
        self.print_logins()

    def print_logins(self) -> None:
        from beredd.accounts.demo import demo_logins

        self.stdout.write(self.style.SUCCESS("Demo logins (all share the password shown):"))
        for role, username, password, organisation in demo_logins():
            self.stdout.write(f"  {role:<42} {username:<26} {password}   ({organisation})")
