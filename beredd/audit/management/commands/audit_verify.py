"""Check the whole audit chain in the database DATABASE_URL names; exit 1 at the first break."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from beredd.audit.verify import audit_verify


def parse_head(value: str) -> tuple[int, str]:
    count, _, digest = value.partition(":")
    if not count.isascii() or not count.isdigit() or len(digest) != 64:
        raise CommandError(f"--head must be COUNT:SHA256 as printed in a receipt, not {value!r}")
    return int(count), digest.lower()


class Command(BaseCommand):
    help = "Check the audit log's hash chain and name the first edited, deleted or inserted entry."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--head", help="COUNT:SHA256 from a receipt; the chain must still contain it"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        head = parse_head(options["head"]) if options["head"] else None
        check = audit_verify(head=head)
        if not check.intact:
            raise CommandError(f"Audit log broken: {check.problem}", returncode=1)
        self.stdout.write(f"Audit log intact: {check.count} entries, head {check.head_hash}")
