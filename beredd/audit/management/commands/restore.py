"""Restore a backup written by `manage.py backup` into an empty database and media folder."""

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DEFAULT_DB_ALIAS, connections

from beredd.audit.backup import BackupError, backup_restore


class Command(BaseCommand):
    help = "Check a backup's manifest and restore it; refuses a non-empty database unless --force."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("archive", type=Path)
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)
        parser.add_argument(
            "--force", action="store_true", help="overwrite a database that has data"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            manifest = backup_restore(
                options["archive"],
                db=connections[options["database"]],
                media_root=Path(settings.MEDIA_ROOT),
                force=options["force"],
            )
        except BackupError as error:
            raise CommandError(f"Not restored: {error}") from error
        count, head = manifest["audit_head"]
        self.stdout.write(
            f"Restored {len(manifest['sha256'])} parts from {manifest['created_at']}; "
            f"audit log head {count}:{head} (check it with audit_verify --head {count}:{head})"
        )
