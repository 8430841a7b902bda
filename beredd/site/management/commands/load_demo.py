"""Load the fictional demo region; each app adds its part in `beredd.<app>.demo.load(context)`.

The command spans every app, so it lives in the top layer and imports each app's demo module
by name: a missing module is an ImportError here, never a silently skipped step.
"""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction

from beredd.accounts import demo as accounts_demo
from beredd.dialogue import demo as dialogue_demo
from beredd.network import demo as network_demo
from beredd.procurement import demo as procurement_demo
from beredd.publication import demo as publication_demo
from beredd.readiness import demo as readiness_demo
from beredd.requirements import demo as requirements_demo
from beredd.stresstests import demo as stresstests_demo

# Order matters: later steps use what earlier ones created (context["organisations"], ...).
STEPS = (
    accounts_demo.load,
    network_demo.load,
    readiness_demo.load,
    requirements_demo.load,
    procurement_demo.load,
    dialogue_demo.load,
    publication_demo.load,
    stresstests_demo.load,
)


class Command(BaseCommand):
    help = "Load the demo region (organisations, units, suppliers, analyses, procurements)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--reset", action="store_true", help="Delete the demo region first and load it anew."
        )

    def handle(self, *args: Any, reset: bool = False, **options: Any) -> None:
        if accounts_demo.demo_exists() and not reset:
            self.stdout.write("The demo region is already loaded (use --reset to load it anew).")
        else:
            with transaction.atomic():
                if reset:
                    accounts_demo.delete_demo()
                context: dict[str, Any] = {"organisations": {}, "users": {}, "logins": []}
                for load in STEPS:
                    load(context)
        self.print_logins()

    def print_logins(self) -> None:
        self.stdout.write(self.style.SUCCESS("Demo logins (all share the password shown):"))
        for role, username, password, organisation in accounts_demo.demo_logins():
            self.stdout.write(f"  {role:<42} {username:<26} {password}   ({organisation})")
