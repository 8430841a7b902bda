"""Strict parsing of ids and dates that arrive as text: from a URL path, a query or a form.

`"²".isdigit()` is true and `int("²")` fails; `99999999999999999999` is digits but overflows
the database's 64-bit INTEGER. Both used to answer 500. Here an id is ASCII digits only and
1..2**63-1, anything else is "no id" (None, a 404, or a form error), and a date is exactly
`YYYY-MM-DD`.
"""

import datetime
import re

from django.urls import register_converter

MAX_ID = 2**63 - 1  # the largest value of a signed 64-bit database INTEGER
_ID = re.compile(r"[0-9]{1,19}")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def parse_id(value: object) -> int | None:
    """An id from a query or form value: ASCII digits only and 1..2**63-1, else None.

    No sign, no spaces, no exponent: `"-1"`, `" 1"`, `"1e3"`, `"²"` and `str(10**20)` are None.
    """
    return parse_count(value, minimum=1)


def parse_count(value: object, *, minimum: int = 0, maximum: int = MAX_ID) -> int | None:
    """A whole number from a query or form value, ASCII digits only, within the bounds."""
    if not isinstance(value, str) or not _ID.fullmatch(value):
        return None
    number = int(value)
    return number if minimum <= number <= maximum else None


def parse_date(value: object) -> datetime.date | None:
    """A date from a query or form value: exactly `YYYY-MM-DD` and a real day, else None."""
    if not isinstance(value, str) or not _DATE.fullmatch(value):
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        return None


class IdConverter:
    """`<id:pk>` in a URL: like `<int:pk>`, but an id no database column can hold is a 404."""

    regex = "[0-9]{1,19}"

    def to_python(self, value: str) -> int:
        number = parse_id(value)
        if number is None:
            raise ValueError(value)  # the resolver tries the next pattern, then answers 404
        return number

    def to_url(self, value: int) -> str:
        return str(value)


register_converter(IdConverter, "id")
