"""The scenario library shipped in `beredd/engine/scenarios/*.json`."""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class ScenarioInfo:
    id: str
    name: str
    rationale: str
    horizon_days: int
    event_types: tuple[str, ...]
    data: dict[str, Any]


def _files() -> list[Path]:
    folder = resources.files("beredd.engine").joinpath("scenarios")
    return sorted(Path(str(folder)).glob("*.json"))


def library_path(scenario_id: str) -> Path | None:
    """The file of library scenario `scenario_id`, or None."""
    for path in _files():
        if json.loads(path.read_text(encoding="utf-8")).get("id") == scenario_id:
            return path
    return None


def scenario_library(lang: str = "sv") -> list[ScenarioInfo]:
    """All library scenarios, texts in `lang` (falling back to Swedish)."""
    out = []
    for path in _files():
        data = json.loads(path.read_text(encoding="utf-8"))
        out.append(
            ScenarioInfo(
                id=data["id"],
                name=_text(data.get("name", {}), lang),
                rationale=_text(data.get("rationale", {}), lang),
                horizon_days=int(data["horizon_days"]),
                event_types=tuple(dict.fromkeys(e["type"] for e in data["events"])),
                data=data,
            )
        )
    return out


def _text(value: str | dict[str, str], lang: str) -> str:
    if isinstance(value, str):
        return value
    return value.get(lang) or value.get("sv") or next(iter(value.values()), "")
