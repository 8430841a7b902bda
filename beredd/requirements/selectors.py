"""Read-logic of the requirement library: what a buyer sees, versions, differences.

Which lots use a requirement is procurement's to read (procurement.selectors.requirement_uses).
"""

import difflib
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from beredd.accounts.models import Organisation

from .models import Requirement


def visible_requirements(organisation: Organisation) -> QuerySet[Requirement]:
    """The shared starter library plus the organisation's own requirements, all versions."""
    return Requirement.objects.filter(
        Q(organisation__isnull=True) | Q(organisation=organisation)
    ).select_related("organisation", "based_on")


def requirement_versions(requirement: Requirement) -> list[Requirement]:
    """Every version of the requirement's id, oldest first."""
    return list(
        Requirement.objects.filter(
            krav_id=requirement.krav_id, organisation=requirement.organisation
        ).order_by("version")
    )


def requirement_is_used(requirement: Requirement) -> bool:
    """Whether this very version is part of a lot (then it must not change in place)."""
    return requirement.uses.exists()


@dataclass(frozen=True)
class Piece:
    """A run of words in a difference: `change` is "same", "added" or "removed"."""

    change: str
    text: str


@dataclass(frozen=True)
class VersionDiff:
    version: Requirement
    previous: Requirement
    title: list[Piece]
    text: list[Piece]
    type_changed: bool


def word_diff(old: str, new: str) -> list[Piece]:
    """Word-level differences between two texts, for showing what a new version changed."""
    old_words, new_words = old.split(), new.split()
    runs: list[tuple[str, list[str]]] = []
    matcher = difflib.SequenceMatcher(a=old_words, b=new_words, autojunk=False)
    for operation, a1, a2, b1, b2 in matcher.get_opcodes():
        if operation == "equal":
            runs.append(("same", old_words[a1:a2]))
            continue
        if a2 > a1:
            runs.append(("removed", old_words[a1:a2]))
        if b2 > b1:
            runs.append(("added", new_words[b1:b2]))
    # Words are joined by single spaces; every run but the last keeps one trailing space.
    last = len(runs) - 1
    return [
        Piece(change, " ".join(words) + ("" if index == last else " "))
        for index, (change, words) in enumerate(runs)
    ]


def version_diffs(versions: list[Requirement], language: str) -> list[VersionDiff]:
    """For each version after the first: what changed since the one before, newest first."""
    suffix = "en" if language == "en" else "sv"
    diffs = []
    for previous, version in zip(versions, versions[1:], strict=False):
        diffs.append(
            VersionDiff(
                version=version,
                previous=previous,
                title=word_diff(
                    getattr(previous, f"title_{suffix}"), getattr(version, f"title_{suffix}")
                ),
                text=word_diff(
                    getattr(previous, f"text_{suffix}"), getattr(version, f"text_{suffix}")
                ),
                type_changed=previous.requirement_type != version.requirement_type,
            )
        )
    return list(reversed(diffs))
