"""Writing the audit log and checking its chain.

`audit_record` is the one way in: it appends under a lock so that the chain stays one line with
any number of writers. On SQLite the write transaction already holds the database's write lock
from BEGIN (transaction_mode IMMEDIATE); on PostgreSQL the audit table is locked against other
writers (readers go on) until the transaction ends. The unique sequence number and hash are the
last line of defence: a writer that somehow read a stale head fails instead of forking the chain.
"""

import json
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import DEFAULT_DB_ALIAS, connection, models, transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.http import HttpRequest
from django.utils import timezone

from .models import GENESIS_HASH, AuditEntry

MAX_TEXT = 200  # a path, a reason or a username in the detail is cut here


def audit_record(
    *,
    action: str,
    actor: Any = None,
    organisation: models.Model | None = None,
    target: models.Model | None = None,
    detail: dict[str, Any] | None = None,
) -> AuditEntry:
    """Append one entry. `actor` may be anonymous (stored as nobody); the organisation defaults
    to the actor's. `detail` must be small and JSON-serialisable; never put secrets in it."""
    actor_id = actor.pk if actor is not None and actor.is_authenticated else None
    if organisation is not None:
        organisation_id = organisation.pk
    else:
        organisation_id = getattr(actor, "organisation_id", None) if actor_id else None
    # Stored and hashed as JSON reads it back, so the hash recomputes from the database.
    detail = json.loads(json.dumps(detail or {}, cls=DjangoJSONEncoder))
    with transaction.atomic():
        lock_chain(connection)
        count, head_hash = _head()
        entry = AuditEntry(
            sequence=count + 1,
            created_at=timezone.now(),
            actor_id=actor_id,
            organisation_id=organisation_id,
            action=action,
            target_type=target._meta.label_lower if target is not None else "",
            target_id=str(target.pk) if target is not None else "",
            detail=detail,
            previous_hash=head_hash,
        )
        entry.hash = entry.compute_hash()
        entry.save(force_insert=True)
    return entry


def lock_chain(db: BaseDatabaseWrapper) -> None:
    """Keep other writers of the audit log out until this transaction ends."""
    statement = chain_lock_statement(db.vendor)
    if statement:
        with db.cursor() as cursor:
            cursor.execute(statement)


def chain_lock_statement(vendor: str) -> str | None:
    """The SQL that locks the chain, or None where BEGIN IMMEDIATE has locked it already."""
    if vendor == "postgresql":
        # EXCLUSIVE blocks inserts, updates and deletes by others but not their reads.
        return f'LOCK TABLE "{AuditEntry._meta.db_table}" IN EXCLUSIVE MODE'
    return None


def _head(using: str = DEFAULT_DB_ALIAS) -> tuple[int, str]:
    latest = (
        AuditEntry.objects.using(using)
        .order_by("-sequence")
        .values_list("sequence", "hash")
        .first()
    )
    return latest if latest else (0, GENESIS_HASH)


def audit_head(*, using: str = DEFAULT_DB_ALIAS) -> tuple[int, str]:
    """(number of the latest entry, its hash): printed in receipts so that cutting entries
    off the end of the log can be detected too."""
    return _head(using)


def audit_refusal(
    request: HttpRequest, *, target: models.Model | None = None, reason: str = ""
) -> AuditEntry:
    """Log that someone was refused; the access layer calls this, and so does the middleware
    for every PermissionDenied that reaches it."""
    return audit_record(
        action="access.denied",
        actor=getattr(request, "user", None),
        target=target,
        detail={
            "method": request.method,
            "path": request.path[:MAX_TEXT],
            "reason": reason[:MAX_TEXT],
        },
    )
