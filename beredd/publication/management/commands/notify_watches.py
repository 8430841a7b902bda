"""Mail every supplier the tenders published since the last mail that match their watches."""

from django.core.management.base import BaseCommand, CommandParser

from beredd.publication.models import Watch
from beredd.publication.services import watch_notify


class Command(BaseCommand):
    help = "E-mail new matches of every watch (run daily, e.g. from cron)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--site-url",
            default="http://127.0.0.1:8000",
            help="Address that links in the mails start with.",
        )

    def handle(self, *args, site_url: str, **options) -> None:  # type: ignore[no-untyped-def]
        mailed = 0
        for watch in Watch.objects.select_related("user"):
            if watch_notify(watch=watch, site_url=site_url):
                mailed += 1
        self.stdout.write(f"{mailed} watch(es) had new matches.")
