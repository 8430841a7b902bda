"""Files for download (.xlsx, .docx, PDF): safe cell and paragraph text, and the HTTP responses.

Every app writes its files through these helpers, so a guard added here protects them all.
"""

import re
from typing import Any

from django.http import HttpResponse
from django.utils.text import slugify
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.worksheet.worksheet import Worksheet

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF_TYPE = "application/pdf"

# Control characters (pasted from Word: \x0b is its line break) are not allowed in XML, so
# python-docx refuses them; they carry no meaning in a document either.
_LINE_BREAKS = re.compile(r"[\x0b\x0c]")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\ufffe\uffff]")

# fpdf2's core fonts cover Latin-1 only (å, ä, ö, é are fine); these glyphs get a plain stand-in.
PDF_REPLACEMENTS = {
    "–": "-",
    "—": "-",
    "−": "-",
    "≥": ">=",
    "≤": "<=",
    "…": "...",
    "’": "'",
    "‘": "'",
    "“": '"',
    "”": '"',
    "\u00a0": " ",
    "\u202f": " ",
    "→": "->",
    "•": "-",
}


def plain_text(text: str) -> str:
    """`text` without control characters; Word's line and page breaks become newlines."""
    return _CONTROL.sub("", _LINE_BREAKS.sub("\n", text))


def pdf_text(text: str) -> str:
    """`text` as fpdf2's core fonts can draw it: plain, Latin-1, other glyphs replaced."""
    text = plain_text(text)
    for glyph, plain in PDF_REPLACEMENTS.items():
        text = text.replace(glyph, plain)
    return text.encode("latin-1", errors="replace").decode("latin-1")


def cell_value(value: Any) -> Any:
    """Control characters (e.g. Word's line break \\x0b) would make openpyxl refuse the file."""
    return ILLEGAL_CHARACTERS_RE.sub("", value) if isinstance(value, str) else value


def append_text_row(sheet: Worksheet, values: list[Any]) -> None:
    """Append a row; text that starts with "=" stays text (no formula runs in Excel)."""
    sheet.append([cell_value(value) for value in values])
    for cell in sheet[sheet.max_row]:
        if cell.data_type == "f":
            cell.data_type = "s"


def safe_filename(filename: str) -> str:
    """`filename` with only letters, digits, "-", "_" and one extension (no quotes, no path)."""
    stem, dot, extension = filename.rpartition(".")
    if not dot:
        stem, extension = extension, ""
    stem = slugify(stem) or "download"
    extension = re.sub(r"[^a-z0-9]", "", extension.lower())
    return f"{stem}.{extension}" if extension else stem


def attachment(content: bytes | str, filename: str, content_type: str) -> HttpResponse:
    """`content` as a download named `filename` (made safe for the header)."""
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{safe_filename(filename)}"'
    return response


def xlsx_response(content: bytes, filename: str) -> HttpResponse:
    return attachment(content, filename, XLSX_TYPE)


def docx_response(content: bytes, filename: str) -> HttpResponse:
    return attachment(content, filename, DOCX_TYPE)


def pdf_response(content: bytes, filename: str) -> HttpResponse:
    return attachment(content, filename, PDF_TYPE)
