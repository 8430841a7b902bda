"""Prepare (validate) and commit imports of units and suppliers.

Preparing never writes; committing re-validates every row against the database inside the
caller's transaction, so a change made since the preview cannot slip through half-checked.
"""

from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from typing import Any, cast

from django.db.models import Field as ModelField
from django.db.models import Model, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from beredd.accounts.models import Organisation
from beredd.network import percategory
from beredd.network.fields import SUPPLIER_FIELDS, UNIT_FIELDS
from beredd.network.imports.columns import (
    ASSIGNMENT_HEADERS,
    ASSIGNMENT_SHEETS,
    SUPPLIER_CATEGORY_COLUMNS,
    SUPPLIER_COLUMNS,
    UNIT_CATEGORY_COLUMNS,
    UNIT_COLUMNS,
    CellError,
    fold,
    parse_cell,
)
from beredd.network.imports.parse import (
    Parsed,
    Spec,
    check_instance,
    parse_rows,
    written_headers,
)
from beredd.network.imports.reading import Table, Workbook, _text
from beredd.network.models import (
    MAX_RANK,
    FoodCategory,
    MealUnit,
    Supplier,
    SupplyAssignment,
)

BATCH_SIZE = 500  # rows per INSERT/UPDATE; SQLite allows 32,766 parameters per statement
CHANGED_MEANWHILE = gettext_lazy(
    "The units, suppliers or food categories were changed by someone else while you looked at "
    "the preview; nothing was saved. Upload the file again."
)
UNIT_SPEC = Spec(UNIT_COLUMNS, UNIT_CATEGORY_COLUMNS)
SUPPLIER_SPEC = Spec(SUPPLIER_COLUMNS, SUPPLIER_CATEGORY_COLUMNS, provenance=True)


def category_codes(organisation: Organisation) -> list[str]:
    return list(
        FoodCategory.objects.filter(organisation=organisation).values_list("code", flat=True)
    )


def apply_row(instance: Model, row: dict[str, Any]) -> Model:
    """Write an imported row onto an instance: empty cells mean the field's default."""
    for name, value in row["values"].items():
        field = cast(ModelField, instance._meta.get_field(name))
        if value is None and not field.null:
            value = "" if field.blank and not field.has_default() else field.get_default()
        setattr(instance, name, value)
    for name, values in row["per_category"].items():
        merged = percategory.read(instance, name)
        for code, value in values.items():
            if value is None:
                merged.pop(code, None)
            else:
                merged[code] = value
        percategory.write(instance, name, merged)
    if row["provenance"]:
        instance.provenance = {**instance.provenance, **row["provenance"]}  # type: ignore[attr-defined]
    return instance


def _prepare(
    table: Table, spec: Spec, model: type[MealUnit] | type[Supplier], organisation: Organisation
) -> Parsed:
    codes = category_codes(organisation)
    parsed = parse_rows(table, spec, codes)
    if parsed.errors:
        return parsed
    written = written_headers(table, spec, codes)
    existing = {obj.code: obj for obj in model.objects.filter(organisation=organisation)}
    for row in parsed.rows:
        code = row["values"]["code"]
        instance = existing.get(code) or model(organisation=organisation)
        row["action"] = "update" if code in existing else "create"
        apply_row(instance, row)
        parsed.errors += check_instance(instance, row, written, exclude=["organisation"])
    return parsed


def prepare_units(workbook: Workbook, organisation: Organisation) -> Parsed:
    return _prepare(workbook.main, UNIT_SPEC, MealUnit, organisation)


def prepare_suppliers(
    workbook: Workbook, organisation: Organisation
) -> tuple[Parsed, list[dict[str, Any]]]:
    parsed = _prepare(workbook.main, SUPPLIER_SPEC, Supplier, organisation)
    sheet = next((t for name, t in workbook.extra.items() if fold(name) in ASSIGNMENT_SHEETS), None)
    if sheet is None:
        return parsed, []
    file_codes = {row["values"].get("code") for row in parsed.rows}
    assignments = _parse_assignments(sheet, organisation, file_codes, parsed.errors)
    return parsed, assignments


