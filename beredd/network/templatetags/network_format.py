"""`num`: a number as people read it – no float noise, no needless decimals, local comma."""

from typing import Any

from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def num(value: Any) -> Any:
    """0.30000000000000004 → "0,3"; 2.0 → "2"; None and text pass through."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return value
    rounded = round(float(value), 4)
    if rounded.is_integer():
        return number_format(int(rounded))
    return number_format(rounded)
