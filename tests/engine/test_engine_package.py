"""The engine's public API is declared once, and importing it does not import Django."""

import subprocess
import sys
from pathlib import Path

import beredd.engine

ROOT = Path(__file__).resolve().parents[2]


def test_the_exported_members_are_the_declared_api() -> None:
    exported = {name for name in dir(beredd.engine) if not name.startswith("_")}
    declared = set(beredd.engine.__all__)
    assert declared <= exported
    assert {
        "Network",
        "Scenario",
        "NetworkError",
        "load_network",
        "load_scenario",
        "scenario_library",
        "simulate",
        "SimulationResult",
        "summarize",
        "CAUSES",
        "time_to_survive",
        "what_if",
        "compare",
        "network_to_dict",
    } <= declared
    for name in declared:
        member = getattr(beredd.engine, name)
        assert getattr(member, "__module__", "beredd.engine").startswith("beredd.engine"), name
    assert beredd.engine.CAUSES == ("none", "stock", "staff", "fuel", "power", "it", "failure")


def test_importing_the_engine_leaves_django_out() -> None:
    code = (
        "import sys, beredd.engine, beredd.engine.naive, beredd.engine.generate; "
        "import beredd.cli; "
        "assert 'django' not in sys.modules, sorted(m for m in sys.modules if 'django' in m)"
    )
    run = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert run.returncode == 0, run.stderr
