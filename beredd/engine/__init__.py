"""Beredd's stress-test engine: plain Python + NumPy/SciPy, no Django.

The model is described in docs/stress-test-model.md; this module declares the public API.
"""

from beredd.engine.errors import NetworkError, ScenarioError
from beredd.engine.kernel import CAUSES
from beredd.engine.library import ScenarioInfo, scenario_library
from beredd.engine.loading import load_network, network_to_dict
from beredd.engine.model import Network, Scenario
from beredd.engine.scenario_io import load_scenario
from beredd.engine.simulate import SimulationResult, simulate
from beredd.engine.summary import compare, summarize
from beredd.engine.tts import SupplierRisk, time_to_survive
from beredd.engine.whatif import what_if

__all__ = [
    "CAUSES",
    "Network",
    "NetworkError",
    "Scenario",
    "ScenarioError",
    "ScenarioInfo",
    "SimulationResult",
    "SupplierRisk",
    "compare",
    "load_network",
    "load_scenario",
    "network_to_dict",
    "scenario_library",
    "simulate",
    "summarize",
    "time_to_survive",
    "what_if",
]
