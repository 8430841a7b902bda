"""Write a consistent backup of the database and the uploaded files into a folder."""

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DEFAULT_DB_ALIAS, connections

from beredd.audit.backup import BackupError, backup_write


class Command(BaseCommand):
    help = "Back up the database and MEDIA_ROOT into DIR as one .tar.gz with a SHA-256 manifest."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("directory", type=Path)
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            archive = backup_write(
                options["directory"],
                db=connections[options["database"]],
                media_root=Path(settings.MEDIA_ROOT),
            )
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(str(archive))
