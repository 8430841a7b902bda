"""Check an .xlsx upload's size before openpyxl parses it: a tiny zip can hold a million rows.

The zip's central directory gives every member's uncompressed size (and zipfile never yields
more bytes than that); the sheets and the shared strings are then streamed with a cap and
their `<row>` and `<si>` elements counted, without building any XML tree.
"""

import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import IO

from django.conf import settings
from django.utils.translation import gettext as _

from beredd.network.imports.errors import ImportFileError

MAX_UNCOMPRESSED_BYTES = 30 * 1024 * 1024  # a full 5,000-row file unpacks to a few MB
MAX_MEMBERS = 200
MAX_SHARED_STRINGS = 200_000
CHUNK_BYTES = 64 * 1024
ROW = re.compile(rb"<(?:\w+:)?row[\s/>][^>]*")
HIDDEN = re.compile(rb'\bhidden="(?:1|true)"')
ROW_NUMBER = re.compile(rb'\br="(\d+)"')
SHARED_STRING = re.compile(rb"<(?:\w+:)?si[\s/>]")
TAIL_BYTES = 512  # an element split between two chunks is scanned again with the next one


def max_sheet_rows() -> int:
    """Rows a sheet may have, empty ones included: room for blank lines between the data."""
    return 2 * settings.IMPORT_MAX_ROWS + 1


@dataclass
class SheetFacts:
    rows: int = 0
    hidden_rows: list[int] = field(default_factory=list)


def _count(
    stream: IO[bytes],
    pattern: re.Pattern[bytes],
    limit: int,
    too_many: Callable[[int], ImportFileError],
) -> Iterator[re.Match[bytes]]:
    """Matches of `pattern` in the streamed member, each once, with an error past `limit`.

    The last TAIL_BYTES of each chunk are kept and scanned again with the next one, so an
    element split between two chunks is counted once, where it starts.
    """
    seen, carry = 0, b""
    while True:
        chunk = stream.read(CHUNK_BYTES)
        data = carry + chunk
        cut = len(data) - TAIL_BYTES if chunk else len(data)
        for match in pattern.finditer(data):
            if match.start() >= cut:
                break
            seen += 1
            if seen > limit:
                raise too_many(limit)
            yield match
        if not chunk:
            return
        carry = data[max(cut, 0) :]


def _too_many_rows(limit: int) -> ImportFileError:
    return ImportFileError(
        [
            _(
                "The sheet has more than %(rows)d rows, empty rows included; delete the empty "
                "rows below the data (select them, right-click, Delete) and upload again."
            )
            % {"rows": limit}
        ]
    )


def _too_many_strings(limit: int) -> ImportFileError:
    return ImportFileError(
        [
            _("The file holds more than %(count)d different texts; the limit is %(count)d.")
            % {"count": limit}
        ]
    )


def _sheet_facts(archive: zipfile.ZipFile, name: str) -> SheetFacts:
    facts = SheetFacts()
    with archive.open(name) as stream:
        for match in _count(stream, ROW, max_sheet_rows(), _too_many_rows):
            facts.rows += 1
            if HIDDEN.search(match.group()):
                number = ROW_NUMBER.search(match.group())
                facts.hidden_rows.append(int(number.group(1)) if number else facts.rows)
    return facts


def check_xlsx(data: IO[bytes]) -> dict[str, SheetFacts]:
    """Refuse a workbook that would unpack too big; the facts of each sheet by zip member."""
    unreadable = ImportFileError([_("The file is not a readable Excel file (.xlsx).")])
    try:
        archive = zipfile.ZipFile(data)
    except (zipfile.BadZipFile, OSError, ValueError):
        raise unreadable from None
    with archive:
        members = archive.infolist()
        total = sum(member.file_size for member in members)
        if len(members) > MAX_MEMBERS or total > MAX_UNCOMPRESSED_BYTES:
            raise ImportFileError(
                [
                    _(
                        "The file is too big unpacked: Excel files are zip archives, and this one "
                        "holds more than %(mb)d MB."
                    )
                    % {"mb": MAX_UNCOMPRESSED_BYTES // (1024 * 1024)}
                ]
            )
        try:
            return _member_facts(archive, members)
        except (zipfile.BadZipFile, OSError, EOFError, RuntimeError, NotImplementedError):
            raise unreadable from None


def _member_facts(
    archive: zipfile.ZipFile, members: list[zipfile.ZipInfo]
) -> dict[str, SheetFacts]:
    facts: dict[str, SheetFacts] = {}
    for member in members:
        if member.filename == "xl/sharedStrings.xml":
            with archive.open(member) as stream:
                for _match in _count(stream, SHARED_STRING, MAX_SHARED_STRINGS, _too_many_strings):
                    pass
        elif member.filename.endswith(".xml"):
            # Every XML part, not only xl/worksheets/: the workbook's relations may put a sheet
            # anywhere in the zip.
            facts[member.filename] = _sheet_facts(archive, member.filename)
    return facts
