"""Backups: one .tar.gz with a consistent copy of the database, the uploaded files and a manifest.

The database is copied while Beredd runs: SQLite through its online backup API (a snapshot even
while others write), PostgreSQL with `pg_dump -Fc`. The manifest holds the SHA-256 of every part,
and a restore checks all of them before it touches the database.
"""

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path
from typing import Any

from django.db.backends.base.base import BaseDatabaseWrapper
from django.utils import timezone

from .services import audit_head

MANIFEST = "manifest.json"
FORMAT = 1
DATABASE_PART = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}
MEDIA_DIR = "media"
# Tables that `migrate` fills on its own: an otherwise empty database may have rows in them.
FILLED_BY_MIGRATE = {"django_migrations", "django_content_type", "auth_permission"}


class BackupError(Exception):
    """The backup cannot be written or restored; the message says why."""


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def backup_write(directory: Path, *, db: BaseDatabaseWrapper, media_root: Path) -> Path:
    """Write beredd-backup-<UTC time>.tar.gz into `directory` and return its path."""
    directory.mkdir(parents=True, exist_ok=True)
    archive = directory / f"beredd-backup-{timezone.now():%Y%m%dT%H%M%S%fZ}.tar.gz"
    with tempfile.TemporaryDirectory() as work:
        database = _dump_database(db, Path(work))
        files = {database.name: sha256_file(database)}
        media = sorted(path for path in media_root.rglob("*") if path.is_file())
        with tarfile.open(archive, "w:gz") as tar:
            tar.add(database, arcname=database.name)
            for path in media:
                name = f"{MEDIA_DIR}/{path.relative_to(media_root).as_posix()}"
                files[name] = sha256_file(path)
                tar.add(path, arcname=name)
            manifest = {
                "format": FORMAT,
                "created_at": timezone.now().isoformat(),
                "vendor": db.vendor,
                "audit_head": list(audit_head(using=db.alias)),
                "sha256": files,
            }
            manifest_path = Path(work) / MANIFEST
            manifest_path.write_text(json.dumps(manifest, indent=2, sort_keys=True))
            tar.add(manifest_path, arcname=MANIFEST)
    return archive


def backup_restore(
    archive: Path, *, db: BaseDatabaseWrapper, media_root: Path, force: bool = False
) -> dict[str, Any]:
    """Bring a backup back into an empty database and media folder (any, with `force`)."""
    with tempfile.TemporaryDirectory() as work:
        manifest = _extract_verified(archive, Path(work))
        if manifest["vendor"] != db.vendor:
            raise BackupError(f"the backup is of a {manifest['vendor']} database, not {db.vendor}")
        if not force:
            _check_empty(db, media_root)
        _load_database(db, Path(work) / DATABASE_PART[db.vendor], clean=force)
        media = Path(work) / MEDIA_DIR
        if media.is_dir():
            shutil.copytree(media, media_root, dirs_exist_ok=True)
    return manifest


def _dump_database(db: BaseDatabaseWrapper, work: Path) -> Path:
    if db.vendor not in DATABASE_PART:
        raise BackupError(f"backups of {db.vendor} databases are not supported")
    target = work / DATABASE_PART[db.vendor]
    if db.vendor == "sqlite":
        if db.in_atomic_block:  # the backup would wait forever for this transaction's lock
            raise BackupError("a backup cannot be taken inside a transaction")
        db.ensure_connection()
        copy = sqlite3.connect(target)
        try:
            db.connection.backup(copy)
        finally:
            copy.close()
    else:
        _run_pg(db, ["pg_dump", "--format=custom", "--no-owner", f"--file={target}"])
    return target


def _load_database(db: BaseDatabaseWrapper, part: Path, *, clean: bool) -> None:
    if db.vendor == "sqlite":
        db.ensure_connection()
        source = sqlite3.connect(part)
        try:
            source.backup(db.connection)
        finally:
            source.close()
        db.close()  # the next query opens the restored database afresh
    else:
        options = ["--clean", "--if-exists"] if clean else []
        _run_pg(db, ["pg_restore", "--no-owner", "--exit-on-error", *options, str(part)])


def _run_pg(db: BaseDatabaseWrapper, command: list[str]) -> None:
    """Run a PostgreSQL client with the connection from the settings (password by environment)."""
    settings = db.settings_dict
    environment = {
        **os.environ,
        "PGDATABASE": settings["NAME"],
        "PGHOST": settings.get("HOST") or "",
        "PGPORT": str(settings.get("PORT") or ""),
        "PGUSER": settings.get("USER") or "",
        "PGPASSWORD": settings.get("PASSWORD") or "",
    }
    result = subprocess.run(command, env=environment, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()}")


def _extract_verified(archive: Path, work: Path) -> dict[str, Any]:
    """Unpack and check every part against the manifest, and that nothing was added."""
    try:
        with tarfile.open(archive, "r:gz") as tar:
            tar.extractall(work, filter="data")  # refuses absolute paths, .. and devices
    except (OSError, tarfile.TarError) as error:
        raise BackupError(f"{archive} is not a readable backup: {error}") from error
    try:
        manifest = json.loads((work / MANIFEST).read_text())
        expected: dict[str, str] = manifest["sha256"]
    except (OSError, ValueError, KeyError) as error:
        raise BackupError(f"{archive} has no valid {MANIFEST}") from error
    found = {
        path.relative_to(work).as_posix()
        for path in work.rglob("*")
        if path.is_file() and path.name != MANIFEST
    }
    if found != set(expected):
        unlisted = sorted(found ^ set(expected))
        raise BackupError(f"the backup's parts differ from its manifest: {', '.join(unlisted)}")
    for name, digest in sorted(expected.items()):
        if sha256_file(work / name) != digest:
            raise BackupError(f"{name} does not match the SHA-256 in the manifest")
    return manifest


def _check_empty(db: BaseDatabaseWrapper, media_root: Path) -> None:
    with db.cursor() as cursor:
        for table in sorted(set(db.introspection.table_names(cursor)) - FILLED_BY_MIGRATE):
            cursor.execute(f"SELECT 1 FROM {db.ops.quote_name(table)} LIMIT 1")
            if cursor.fetchone():
                raise BackupError(
                    f"the database is not empty (table {table} has rows); use --force"
                )
    if media_root.is_dir() and any(path.is_file() for path in media_root.rglob("*")):
        raise BackupError(f"the media folder {media_root} is not empty; use --force")
