"""Read an uploaded .xlsx or semicolon CSV into header names and rows of cell values.

Row numbers are as the user sees them in Excel: the header is row 1.
"""

import codecs
import csv
import io
import warnings
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from beredd.network.imports.errors import ImportFileError
from beredd.network.imports.xlsxlimits import SheetFacts, check_xlsx

__all__ = ["ImportFileError", "Table", "Workbook", "read_upload"]

XLSX_MAGIC = b"PK\x03\x04"


@dataclass
class Table:
    """One sheet: the header cells and the data rows (row number, cells), empty rows skipped."""

    headers: list[str]
    rows: list[tuple[int, list[Any]]] = field(default_factory=list)


@dataclass
class Workbook:
    """The main table and, for supplier files, an optional assignments table."""

    main: Table
    extra: dict[str, Table] = field(default_factory=dict)
    sheet_names: list[str] = field(default_factory=list)


def read_upload(upload: UploadedFile, *, extra_sheets: tuple[str, ...] = ()) -> Workbook:
    """Read an upload, checking size, type and row count before anything else."""
    if upload.size is not None and upload.size > settings.IMPORT_MAX_BYTES:
        limit_mb = settings.IMPORT_MAX_BYTES / (1024 * 1024)
        raise ImportFileError(
            [_("The file is too big; the limit is %(mb).1f MB.") % {"mb": limit_mb}]
        )
    data = upload.read(settings.IMPORT_MAX_BYTES + 1)
    if len(data) > settings.IMPORT_MAX_BYTES:
        limit_mb = settings.IMPORT_MAX_BYTES / (1024 * 1024)
        raise ImportFileError(
            [_("The file is too big; the limit is %(mb).1f MB.") % {"mb": limit_mb}]
        )
    if not data.strip():
        raise ImportFileError([_("The file is empty.")])
    name = (upload.name or "").lower()
    if name.endswith(".xlsx"):
        return _read_xlsx(data, extra_sheets)
    if name.endswith(".csv") or name.endswith(".txt"):
        return Workbook(main=_read_csv(data))
    raise ImportFileError(
        [
            _(
                "Wrong file type: upload an Excel file (.xlsx) "
                "or a semicolon-separated CSV file (.csv)."
            )
        ]
    )


def _check_rows(table: Table) -> Table:
    if not table.headers or not any(str(h).strip() for h in table.headers):
        raise ImportFileError([_("The file is empty: the first row must hold the column names.")])
    if not table.rows:
        raise ImportFileError([_("The file has column names but no rows of data.")])
    return table


def _too_many_rows() -> ImportFileError:
    return ImportFileError(
        [
            _("The file has too many rows; the limit is %(rows)d.")
            % {"rows": settings.IMPORT_MAX_ROWS}
        ]
    )


def _sheet_table(sheet: Any) -> Table:
    rows = sheet.iter_rows(values_only=True)
    header = next(rows, None)
    table = Table(headers=[_text(cell) for cell in (header or ())])
    for number, cells in enumerate(rows, start=2):
        if all(cell is None or str(cell).strip() == "" for cell in cells):
            continue
        if len(table.rows) >= settings.IMPORT_MAX_ROWS:
            raise _too_many_rows()
        table.rows.append((number, list(cells)))
    return table


def _read_xlsx(data: bytes, extra_sheets: tuple[str, ...]) -> Workbook:
    from openpyxl import load_workbook

    unreadable = ImportFileError([_("The file is not a readable Excel file (.xlsx).")])
    if not data.startswith(XLSX_MAGIC):
        raise unreadable
    facts = check_xlsx(io.BytesIO(data))
    # openpyxl raises many different exceptions on malformed or foreign zip files and warns
    # about Excel features it ignores; an upload is untrusted, so any failure means unreadable.
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
            try:
                names = [sheet.title for sheet in book.worksheets]
                read = [book.worksheets[0]] + [
                    s for s in book.worksheets[1:] if _fold(s.title) in extra_sheets
                ]
                _refuse_hidden_rows(read, facts)
                main = _check_rows(_sheet_table(book.worksheets[0]))
                extra = {sheet.title: _sheet_table(sheet) for sheet in read[1:]}
            finally:
                book.close()
    except ImportFileError:
        raise
    except Exception:
        raise unreadable from None
    return Workbook(main=main, extra=extra, sheet_names=names)


def _refuse_hidden_rows(sheets: list[Any], facts: dict[str, SheetFacts]) -> None:
    """A hidden row would be imported unseen; the person must show or delete it first."""
    problems = []
    for sheet in sheets:
        path = str(getattr(sheet, "_worksheet_path", "")).lstrip("/")
        for number in facts.get(path, SheetFacts()).hidden_rows:
            problems.append(
                _(
                    "Sheet %(sheet)s, row %(row)s is hidden in Excel and would be imported "
                    "unseen; show the row (or delete it) and upload again."
                )
                % {"sheet": sheet.title, "row": number}
            )
    if problems:
        raise ImportFileError(problems)


UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
# UTF-8 bytes of å, ä, ö, Å, Ä, Ö read as Windows-1252: what a file mixing the two shows.
MOJIBAKE = ("Ã¥", "Ã¤", "Ã¶", "Ã…", "Ã„", "Ã–", "Ã©")


def _decode(data: bytes) -> str:
    """UTF-8 (with or without BOM) first, then Windows-1252 as Swedish Excel saves it.

    Excel's "Unicode text" is UTF-16 with a byte order mark, so that is read too.
    """
    if data.startswith(UTF16_BOMS):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise _unreadable_characters() from None
    if b"\x00" in data:
        raise ImportFileError([_("The file is not a text file; save it as CSV or .xlsx.")])
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        raise _unreadable_characters() from None
    if any(garbled in text for garbled in MOJIBAKE):
        # Part UTF-8, part Windows-1252: any choice garbles å, ä and ö somewhere.
        raise ImportFileError(
            [
                _(
                    "The file mixes two character encodings (UTF-8 and Windows-1252), so å, ä "
                    "and ö would be garbled; save it again as CSV UTF-8."
                )
            ]
        )
    return text


def _unreadable_characters() -> ImportFileError:
    return ImportFileError(
        [_("The file's characters cannot be read; save it as CSV UTF-8 or Windows-1252.")]
    )


def _read_csv(data: bytes) -> Table:
    text = _decode(data)
    try:
        return _csv_table(text)
    except csv.Error:
        raise ImportFileError([_("The file is not a readable CSV file.")]) from None


def _csv_table(text: str) -> Table:
    lines = csv.reader(io.StringIO(text, newline=""), delimiter=";")
    header = next(lines, [])
    if len(header) == 1 and "," in header[0]:
        raise ImportFileError([_("The columns must be separated by semicolons (;), not commas.")])
    if len(header) == 1 and "\t" in header[0]:
        raise ImportFileError([_("The columns must be separated by semicolons (;), not tabs.")])
    table = Table(headers=[cell.strip() for cell in header])
    for number, cells in enumerate(lines, start=2):
        if all(not cell.strip() for cell in cells):
            continue
        if len(table.rows) >= settings.IMPORT_MAX_ROWS:
            raise _too_many_rows()
        table.rows.append((number, list(cells)))
    return _check_rows(table)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _fold(text: str) -> str:
    """Header names compared without case, Swedish letters, spaces or hyphens."""
    table = str.maketrans({"å": "a", "ä": "a", "ö": "o", "é": "e", " ": "_", "-": "_"})
    return str(text).strip().lower().translate(table)
