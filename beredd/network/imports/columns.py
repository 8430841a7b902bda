"""The columns of the unit and supplier files (from beredd.network.fields) and their cell parsers.

Exports write the Swedish names; imports accept either, compared without case or å/ä/ö.
"""

import datetime
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from beredd.network.fields import SUPPLIER_FIELDS, UNIT_FIELDS, NetworkField, per_category, scalars
from beredd.network.imports.reading import _fold, _text
from beredd.network.models import MAX_DAYS, Source, UnitType


@dataclass(frozen=True)
class Column:
    field: str
    sv: str
    en: str
    kind: str  # text, code, int, number, share, criticality, unit_type, bool
    required: bool = False
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class CategoryColumns:
    """One column per food category: `<prefix><category code>`."""

    field: str
    sv: str
    en: str
    kind: str


def _columns(fields: tuple[NetworkField, ...]) -> tuple[Column, ...]:
    return tuple(
        Column(f.model, f.sv, f.en, f.kind, f.required, f.aliases) for f in scalars(fields)
    )


def _category_columns(fields: tuple[NetworkField, ...]) -> tuple[CategoryColumns, ...]:
    return tuple(CategoryColumns(f.model, f.sv, f.en, f.kind) for f in per_category(fields))


UNIT_COLUMNS = _columns(UNIT_FIELDS)
UNIT_CATEGORY_COLUMNS = _category_columns(UNIT_FIELDS)
SUPPLIER_COLUMNS = _columns(SUPPLIER_FIELDS)
SUPPLIER_CATEGORY_COLUMNS = _category_columns(SUPPLIER_FIELDS)
# Provenance columns: `källa_<column>` and `datum_<column>` for every supplier value.
PROVENANCE_PREFIXES = {"source": ("källa_", "source_"), "date": ("datum_", "date_")}
PROVENANCE_FIELDS = tuple(f.model for f in scalars(SUPPLIER_FIELDS) if not f.identity)

ASSIGNMENT_HEADERS = {
    "supplier": ("leverantör_id", "supplier_id"),
    "category": ("kategori", "category"),
    "unit": ("enhet_id", "unit_id"),
    "rank": ("rang", "rank"),
}
ASSIGNMENT_SHEETS = ("tilldelningar", "assignments")

UNIT_TYPE_WORDS = {
    UnitType.SCHOOL: ("skola", "school", "grundskola"),
    UnitType.PRESCHOOL: ("förskola", "preschool"),
    UnitType.ELDERLY_CARE: ("äldreomsorg", "elderly_care", "elderly care", "äldreboende"),
    UnitType.HOSPITAL: ("vårdavdelning", "hospital", "hospital ward", "sjukhus"),
    UnitType.PRISON: ("kriminalvård", "prison", "anstalt", "fängelse"),
    UnitType.OTHER: ("övrigt", "other", "annat"),
}
SOURCE_WORDS = {
    Source.DECLARED: ("deklarerad", "declared", "egen försäkran"),
    Source.VERIFIED: ("verifierad", "verified", "kontrollerad"),
    Source.ASSUMED: ("antagen", "assumed", "antagande"),
}
ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
YES = {"ja", "j", "yes", "y", "true", "sant", "1", "x"}
NO = {"nej", "n", "no", "false", "falskt", "0", ""}


def fold(text: str) -> str:
    return _fold(text)


class CellError(ValueError):
    """A cell's value is wrong; the message says what it must be."""


def _number(value: Any) -> float | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise CellError(_("must be a number"))
    if isinstance(value, int | float):
        return float(value)
    text = str(value).strip()
    for space in ("\u00a0", "\u202f", " "):  # thousands separators as Excel and Word write them
        text = text.replace(space, "")
    # Word and some spreadsheets write a typographic minus (−); it is still a minus.
    text = text.replace("\u2212", "-").replace(",", ".")
    percent = text.endswith("%")
    try:
        number = float(text.removesuffix("%"))
    except ValueError:
        raise CellError(_("must be a number")) from None
    return number / 100 if percent else number


def parse_cell(kind: str, value: Any) -> Any:
    """The cell's value for the model, None when empty; CellError in the user's language."""
    if kind in ("text", "code"):
        return _text(value) or None
    if kind == "unit_type":
        return _lookup(
            UNIT_TYPE_WORDS, value, _("unknown unit type “%(value)s”; use one of: %(choices)s")
        )
    if kind == "bool":
        return _boolean(value)
    number = _number(value)
    if number is None:
        return None
    if kind == "int":
        if number < 0 or not number.is_integer():
            raise CellError(_("must be a whole number ≥ 0"))
        return int(number)
    if kind == "criticality":
        if number not in (1, 2, 3):
            raise CellError(_("must be 1, 2 or 3"))
        return int(number)
    if kind == "share" and not 0 <= number <= 1:
        raise CellError(_("must be a share between 0 and 1 (e.g. 0,8)"))
    if number < 0 or number != number or number in (float("inf"), float("-inf")):
        raise CellError(_("must be a number ≥ 0"))
    if kind == "days" and number > MAX_DAYS:
        raise CellError(_("must be at most %(max)s days") % {"max": MAX_DAYS})
    return number


def _boolean(value: Any) -> bool | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return value
    text = fold(_text(value))
    if text in YES:
        return True
    if text in NO:
        return False if text else None
    raise CellError(_("must be yes or no (ja/nej)"))


def _lookup(mapping: Mapping[Any, tuple[str, ...]], value: Any, message: str) -> str | None:
    text = _text(value)
    if not text:
        return None
    for code, words in mapping.items():
        if fold(text) in {fold(w) for w in (*words, code)}:
            return str(code)
    choices = ", ".join(words[0] for words in mapping.values())
    raise CellError(message % {"value": text, "choices": choices})


def parse_source(value: Any) -> str | None:
    return _lookup(SOURCE_WORDS, value, _("unknown source “%(value)s”; use one of: %(choices)s"))


def parse_date(value: Any) -> str | None:
    if value is None or _text(value) == "":
        return None
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    # Strict: "2026-01-01garbage" or "20260101" is a typing error, not a date to truncate.
    text = _text(value)
    try:
        if not ISO_DATE.fullmatch(text):
            raise ValueError(text)
        return datetime.date.fromisoformat(text).isoformat()
    except ValueError:
        raise CellError(_("must be a date written YYYY-MM-DD")) from None
