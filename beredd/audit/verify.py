"""Checking the audit chain: the first entry that was edited, deleted or inserted.

Each entry's hash must match its content, and each must name the previous entry's hash. Cutting
entries off the end leaves a valid chain; it shows against a head printed in a receipt.
"""

from dataclasses import dataclass

from .models import GENESIS_HASH, AuditEntry


@dataclass(frozen=True)
class ChainCheck:
    count: int
    head_hash: str
    problem: str = ""  # empty when the chain is intact
    sequence: int | None = None  # the entry the problem is about

    @property
    def intact(self) -> bool:
        return not self.problem


def audit_verify(*, head: tuple[int, str] | None = None) -> ChainCheck:
    """Walk the whole chain. `head` is a (count, hash) from a receipt that must still be in it."""
    previous_sequence, previous_hash = 0, GENESIS_HASH
    position_of = {GENESIS_HASH: 0}  # hash -> sequence of every entry seen so far
    for entry in AuditEntry.objects.order_by("sequence").iterator(chunk_size=2000):
        problem = _link_problem(entry, previous_sequence, previous_hash, position_of)
        if problem:
            return ChainCheck(previous_sequence, previous_hash, *problem)
        previous_sequence, previous_hash = entry.sequence, entry.hash
        position_of[entry.hash] = entry.sequence
    if head is not None:
        problem = _head_problem(head, previous_sequence, position_of)
        if problem:
            return ChainCheck(previous_sequence, previous_hash, *problem)
    return ChainCheck(previous_sequence, previous_hash)


def _link_problem(
    entry: AuditEntry, previous_sequence: int, previous_hash: str, position_of: dict[str, int]
) -> tuple[str, int] | None:
    number = entry.sequence
    if entry.compute_hash() != entry.hash:
        return f"entry {number} was edited: its content no longer matches its hash", number
    if entry.previous_hash == previous_hash and number == previous_sequence + 1:
        return None
    if entry.previous_hash in position_of or number <= previous_sequence:
        claimed = position_of.get(entry.previous_hash)
        return f"entry {number} was inserted: it claims to follow entry {claimed}", number
    if number > previous_sequence + 1:
        missing = previous_sequence + 1
        return f"entry {missing} was deleted: entry {number} follows entry {previous_sequence}", (
            missing
        )
    return (
        f"entry {previous_sequence} was edited or replaced: entry {number} does not follow it",
        previous_sequence,
    )


def _head_problem(
    head: tuple[int, str], count: int, position_of: dict[str, int]
) -> tuple[str, int] | None:
    head_count, head_hash = head
    if count < head_count:
        return f"entries {count + 1} to {head_count} were deleted from the end", count + 1
    if position_of.get(head_hash) != head_count:
        return f"entry {head_count} is not the one the receipt names", head_count
    return None
