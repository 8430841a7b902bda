"""The audit log: append-only, hash-chained, checked by audit_verify; security events in it."""

import pytest
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.management import CommandError, call_command
from django.db import IntegrityError, connection
from django.test import RequestFactory

from beredd.audit import services, signals
from beredd.audit.models import GENESIS_HASH, AppendOnlyError, AuditEntry
from beredd.audit.services import audit_head, audit_record, chain_lock_statement, lock_chain
from beredd.audit.verify import audit_verify
from beredd.cli import main
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


SQLITE_ONLY = pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3",
    reason="tampers with raw SQL or restores a SQLite file; on PostgreSQL the trigger refuses it",
)


@pytest.fixture
def three_entries(procurer, buyer_org):
    return [
        audit_record(action="test.first", actor=procurer),
        audit_record(action="test.second", actor=procurer, target=buyer_org, detail={"n": 2}),
        audit_record(action="test.third", detail={"text": "åäö"}),
    ]


def raw(sql: str, params: list) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def verify_fails_with(message: str) -> None:
    with pytest.raises(CommandError, match=message) as error:
        call_command("audit_verify")
    assert error.value.returncode == 1


def test_each_entry_carries_the_hash_of_the_one_before(three_entries, buyer_org):
    first, second, third = three_entries
    assert [entry.sequence for entry in three_entries] == [1, 2, 3]
    assert first.previous_hash == GENESIS_HASH
    assert second.previous_hash == first.hash
    assert third.previous_hash == second.hash
    assert second.organisation_id == second.actor.organisation_id
    assert (second.target_type, second.target_id) == ("accounts.organisation", str(buyer_org.pk))


def test_an_intact_chain_verifies_and_names_its_head(three_entries, capsys):
    call_command("audit_verify")
    assert capsys.readouterr().out.strip() == (
        f"Audit log intact: 3 entries, head {three_entries[2].hash}"
    )
    assert audit_head() == (3, three_entries[2].hash)


@SQLITE_ONLY
def test_an_entry_edited_with_raw_sql_is_detected(three_entries):
    raw("UPDATE audit_auditentry SET detail = %s WHERE sequence = 2", ['{"n": 3}'])
    verify_fails_with("entry 2 was edited: its content no longer matches its hash")


@SQLITE_ONLY
def test_a_deleted_entry_is_detected(three_entries):
    raw("DELETE FROM audit_auditentry WHERE sequence = 2", [])
    verify_fails_with("entry 2 was deleted: entry 3 follows entry 1")


def test_an_inserted_entry_is_detected_even_with_a_correct_hash(three_entries):
    forged = AuditEntry(
        sequence=4,
        created_at=three_entries[0].created_at,
        action="test.backdated",
        detail={},
        previous_hash=three_entries[0].hash,
    )
    forged.hash = forged.compute_hash()
    raw(
        "INSERT INTO audit_auditentry (sequence, created_at, action, target_type, target_id,"
        " detail, previous_hash, hash) VALUES (%s, %s, %s, '', '', '{}', %s, %s)",
        [4, forged.created_at, forged.action, forged.previous_hash, forged.hash],
    )
    verify_fails_with("entry 4 was inserted: it claims to follow entry 1")


@SQLITE_ONLY
def test_an_entry_edited_and_rehashed_breaks_the_link_to_the_next(three_entries):
    second = three_entries[1]
    second.detail = {"n": 99}
    raw(
        "UPDATE audit_auditentry SET detail = %s, hash = %s WHERE sequence = 2",
        ['{"n": 99}', second.compute_hash()],
    )
    verify_fails_with("entry 2 was edited or replaced: entry 3 does not follow it")


@SQLITE_ONLY
def test_entries_cut_off_the_end_show_against_a_receipts_head(three_entries):
    raw("DELETE FROM audit_auditentry WHERE sequence = 3", [])
    call_command("audit_verify")  # the rest is a valid chain on its own
    with pytest.raises(CommandError, match="entries 3 to 3 were deleted from the end"):
        call_command("audit_verify", "--head", f"3:{three_entries[2].hash}")


@SQLITE_ONLY
def test_beredd_audit_verify_exits_non_zero_naming_the_entry(three_entries, capsys):
    assert main(["audit", "verify"]) == 0
    raw("DELETE FROM audit_auditentry WHERE sequence = 1", [])
    assert main(["audit", "verify"]) == 1
    assert capsys.readouterr().err.strip() == (
        "beredd: Audit log broken: entry 1 was deleted: entry 2 follows entry 0"
    )