def _assignment_columns(sheet: Table, errors: list[str]) -> dict[str, int]:
    index: dict[str, int] = {}
    for key, names in ASSIGNMENT_HEADERS.items():
        for position, header in enumerate(sheet.headers):
            if fold(header) in {fold(n) for n in names}:
                index[key] = position
        if key not in index:
            errors.append(
                _("Sheet %(sheet)s has no column %(column)s.")
                % {"sheet": "Tilldelningar", "column": names[0]}
            )
    return index


def _parse_assignments(
    sheet: Table, organisation: Organisation, file_codes: set[Any], errors: list[str]
) -> list[dict[str, Any]]:
    """Rows of the assignments sheet; each names existing units and categories."""
    index = _assignment_columns(sheet, errors)
    if len(index) < len(ASSIGNMENT_HEADERS):
        return []
    units = set(MealUnit.objects.filter(organisation=organisation).values_list("code", flat=True))
    suppliers = file_codes | set(
        Supplier.objects.filter(organisation=organisation).values_list("code", flat=True)
    )
    known = {"unit": units, "category": set(category_codes(organisation)), "supplier": suppliers}
    rows: list[dict[str, Any]] = []
    seen: dict[tuple[str, str, Any], int] = {}
    for number, cells in sheet.rows:
        row = _assignment_row(number, cells, index, known, errors)
        if row is None:
            continue
        for key in (
            (row["unit"], row["category"], row["rank"]),
            (row["unit"], row["category"], row["supplier"]),
        ):
            if key in seen:
                errors.append(
                    _(
                        "Sheet Tilldelningar, row %(row)s: the same unit, category and "
                        "%(what)s as row %(first)s."
                    )
                    % {
                        "row": number,
                        "first": seen[key],
                        "what": _("rank") if isinstance(key[2], int) else _("supplier"),
                    }
                )
            seen[key] = number
        rows.append(row)
    return rows


def assignment_error(row: int, column: str, message: str) -> str:
    return _("Sheet Tilldelningar, row %(row)s, column %(column)s: %(message)s") % {
        "row": row,
        "column": column,
        "message": message,
    }


def _assignment_row(
    number: int,
    cells: list[Any],
    index: dict[str, int],
    known: dict[str, set[Any]],
    errors: list[str],
) -> dict[str, Any] | None:
    row: dict[str, Any] = {"row": number}
    ok = True
    for key, position in index.items():
        value = cells[position] if position < len(cells) else None
        header = ASSIGNMENT_HEADERS[key][0]
        try:
            row[key] = parse_cell("int", value) if key == "rank" else _text(value)
        except CellError as error:
            errors.append(assignment_error(number, header, str(error)))
            ok = False
            continue
        if key == "rank" and row[key] is None:
            row[key] = 0
        if key == "rank" and row[key] > MAX_RANK:
            message = _("must be at most %(max)s") % {"max": MAX_RANK}
            errors.append(assignment_error(number, header, message))
            ok = False
        if key in known and row[key] not in known[key]:
            message = _("unknown id “%(value)s”") % {"value": row[key]}
            errors.append(assignment_error(number, header, message))
            ok = False
    return row if ok else None


@dataclass
class Staged:
    """Rows checked and applied to instances, ready to write in bulk; nothing written yet."""

    model: type[MealUnit] | type[Supplier]
    creates: list[Model] = field(default_factory=list)
    updates: list[Model] = field(default_factory=list)
    categories: frozenset[str] = frozenset()
    errors: list[str] = field(default_factory=list)


def stage(
    organisation: Organisation, rows: list[dict[str, Any]], model: type[MealUnit] | type[Supplier]
) -> Staged:
    """Re-check every row against the database as it is now, outside any write transaction."""
    existing = {obj.code: obj for obj in model.objects.filter(organisation=organisation)}
    codes = frozenset(category_codes(organisation))
    staged = Staged(model, categories=codes)
    now = timezone.now()
    for row in rows:
        vanished = _vanished_categories(row, codes)
        if vanished:
            staged.errors += vanished
            continue
        instance = existing.get(row["values"]["code"]) or model(organisation=organisation)
        apply_row(instance, row)
        problems = check_instance(instance, row, {}, exclude=["organisation"])
        if problems:
            staged.errors += problems
            continue
        instance.updated_at = now  # type: ignore[attr-defined]  # bulk_update skips auto_now
        (staged.updates if instance.pk else staged.creates).append(instance)
    return staged


