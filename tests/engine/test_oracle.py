"""The vectorised engine equals the naive per-unit loop on random small networks."""

from typing import Any

import numpy as np
import pytest

from beredd.engine import load_network, load_scenario, simulate
from beredd.engine.generate import generate_network
from beredd.engine.naive import simulate_naive

FIXED_EVENTS: dict[str, list[dict[str, Any]]] = {
    "power": [{"type": "power_outage", "areas": "*", "start_day": 2, "duration_days": 4}],
    "water": [{"type": "water_outage", "areas": ["area0"], "start_day": 1, "duration_days": 3}],
    "roads": [
        {"type": "road_closure", "areas": "*", "access": 0.3, "start_day": 2, "duration_days": 3}
    ],
    "fuel": [
        {"type": "fuel_shortage", "capacity_when_empty": 0.3, "start_day": 1, "duration_days": 9}
    ],
    "pandemic": [{"type": "pandemic", "absence": 0.35, "start_day": 0, "duration_days": 8}],
    "failure": [
        {
            "type": "supplier_failure",
            "suppliers": "largest",
            "count": 2,
            "start_day": 1,
            "duration_days": 6,
        }
    ],
    "it": [{"type": "it_outage", "systems": "*", "start_day": 3, "duration_days": 4}],
    "imports": [{"type": "import_stop", "categories": "*", "start_day": 0, "duration_days": 12}],
}
FIXED_EVENTS["all"] = [e for events in FIXED_EVENTS.values() for e in events]


def _network(seed: int, prioritise: bool | None) -> dict[str, Any]:
    data = generate_network(
        np.random.default_rng(seed), units=14, suppliers=4, categories=4, group_size=3
    )
    for supplier in data["suppliers"]:
        # tight capacity and thin depots so that rounds, priority and stock all bind
        supplier["capacity_per_day"] *= 0.6
        if prioritise is not None:
            supplier["prioritises_critical"] = prioritise
    return data


def _compare(network: dict[str, Any], events: list[dict[str, Any]], draws: int = 2) -> None:
    net = load_network(network)
    scenario = load_scenario({"horizon_days": 12, "events": events})
    fast = simulate(net, scenario, draws=draws, seed=11, chunk_draws=1, detail_dtype=np.float64)
    sl, ns = simulate_naive(net, scenario, draws=range(draws), seed=11)
    assert fast.service_level is not None and fast.normal_share is not None
    np.testing.assert_allclose(fast.service_level, sl, rtol=0, atol=1e-9)
    np.testing.assert_allclose(fast.normal_share, ns, rtol=0, atol=1e-9)


@pytest.mark.parametrize("case", sorted(FIXED_EVENTS))
@pytest.mark.parametrize("prioritise", [True, False])
def test_the_engine_equals_the_naive_loop_for_every_event_type(case: str, prioritise: bool) -> None:
    _compare(_network(3, prioritise), FIXED_EVENTS[case])


@pytest.mark.parametrize("seed", range(4))
def test_the_engine_equals_the_naive_loop_on_random_networks(seed: int) -> None:
    _compare(_network(100 + seed, None), FIXED_EVENTS["all"])


def test_the_engine_equals_the_naive_loop_with_random_events() -> None:
    events = [
        {
            "type": "power_outage",
            "areas": "*",
            "start_day": {"uniform_int": [0, 4]},
            "duration_days": {"choice": [1, 3, 5]},
        },
        {
            "type": "pandemic",
            "absence": {"triangular": [0.1, 0.2, 0.5]},
            "start_day": 0,
            "duration_days": {"uniform_int": [2, 9]},
        },
        {
            "type": "supplier_failure",
            "count": {"uniform_int": [0, 2]},
            "start_day": 2,
            "duration_days": 4,
        },
        {
            "type": "road_closure",
            "areas": "*",
            "access": {"uniform": [0.2, 0.9]},
            "start_day": 1,
            "duration_days": 2,
        },
    ]
    _compare(_network(7, None), events, draws=4)


def test_the_naive_loop_stands_alone_on_the_backup_example(backup_network: dict[str, Any]) -> None:
    scenario = load_scenario(
        {
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
    sl, _ = simulate_naive(load_network(backup_network), scenario, draws=range(1), seed=0)
    np.testing.assert_allclose(sl[0, 2], [0.5758, 0.7364], atol=1e-4)
