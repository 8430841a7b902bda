"""Turn a read table into validated rows for units or suppliers, collecting every error.

Each error names the row (header = row 1) and the column as the user wrote it.
"""

from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Model
from django.utils import timezone
from django.utils.translation import gettext as _

from beredd.network.imports.columns import (
    PROVENANCE_FIELDS,
    PROVENANCE_PREFIXES,
    CategoryColumns,
    CellError,
    Column,
    fold,
    parse_cell,
    parse_date,
    parse_source,
)
from beredd.network.imports.reading import Table


@dataclass(frozen=True)
class Target:
    """What a column fills: a model field, one category of a per-category field, or provenance."""

    kind: str  # scalar, category, source, date
    field: str
    cell_kind: str = "text"
    category: str = ""
    required: bool = False
    sv: str = ""

    @property
    def key(self) -> str:
        return f"{self.field}.{self.category}" if self.category else self.field


@dataclass
class Spec:
    columns: tuple[Column, ...]
    category_columns: tuple[CategoryColumns, ...]
    provenance: bool = False


@dataclass
class Parsed:
    rows: list[dict[str, Any]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def cell_error(row: int, column: str, message: str) -> str:
    return _("Row %(row)s, column %(column)s: %(message)s") % {
        "row": row,
        "column": column,
        "message": message,
    }


def header_targets(spec: Spec, category_codes: list[str]) -> dict[str, Target]:
    """Every accepted header (folded) and what it fills."""
    targets: dict[str, Target] = {}
    for column in spec.columns:
        target = Target("scalar", column.field, column.kind, required=column.required, sv=column.sv)
        for name in (column.sv, column.en, column.field, *column.aliases):
            targets[fold(name)] = target
    for group in spec.category_columns:
        for code in category_codes:
            target = Target("category", group.field, group.kind, code, sv=group.sv + code)
            for prefix in (group.sv, group.en):
                targets[fold(prefix + code)] = target
    if spec.provenance:
        for name, target in list(targets.items()):
            if target.kind == "scalar" and target.field not in PROVENANCE_FIELDS:
                continue
            for kind, prefixes in PROVENANCE_PREFIXES.items():
                for prefix in prefixes:
                    targets[fold(prefix) + name] = Target(
                        kind, target.field, kind, target.category, sv=fold(prefixes[0]) + name
                    )
    return targets


def map_headers(
    table: Table, spec: Spec, category_codes: list[str]
) -> tuple[dict[int, Target], dict[str, str], list[str]]:
    """Column index → target, target key → header as written, and header errors."""
    targets = header_targets(spec, category_codes)
    prefixes = {fold(p) for g in spec.category_columns for p in (g.sv, g.en)}
    by_index: dict[int, Target] = {}
    written: dict[str, str] = {}
    errors: list[str] = []
    for index, header in enumerate(table.headers):
        if not header:
            continue
        target = targets.get(fold(header))
        if target is None:
            errors.append(_unknown_column(header, prefixes, category_codes))
            continue
        written_key = f"{target.kind}:{target.key}"
        if written_key in written:
            errors.append(_("Column %(column)s appears twice.") % {"column": header})
            continue
        by_index[index] = target
        written[written_key] = header
    for column in spec.columns:
        if column.required and f"scalar:{column.field}" not in written:
            errors.append(
                _("The file has no column %(sv)s (or %(en)s).") % {"sv": column.sv, "en": column.en}
            )
    return by_index, written, errors


def _unknown_column(header: str, prefixes: set[str], category_codes: list[str]) -> str:
    folded = fold(header)
    for prefix in prefixes:
        if folded.startswith(prefix):
            return _(
                "Column %(column)s: unknown food category “%(category)s”; known categories: "
                "%(known)s."
            ) % {
                "column": header,
                "category": header[len(prefix) :],
                "known": ", ".join(category_codes) or "–",
            }
    return _("Column %(column)s is not a known column.") % {"column": header}


def parse_rows(table: Table, spec: Spec, category_codes: list[str]) -> Parsed:
    """Cell-level parsing of every row; model-level checks come after (see check_instance)."""
    by_index, written, errors = map_headers(table, spec, category_codes)
    # Header problems do not stop the rows being checked: the user sees every error at once.
    parsed = Parsed(errors=errors)
    first_row: dict[str, int] = {}
    for number, cells in table.rows:
        row: dict[str, Any] = {"row": number, "values": {}, "per_category": {}, "provenance": {}}
        for index, target in by_index.items():
            value = cells[index] if index < len(cells) else None
            header = written[f"{target.kind}:{target.key}"]
            try:
                _store(row, target, value)
            except CellError as error:
                parsed.errors.append(cell_error(number, header, str(error)))
                continue
            if target.required and row["values"].get(target.field) is None:
                parsed.errors.append(cell_error(number, header, _("is required")))
        _check_provenance(row, written, parsed.errors)
        # "U3" and "u3" look like the same kitchen to a person; one of them is a typing error.
        code = row["values"].get("code")
        key = code.casefold() if code else None
        if key and key in first_row:
            parsed.errors.append(
                cell_error(
                    number,
                    written["scalar:code"],
                    _("the id “%(code)s” is also on row %(first)s")
                    % {"code": code, "first": first_row[key]},
                )
            )
        elif key:
            first_row[key] = number
        parsed.rows.append(row)
    return parsed


def _store(row: dict[str, Any], target: Target, value: Any) -> None:
    if target.kind == "scalar":
        row["values"][target.field] = parse_cell(target.cell_kind, value)
    elif target.kind == "category":
        per = row["per_category"].setdefault(target.field, {})
        per[target.category] = parse_cell(target.cell_kind, value)
    else:
        parse = parse_source if target.kind == "source" else parse_date
        parsed = parse(value)
        if parsed is not None:
            row["provenance"].setdefault(target.key, {})[target.kind] = parsed


def _check_provenance(row: dict[str, Any], written: dict[str, str], errors: list[str]) -> None:
    """A date needs a source; a source without a date is dated today."""
    today = timezone.localdate().isoformat()
    for key, entry in row["provenance"].items():
        if entry.get("date", "") > today:  # ISO dates compare as text
            message = _("a value cannot have been declared or verified in the future")
            errors.append(cell_error(row["row"], written[f"date:{key}"], message))
        elif "source" not in entry:
            errors.append(
                cell_error(row["row"], written[f"date:{key}"], _("give a source for this date"))
            )
        entry.setdefault("date", today)


def check_instance(
    instance: Model, row: dict[str, Any], written: dict[str, str], exclude: list[str]
) -> list[str]:
    """Model validation of one imported row, each error pinned to the column that caused it."""
    try:
        instance.full_clean(exclude=exclude)
    except ValidationError as error:
        messages = []
        for name, field_errors in error.message_dict.items():
            header = written.get(f"scalar:{name}") or written.get(f"category:{name}")
            for message in field_errors:
                if header:
                    messages.append(cell_error(row["row"], header, message))
                else:
                    messages.append(
                        _("Row %(row)s: %(message)s") % {"row": row["row"], "message": message}
                    )
        return messages
    return []


def written_headers(table: Table, spec: Spec, category_codes: list[str]) -> dict[str, str]:
    return map_headers(table, spec, category_codes)[1]
