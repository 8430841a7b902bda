"""`what_if`: a new network with declared capabilities changed or a supplier added."""

from __future__ import annotations

import copy
from collections.abc import Mapping, Sequence
from typing import Any

from beredd.engine.errors import NetworkError
from beredd.engine.loading import load_network, network_to_dict
from beredd.engine.model import Network

Change = Mapping[str, Any]


def what_if(network: Network, changes: Change | Sequence[Change]) -> Network:
    """Apply changes in order, each one of:

    `{"supplier": "S1", "set": {"stock_days.dry": 14, "backup_power_hours": 72}}`,
    `{"unit": "U1", "set": {...}}`, or
    `{"add_supplier": {...}, "move": {"from": "S1", "categories": [...], "units": [...]}}`
    (`move` is optional; omitted `categories`/`units` mean all; moved units get the new
    supplier as primary and keep their backups). The result is validated like a file.
    """
    data = network_to_dict(network)
    items = [changes] if isinstance(changes, Mapping) else list(changes)
    for i, change in enumerate(items):
        _apply(data, change, f"changes[{i}]")
    return load_network(data)


def _apply(data: dict[str, Any], change: Change, path: str) -> None:
    if "add_supplier" in change:
        data["suppliers"].append(copy.deepcopy(dict(change["add_supplier"])))
        if "move" in change:
            _move(data, change["add_supplier"]["id"], change["move"], f"{path}.move")
        return
    for kind in ("supplier", "unit"):
        if kind in change:
            target = _find(data[f"{kind}s"], change[kind], f"{path}.{kind}")
            for key, value in dict(change.get("set", {})).items():
                _set(target, key.split("."), value)
            return
    raise NetworkError(path, "expected one of supplier, unit, add_supplier")


def _find(items: list[dict[str, Any]], ident: str, path: str) -> dict[str, Any]:
    for item in items:
        if item["id"] == ident:
            return item
    raise NetworkError(path, f"unknown id {ident!r}")


def _set(target: dict[str, Any], keys: list[str], value: Any) -> None:
    for key in keys[:-1]:
        if not isinstance(target.get(key), dict):
            target[key] = {}
        target = target[key]
    target[keys[-1]] = value


def _move(data: dict[str, Any], new_id: str, move: Mapping[str, Any], path: str) -> None:
    source = move.get("from")
    cats = set(move.get("categories") or [a["category"] for a in data["assignments"]])
    chosen = set(move["units"]) if move.get("units") else None
    result = []
    for a in data["assignments"]:
        if a["category"] not in cats or (source is not None and a["primary"] != source):
            result.append(a)
            continue
        moved = [u for u in a["units"] if chosen is None or u in chosen]
        kept = [u for u in a["units"] if u not in moved]
        if kept:
            result.append({**a, "units": kept})
        if moved:
            backups = [s for s in a.get("backups", []) if s != new_id]
            result.append({**a, "units": moved, "primary": new_id, "backups": backups})
    data["assignments"] = result