def test_the_model_refuses_update_and_delete(three_entries):
    entry = AuditEntry.objects.get(sequence=1)
    entry.action = "test.changed"
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.filter(sequence=1).update(action="test.changed")
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.all().delete()
    assert audit_verify().intact


@SQLITE_ONLY
def test_on_postgresql_the_chain_is_locked_before_the_head_is_read(monkeypatch):
    assert chain_lock_statement("postgresql") == ('LOCK TABLE "audit_auditentry" IN EXCLUSIVE MODE')
    assert chain_lock_statement("sqlite") is None  # BEGIN IMMEDIATE holds the lock already
    assert connection.transaction_mode == "IMMEDIATE"
    calls = []
    monkeypatch.setattr(services, "lock_chain", lambda db: calls.append("lock"))
    real_head = services._head
    monkeypatch.setattr(services, "_head", lambda: calls.append("head") or real_head())
    audit_record(action="test.order")
    assert calls == ["lock", "head"]


def test_lock_chain_runs_the_vendors_statement():
    class FakeCursor:
        statements: list[str] = []

        def __enter__(self):
            return self

        def __exit__(self, *args):
            return False

        def execute(self, sql):
            self.statements.append(sql)

    class FakePostgres:
        vendor = "postgresql"

        def cursor(self):
            return FakeCursor()

    lock_chain(FakePostgres())
    assert FakeCursor.statements == ['LOCK TABLE "audit_auditentry" IN EXCLUSIVE MODE']


def test_a_writer_that_read_a_stale_head_fails_instead_of_forking_the_chain(
    three_entries, monkeypatch
):
    monkeypatch.setattr(services, "_head", lambda: (2, three_entries[1].hash))
    with pytest.raises(IntegrityError):
        audit_record(action="test.stale")
    assert audit_verify().intact


def test_a_login_is_logged_with_the_person_and_organisation(client, procurer):
    assert client.login(username="upphandlare", password=PASSWORD)
    entry = AuditEntry.objects.latest("sequence")
    assert (entry.action, entry.actor, entry.organisation_id) == (
        "auth.login",
        procurer,
        procurer.organisation_id,
    )


def test_a_failed_login_is_logged_without_the_password(client, procurer):
    client.post("/accounts/login/", {"username": "upphandlare", "password": "Fel-lösen-123"})
    entry = AuditEntry.objects.latest("sequence")
    assert entry.action == "auth.login_failed"
    assert entry.actor is None
    assert entry.detail == {"username": "upphandlare", "ip": "127.0.0.1"}
    assert "Fel-lösen" not in entry.canonical().decode()


def test_a_logout_is_logged(client, procurer):
    client.force_login(procurer)
    client.post("/accounts/logout/")
    entry = AuditEntry.objects.latest("sequence")
    assert (entry.action, entry.actor) == ("auth.logout", procurer)


def test_a_lockout_is_logged_with_username_and_address():
    request = RequestFactory().post("/accounts/login/")
    signals.on_locked_out(None, request=request, username="upphandlare", ip_address="10.0.0.9")
    entry = AuditEntry.objects.latest("sequence")
    assert entry.action == "auth.lockout"
    assert entry.detail == {"username": "upphandlare", "ip": "10.0.0.9"}


def test_a_permission_refusal_is_logged_with_who_and_where(client, procurer):
    client.force_login(procurer)  # a member, but not the organisation's administrator
    response = client.get("/org/members/")
    assert response.status_code == 403
    entry = AuditEntry.objects.latest("sequence")
    assert (entry.action, entry.actor, entry.organisation_id) == (
        "access.denied",
        procurer,
        procurer.organisation_id,
    )
    assert entry.detail == {"method": "GET", "path": "/org/members/", "reason": ""}


def test_the_access_layer_can_log_a_refusal_with_its_object(buyer_org):
    request = RequestFactory().get("/network/")
    request.user = AnonymousUser()
    entry = services.audit_refusal(request, target=buyer_org, reason="not a member")
    assert (entry.action, entry.actor, entry.target_id) == (
        "access.denied",
        None,
        str(buyer_org.pk),
    )
    assert entry.detail == {"method": "GET", "path": "/network/", "reason": "not a member"}
