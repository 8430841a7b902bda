"""The worked examples printed in the model description, day by day."""

from typing import Any

import numpy as np
import pytest

from beredd.engine import load_network, load_scenario, simulate, time_to_survive


def _run(network: dict[str, Any], event: dict[str, Any]) -> tuple[np.ndarray, np.ndarray]:
    scenario = load_scenario({"horizon_days": 5, "events": [event]})
    result = simulate(load_network(network), scenario, draws=1, seed=0, detail_dtype=np.float64)
    assert result.service_level is not None and result.normal_share is not None
    return result.service_level[0], result.normal_share[0]


def test_it_reproduces_the_backup_supplier_example(backup_network: dict[str, Any]) -> None:
    sl, _ = _run(
        backup_network,
        {"type": "supplier_failure", "suppliers": ["S3"], "start_day": 1, "duration_days": 2},
    )
    expected = [[1, 1], [0.8667, 1], [0.5758, 0.7364], [1, 1], [1, 1]]
    np.testing.assert_allclose(sl, expected, atol=1e-4)
    assert sl[1, 0] == pytest.approx(65 / 75, abs=1e-12)


def test_it_reproduces_the_power_priority_and_spoilage_example(
    power_network: dict[str, Any],
) -> None:
    sl, ns = _run(
        power_network, {"type": "power_outage", "areas": ["a"], "start_day": 1, "duration_days": 2}
    )
    np.testing.assert_allclose(sl, [[1, 1], [0.5, 0.5], [0.5, 0.5], [1, 1], [1, 1]], atol=1e-4)
    np.testing.assert_allclose(
        ns, [[1, 1], [0.5, 0.5], [0.5, 0], [1, 0.0905], [1, 0.6116]], atol=1e-4
    )


def test_it_reproduces_the_time_to_survive_example(backup_network: dict[str, Any]) -> None:
    risks = time_to_survive(load_network(backup_network), horizon_days=90)
    assert [r.supplier_id for r in risks] == ["S1", "S2", "S3"]
    np.testing.assert_allclose([r.tts_days for r in risks], [2.25, 1.2857, 0.9], atol=1e-4)
    np.testing.assert_allclose([r.pi for r in risks], [0, 125_000, 275_000], atol=1e-3)
    np.testing.assert_allclose([r.rei for r in risks], [0, 0.4545, 1], atol=1e-4)
    assert [r.needs_mitigation for r in risks] == [False, True, True]


def test_time_to_survive_is_capped_at_the_horizon(backup_network: dict[str, Any]) -> None:
    for supplier in backup_network["suppliers"]:
        supplier["capacity_per_day"] = 1000
    risks = time_to_survive(load_network(backup_network), horizon_days=30)
    assert [r.tts_days for r in risks] == pytest.approx([30, 30, 30])
    assert [r.rei for r in risks] == [0, 0, 0]