def _written_fields(model: type[MealUnit] | type[Supplier]) -> list[str]:
    fields = UNIT_FIELDS if model is MealUnit else SUPPLIER_FIELDS
    names = {f.model.partition(".")[0] for f in fields} - {"code"}
    extra = ["provenance"] if model is Supplier else []
    return sorted(names) + extra + ["updated_at"]


def write_staged(organisation: Organisation, staged: Staged, user: Any) -> list[str]:
    """Write the staged rows in bulk, history included; call inside a transaction.

    The ids of this file and the categories checked while staging must still be as they were;
    if another import or edit changed them meanwhile, nothing is written and the person tries
    again.
    """
    model = staged.model
    mine = {obj.code for obj in staged.creates} | {obj.code for obj in staged.updates}  # type: ignore[attr-defined]
    now = set(model.objects.filter(organisation=organisation).values_list("code", flat=True))
    # Other imports may add other units meanwhile; only this file's ids must be as checked.
    if now & mine != {obj.code for obj in staged.updates}:  # type: ignore[attr-defined]
        return [str(CHANGED_MEANWHILE)]
    if frozenset(category_codes(organisation)) != staged.categories:
        return [str(CHANGED_MEANWHILE)]
    bulk_create_with_history(staged.creates, model, batch_size=BATCH_SIZE, default_user=user)
    if staged.updates:
        bulk_update_with_history(
            staged.updates, model, _written_fields(model), batch_size=BATCH_SIZE, default_user=user
        )
    return []


def write_assignments(
    organisation: Organisation, assignments: list[dict[str, Any]], user: Any
) -> list[str]:
    """Replace the chains of the (unit, category) pairs the sheet names; inside a transaction."""
    if not assignments:
        return []
    units = {u.code: u for u in MealUnit.objects.filter(organisation=organisation)}
    suppliers = {s.code: s for s in Supplier.objects.filter(organisation=organisation)}
    categories = {c.code: c for c in FoodCategory.objects.filter(organisation=organisation)}
    errors = _vanished_assignment_ids(assignments, units, categories, suppliers)
    if errors:
        return errors
    pairs = Q()
    for unit_code, category_code in {(a["unit"], a["category"]) for a in assignments}:
        pairs |= Q(unit=units[unit_code], category=categories[category_code])
    SupplyAssignment.objects.filter(pairs).delete()
    rows = [
        SupplyAssignment(
            organisation=organisation,
            unit=units[row["unit"]],
            category=categories[row["category"]],
            supplier=suppliers[row["supplier"]],
            rank=row["rank"],
        )
        for row in assignments
    ]
    if has_history(SupplyAssignment):
        bulk_create_with_history(rows, SupplyAssignment, batch_size=BATCH_SIZE, default_user=user)
    else:
        SupplyAssignment.objects.bulk_create(rows, batch_size=BATCH_SIZE)
    return []


def has_history(model: type[Model]) -> bool:
    return getattr(model._meta, "simple_history_manager_attribute", None) is not None


def _vanished_assignment_ids(
    assignments: list[dict[str, Any]], *known: dict[str, Any]
) -> list[str]:
    """Assignment rows naming a unit, category or supplier deleted since the preview."""
    errors = []
    for row in assignments:
        for key, objects in zip(("unit", "category", "supplier"), known, strict=True):
            if row[key] not in objects:
                message = _("“%(value)s” no longer exists; it was deleted after the preview") % {
                    "value": row[key]
                }
                errors.append(assignment_error(row["row"], ASSIGNMENT_HEADERS[key][0], message))
    return errors


def _vanished_categories(row: dict[str, Any], codes: AbstractSet[str]) -> list[str]:
    """Per-category values for a category deleted since the preview would reach the engine."""
    return [
        _("Row %(row)s: the food category “%(code)s” was deleted after the preview.")
        % {"row": row["row"], "code": code}
        for values in row["per_category"].values()
        for code in values
        if code not in codes
    ]
