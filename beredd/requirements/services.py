"""Write-logic of the requirement library: create an own requirement, copy and adapt, revise.

Ids and versions, so that `KravID:version` always names one wording owned by one party:
- The shared starter library (organisation empty) uses B-1001.. (resilience), M-2001..
  (environment), D-3001.. (animal welfare), S-4001.. (social), SME-5001..; buyers only read it.
- A buyer's own requirement gets a new id with the organisation's prefix (`EKBY-0001`), version 1.
- Copy and adapt makes the buyer's own requirement the same way, `based_on` the original:
  `B-1003:1` keeps meaning Beredd's wording wherever it is quoted, and the copy has its own life.
- Revising an own requirement: a change of wording (title or text in either language) or type
  makes version n+1 and the old version stops being current; other changes (evidence,
  follow-up, answer, ...) update the version in place, unless it is used in a lot, when they
  also make a new version. Old versions stay as they were, readable where they were used.
"""

from collections.abc import Sequence
from dataclasses import dataclass, fields
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from beredd.accounts.models import Organisation, User

from .models import CrisisLevel, Level, Requirement, Verification
from .selectors import requirement_is_used
from .validation import ANSWER_FIELDS

WORDING_FIELDS = ("title_sv", "title_en", "text_sv", "text_en", "requirement_type")
CONTENT_FIELDS = (
    *WORDING_FIELDS,
    "area",
    "level",
    "verification",
    "evidence_sv",
    "evidence_en",
    "follow_up",
    "crisis_levels",
    *ANSWER_FIELDS,
)
SHARED_PREFIXES = ("B", "M", "D", "S", "SME")


@dataclass(frozen=True, kw_only=True)
class RequirementContent:
    """What a person writes in a requirement: every field of CONTENT_FIELDS, typed.

    `RequirementContent.of(requirement)` reads it from a stored version; copy and adapt
    changes some fields of that with `dataclasses.replace`.
    """

    title_sv: str
    title_en: str
    text_sv: str
    text_en: str
    requirement_type: str
    area: str
    level: str = Level.BASIC
    verification: Sequence[str] = ()
    evidence_sv: str = ""
    evidence_en: str = ""
    follow_up: str = ""
    crisis_levels: Sequence[str] = ()
    answer_name: str = ""
    answer_parameter: str = ""
    answer_unit: str = ""
    answer_type: str = ""
    answer_min: float | None = None
    answer_max: float | None = None

    @classmethod
    def of(cls, requirement: Requirement) -> "RequirementContent":
        return cls(**{name: getattr(requirement, name) for name in CONTENT_FIELDS})

    def values(self) -> dict[str, Any]:
        """The model's field values, with method and level lists in a stable order."""
        values = {field.name: getattr(self, field.name) for field in fields(self)}
        for name, choices in (("verification", Verification), ("crisis_levels", CrisisLevel)):
            if not isinstance(values[name], list | tuple):
                continue  # the model names the field and what is wrong with it
            chosen = set(values[name])
            known = [code for code in choices.values if code in chosen]
            values[name] = known + sorted(str(code) for code in chosen - set(known))
        values["answer_parameter"] = values["answer_parameter"].strip()
        return values


def next_krav_id(organisation: Organisation) -> str:
    """The next free id with the organisation's prefix, e.g. `EKBY-0003`."""
    prefix = organisation.slug.upper()[:14]
    if prefix in SHARED_PREFIXES:  # keep clear of the shared library's ids
        prefix = f"{prefix}X"
    taken = Requirement.objects.filter(krav_id__startswith=f"{prefix}-").values_list(
        "krav_id", flat=True
    )
    numbers = [int(tail) for tail in (k[len(prefix) + 1 :] for k in taken) if tail.isdigit()]
    return f"{prefix}-{max(numbers, default=0) + 1:04d}"


def _save_new(requirement: Requirement) -> Requirement:
    requirement.full_clean()
    requirement.save()
    return requirement


@transaction.atomic
def requirement_create(
    *, organisation: Organisation, user: User | None, content: RequirementContent
) -> Requirement:
    """A new own requirement of the organisation, version 1."""
    requirement = Requirement(
        organisation=organisation,
        krav_id=next_krav_id(organisation),
        version=1,
        created_by=user,
        **content.values(),
    )
    return _save_new(requirement)


@transaction.atomic
def requirement_copy(
    *,
    source: Requirement,
    organisation: Organisation,
    user: User | None,
    content: RequirementContent | None = None,
) -> Requirement:
    """The organisation's own adaptation of `source` (new id, version 1, based on `source`).

    `content` is the adapted wording; without it the copy says what `source` says.
    """
    if not source.is_shared and source.organisation_id != organisation.pk:
        raise PermissionDenied
    content = content or RequirementContent.of(source)
    requirement = Requirement(
        organisation=organisation,
        krav_id=next_krav_id(organisation),
        version=1,
        based_on=source,
        created_by=user,
        **content.values(),
    )
    return _save_new(requirement)


@transaction.atomic
def requirement_revise(
    *, requirement: Requirement, user: User | None, content: RequirementContent
) -> Requirement:
    """The revised requirement: a new version or the same one updated (see module docstring)."""
    if requirement.is_shared:
        raise PermissionDenied
    if not requirement.is_current:
        raise ValidationError(_("Only the current version of a requirement can be revised."))
    values = content.values()
    changed = {name for name, value in values.items() if getattr(requirement, name) != value}
    if not changed:
        return requirement
    if changed & set(WORDING_FIELDS) or requirement_is_used(requirement):
        return _new_version(requirement, user, values)
    for name, value in values.items():
        setattr(requirement, name, value)
    requirement.full_clean()
    requirement.save()
    return requirement


def _new_version(previous: Requirement, user: User | None, values: dict[str, Any]) -> Requirement:
    requirement = Requirement(
        organisation=previous.organisation,
        krav_id=previous.krav_id,
        version=previous.version + 1,
        based_on=previous.based_on,
        created_by=user,
        **values,
    )
    requirement.full_clean()
    Requirement.objects.filter(pk=previous.pk).update(is_current=False)
    previous.is_current = False
    requirement.save()
    return requirement
