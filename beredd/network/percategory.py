"""Per-category values stored as JSON: `stock_days` or nested ones like `menus.normal`."""

from typing import Any


def read(obj: Any, field: str) -> dict[str, Any]:
    """The {category code: value} mapping of a field; "menus.normal" reads obj.menus["normal"]."""
    outer, _dot, inner = field.partition(".")
    values = getattr(obj, outer, None) or {}
    if inner:
        values = values.get(inner) or {}
    return dict(values)


def write(obj: Any, field: str, values: dict[str, Any]) -> None:
    """Set a field's mapping; an empty nested mapping is dropped (no own menu = the default)."""
    outer, _dot, inner = field.partition(".")
    if not inner:
        setattr(obj, outer, values)
        return
    container = dict(getattr(obj, outer, None) or {})
    if values:
        container[inner] = values
    else:
        container.pop(inner, None)
    setattr(obj, outer, container)
