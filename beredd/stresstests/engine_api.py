"""The engine's public names this app uses, in one place (tests replace the scenario library)."""

from typing import Any

from beredd import engine as _engine
from beredd.engine import (
    CAUSES,
    NetworkError,
    load_network,
    load_scenario,
    network_to_dict,
    simulate,
    summarize,
    time_to_survive,
    what_if,
)

__all__ = [
    "CAUSES",
    "NetworkError",
    "load_network",
    "load_scenario",
    "network_to_dict",
    "scenario_library",
    "simulate",
    "summarize",
    "time_to_survive",
    "what_if",
]


def scenario_library(lang: str = "sv") -> list[Any]:
    return list(_engine.scenario_library(lang=lang))
