"""The scenario library, network round trips, what-if changes and comparisons."""

from typing import Any

import numpy as np
import pytest

from beredd.engine import (
    compare,
    load_network,
    load_scenario,
    network_to_dict,
    scenario_library,
    simulate,
    summarize,
    time_to_survive,
    what_if,
)
from beredd.engine.generate import generate_network

REQUIRED_SCENARIOS = {
    "power-outage-long",
    "fuel-shortage",
    "storm-road-closures",
    "pandemic-wave",
    "largest-supplier-insolvency",
    "ransomware-ordering",
    "water-outage",
    "import-stop",
    "heightened-alert-90d",
}


def test_the_library_holds_every_scenario_in_both_languages() -> None:
    sv, en = scenario_library("sv"), scenario_library("en")
    assert {s.id for s in sv} == REQUIRED_SCENARIOS
    for a, b in zip(sv, en, strict=True):
        assert a.id == b.id and a.name and b.name and a.name != b.name
        assert a.rationale and b.rationale
    alert = next(s for s in sv if s.id == "heightened-alert-90d")
    assert alert.horizon_days == 90 and len(alert.event_types) >= 5


@pytest.mark.parametrize("scenario_id", sorted(REQUIRED_SCENARIOS))
def test_every_library_scenario_runs_on_a_generated_network(scenario_id: str) -> None:
    network = load_network(
        generate_network(np.random.default_rng(1), units=15, suppliers=3, categories=3)
    )
    result = simulate(network, load_scenario(scenario_id), draws=3, seed=1, keep_detail=False)
    assert result.service_level is None
    assert result.worst_day_sl.shape == (3, 15)


def test_largest_supplier_insolvency_fails_the_supplier_with_most_capacity(
    backup_network: dict[str, Any],
) -> None:
    scenario = load_scenario("largest-supplier-insolvency")
    result = simulate(load_network(backup_network), scenario, draws=4, seed=0)
    assert result.binding_cause is not None
    # S3 (capacity 60) is the largest: it never delivers after the failure starts
    assert result.cause_days[2, 6] > 0 and result.cause_days[:2, 6].sum() == 0


def test_a_network_round_trips_through_the_file_format(power_network: dict[str, Any]) -> None:
    network = load_network(power_network)
    again = load_network(network_to_dict(network))
    assert network_to_dict(again) == network_to_dict(network)
    assert again.units == network.units and again.suppliers == network.suppliers


def test_what_if_sets_declared_capabilities_on_a_copy(power_network: dict[str, Any]) -> None:
    network = load_network(power_network)
    changed = what_if(
        network, {"supplier": "S", "set": {"stock_days.chilled": 3, "backup_power_hours": 72}}
    )
    assert changed.suppliers[0].stock_days == {"dry": 2, "chilled": 3}
    assert changed.suppliers[0].backup_power_hours == 72
    assert network.suppliers[0].backup_power_hours == 24


def test_what_if_adds_a_supplier_and_moves_units_to_it(backup_network: dict[str, Any]) -> None:
    network = load_network(backup_network)
    changed = what_if(
        network,
        {
            "add_supplier": {
                "id": "S4",
                "capacity_per_day": 200,
                "upstream_slack": 100,
                "time_to_recover_days": 2,
            },
            "move": {"from": "S1", "categories": ["dry"], "units": ["P2"]},
        },
    )
    by_units = {a.units: (a.primary, a.backups) for a in changed.assignments}
    assert by_units == {("P1",): ("S1", ("S2", "S3")), ("P2",): ("S4", ("S2", "S3"))}
    assert len(time_to_survive(changed)) == 4


def test_compare_shows_the_effect_of_more_capacity(backup_network: dict[str, Any]) -> None:
    network = load_network(backup_network)
    stronger = what_if(network, {"supplier": "S1", "set": {"capacity_per_day": 200}})
    scenario = load_scenario(
        {
            "id": "s3-down",
            "horizon_days": 5,
            "events": [
                {
                    "type": "supplier_failure",
                    "suppliers": ["S3"],
                    "start_day": 1,
                    "duration_days": 2,
                }
            ],
        }
    )
    result = compare(network, stronger, scenario, draws=2, seed=0)
    hospital = result["by_type"]["hospital"]["shortfall_portions_mean"]
    assert hospital["a"] > 0 and hospital["b"] == pytest.approx(0)
    assert result["tts_days"]["S2"]["change"] > 0


def test_the_summary_is_plain_json(backup_network: dict[str, Any]) -> None:
    import json

    network = load_network(backup_network)
    scenario = load_scenario("pandemic-wave")
    summary = summarize(network, scenario, simulate(network, scenario, draws=5, seed=2))
    text = json.dumps(summary)
    assert json.loads(text)["by_criticality"]["1"]["units"] == 2
    assert set(summary["suppliers"][0]["cause_days"]) == {
        "none",
        "stock",
        "staff",
        "fuel",
        "power",
        "it",
        "failure",
    }
    assert len(summary["daily_mean_sl_by_type"]["hospital"]) == 90
