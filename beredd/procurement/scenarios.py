"""The engine's scenario library as the composer shows it: id, name and rationale per scenario.

The engine (`beredd.engine.scenario_library(lang)`) is the one source of scenarios. Until it is
importable we fall back to the ids alone, so the composer still works.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.utils import translation


@dataclass(frozen=True)
class ScenarioInfo:
    id: str
    name: str
    rationale: str
    horizon_days: int | None = None


def _text(value: Any, lang: str) -> str:
    """Scenario texts may be a plain string or a {lang: text} mapping."""
    if isinstance(value, dict):
        return str(value.get(lang) or value.get("sv") or next(iter(value.values()), ""))
    return "" if value is None else str(value)


def _field(scenario: Any, name: str) -> Any:
    if isinstance(scenario, dict):
        return scenario.get(name)
    return getattr(scenario, name, None)


def _load_library(lang: str) -> Iterable[Any]:
    try:
        from beredd.engine import scenario_library
    except ImportError:
        return ()
    library = scenario_library(lang)
    return library.values() if isinstance(library, dict) else library


def scenario_choices(lang: str | None = None) -> list[ScenarioInfo]:
    lang = lang or translation.get_language() or "sv"
    lang = lang.split("-")[0]
    infos = []
    for scenario in _load_library(lang):
        scenario_id = str(_field(scenario, "id") or "")
        if not scenario_id:
            continue
        infos.append(
            ScenarioInfo(
                id=scenario_id,
                name=_text(_field(scenario, "name"), lang) or scenario_id,
                rationale=_text(_field(scenario, "rationale"), lang),
                horizon_days=_field(scenario, "horizon_days"),
            )
        )
    return infos


def scenarios_of(scenario_ids: list[str], lang: str | None = None) -> list[ScenarioInfo]:
    """The chosen scenarios in the chosen order; unknown ids are shown by their id alone."""
    known = {info.id: info for info in scenario_choices(lang)}
    return [known.get(sid, ScenarioInfo(id=sid, name=sid, rationale="")) for sid in scenario_ids]
