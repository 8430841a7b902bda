"""A backup restores into an empty database with every row and every uploaded file."""

import io
import tarfile
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.backends.sqlite3.base import DatabaseWrapper

from beredd.audit.backup import BackupError, backup_restore, backup_write
from beredd.audit.services import audit_head, audit_record

# Committed data: SQLite backs up what is committed, and a test transaction would hold its lock.
pytestmark = pytest.mark.django_db(transaction=True)

FILES = {
    "stresstests/run-1.npz": bytes(range(256)) * 40,
    "evidence/kontinuitetsplan å.pdf": b"%PDF-1.4 plan",
}


SQLITE_ONLY = pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3",
    reason="tampers with raw SQL or restores a SQLite file; on PostgreSQL the trigger refuses it",
)


@pytest.fixture
def media(tmp_path, settings) -> Path:
    root = tmp_path / "media"
    for name, content in FILES.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(content)
    settings.MEDIA_ROOT = root
    return root


@pytest.fixture
def archive(tmp_path, media, small_network, procurer) -> Path:
    audit_record(action="test.before_backup", actor=procurer)
    return backup_write(tmp_path / "backups", db=connection, media_root=media)


@pytest.fixture
def empty_database(tmp_path):
    """A second, empty SQLite database beside the test database."""
    target = DatabaseWrapper({**connection.settings_dict, "NAME": str(tmp_path / "new.sqlite3")})
    yield target
    target.close()


def row_counts(db) -> dict[str, int]:
    with db.cursor() as cursor:
        tables = db.introspection.table_names(cursor)
        counts = {}
        for table in tables:
            cursor.execute(f'SELECT COUNT(*) FROM "{table}"')
            counts[table] = cursor.fetchone()[0]
    return counts


@SQLITE_ONLY
def test_a_restore_into_an_empty_database_finds_every_row_and_file(
    archive, empty_database, tmp_path
):
    restored_media = tmp_path / "restored-media"
    manifest = backup_restore(archive, db=empty_database, media_root=restored_media)
    source = row_counts(connection)
    assert source["network_supplyassignment"] == 8
    assert source["audit_auditentry"] == 1
    assert row_counts(empty_database) == source
    for name, content in FILES.items():
        assert (restored_media / name).read_bytes() == content
    assert manifest["audit_head"] == list(audit_head())
    assert set(manifest["sha256"]) == {"database.sqlite3", *(f"media/{name}" for name in FILES)}


@SQLITE_ONLY
def test_a_restore_refuses_a_database_with_data_unless_forced(archive, empty_database, tmp_path):
    backup_restore(archive, db=empty_database, media_root=tmp_path / "one")
    with pytest.raises(BackupError, match="the database is not empty"):
        backup_restore(archive, db=empty_database, media_root=tmp_path / "two")
    backup_restore(archive, db=empty_database, media_root=tmp_path / "two", force=True)
    assert row_counts(empty_database) == row_counts(connection)


def test_a_restore_refuses_a_part_that_does_not_match_the_manifest(
    archive, empty_database, tmp_path
):
    tampered = tmp_path / "tampered.tar.gz"
    with tarfile.open(archive, "r:gz") as source, tarfile.open(tampered, "w:gz") as target:
        for member in source.getmembers():
            content = source.extractfile(member).read()
            if member.name == "media/evidence/kontinuitetsplan å.pdf":
                content = b"%PDF-1.4 forged"
                member.size = len(content)
            target.addfile(member, io.BytesIO(content))
    with pytest.raises(BackupError, match="kontinuitetsplan å.pdf does not match the SHA-256"):
        backup_restore(tampered, db=empty_database, media_root=tmp_path / "restored")
    assert row_counts(empty_database) == {}  # nothing was touched


def test_the_commands_write_a_backup_and_refuse_to_restore_over_data(
    tmp_path, media, procurer, capsys
):
    call_command("backup", str(tmp_path / "backups"))
    written = Path(capsys.readouterr().out.strip())
    assert written.parent == tmp_path / "backups"
    assert written.name.startswith("beredd-backup-") and written.name.endswith(".tar.gz")
    with pytest.raises(CommandError, match="Not restored: the database is not empty"):
        call_command("restore", str(written))
