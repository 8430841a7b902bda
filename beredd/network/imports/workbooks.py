"""Excel exports of units and suppliers, written with the same headers the import reads."""

import io
from typing import Any

from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from beredd.accounts.models import Organisation
from beredd.core.files import append_text_row
from beredd.network import percategory
from beredd.network.imports.batches import category_codes
from beredd.network.imports.columns import (
    ASSIGNMENT_HEADERS,
    PROVENANCE_FIELDS,
    PROVENANCE_PREFIXES,
    SOURCE_WORDS,
    SUPPLIER_CATEGORY_COLUMNS,
    SUPPLIER_COLUMNS,
    UNIT_CATEGORY_COLUMNS,
    UNIT_COLUMNS,
    UNIT_TYPE_WORDS,
    Column,
)
from beredd.network.models import MealUnit, Supplier, SupplyAssignment

UNIT_SHEET = "Enheter"
SUPPLIER_SHEET = "Leverantörer"
ASSIGNMENT_SHEET = "Tilldelningar"


def _cell(column: Column, value: Any) -> Any:
    if value is None:
        return None
    if column.kind == "unit_type":
        return UNIT_TYPE_WORDS[value][0]
    if column.kind == "bool":
        return "ja" if value else "nej"
    return value


def _write(sheet: Worksheet, headers: list[str], rows: list[list[Any]]) -> None:
    sheet.append(headers)
    for row in rows:
        append_text_row(sheet, row)
    sheet.freeze_panes = "A2"
    for index, header in enumerate(headers, start=1):
        letter = sheet.cell(row=1, column=index).column_letter
        sheet.column_dimensions[letter].width = max(12, len(header) + 2)


def _save(book: Workbook) -> bytes:
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def unit_headers(codes: list[str]) -> list[str]:
    return [c.sv for c in UNIT_COLUMNS] + [
        g.sv + code for g in UNIT_CATEGORY_COLUMNS for code in codes
    ]


def units_workbook(organisation: Organisation, *, template: bool = False) -> bytes:
    codes = category_codes(organisation)
    book = Workbook()
    sheet = book.active
    sheet.title = UNIT_SHEET
    units = [] if template else MealUnit.objects.filter(organisation=organisation).order_by("code")
    rows = [
        [_cell(c, getattr(unit, c.field)) for c in UNIT_COLUMNS]
        + [
            percategory.read(unit, g.field).get(code)
            for g in UNIT_CATEGORY_COLUMNS
            for code in codes
        ]
        for unit in units
    ]
    _write(sheet, unit_headers(codes), rows)
    return _save(book)


def _value_columns(codes: list[str]) -> list[tuple[str, str]]:
    """(provenance key, Swedish header) for every supplier value that carries a source."""
    scalar = [(c.field, c.sv) for c in SUPPLIER_COLUMNS if c.field in PROVENANCE_FIELDS]
    per_category = [
        (f"{g.field}.{code}", g.sv + code) for g in SUPPLIER_CATEGORY_COLUMNS for code in codes
    ]
    return scalar + per_category


def supplier_headers(codes: list[str]) -> list[str]:
    headers = [c.sv for c in SUPPLIER_COLUMNS]
    headers += [g.sv + code for g in SUPPLIER_CATEGORY_COLUMNS for code in codes]
    for _key, header in _value_columns(codes):
        headers += [
            PROVENANCE_PREFIXES["source"][0] + header,
            PROVENANCE_PREFIXES["date"][0] + header,
        ]
    return headers


def _supplier_row(supplier: Supplier, codes: list[str]) -> list[Any]:
    row = [_cell(c, getattr(supplier, c.field)) for c in SUPPLIER_COLUMNS]
    row += [
        percategory.read(supplier, g.field).get(code)
        for g in SUPPLIER_CATEGORY_COLUMNS
        for code in codes
    ]
    for key, _header in _value_columns(codes):
        entry = supplier.provenance.get(key) or {}
        source = entry.get("source")
        row += [SOURCE_WORDS[source][0] if source in SOURCE_WORDS else None, entry.get("date")]
    return row


def suppliers_workbook(organisation: Organisation, *, template: bool = False) -> bytes:
    codes = category_codes(organisation)
    book = Workbook()
    sheet = book.active
    sheet.title = SUPPLIER_SHEET
    suppliers = (
        [] if template else Supplier.objects.filter(organisation=organisation).order_by("code")
    )
    _write(sheet, supplier_headers(codes), [_supplier_row(s, codes) for s in suppliers])
    assignments = (
        []
        if template
        else (
            SupplyAssignment.objects.filter(organisation=organisation)
            .select_related("unit", "category", "supplier")
            .order_by("supplier__code", "category__code", "unit__code", "rank")
        )
    )
    _write(
        book.create_sheet(ASSIGNMENT_SHEET),
        [names[0] for names in ASSIGNMENT_HEADERS.values()],
        [[a.supplier.code, a.category.code, a.unit.code, a.rank] for a in assignments],
    )
    return _save(book)
