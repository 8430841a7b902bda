"""One supplier, two units and a known one-day supplier failure, computed by hand."""

import numpy as np

from beredd.engine import CAUSES, load_network, load_scenario, simulate

NETWORK = {
    "categories": [{"id": "dry"}],
    "menus": {"normal": {"dry": 1}, "crisis": {"dry": 1}},
    "units": [
        {
            "id": "A",
            "area": "x",
            "type": "hospital",
            "criticality": 1,
            "portions_per_day": 40,
            "stock_days": {"dry": 0.5},
            "order_up_to_days": {"dry": 1},
        },
        {
            "id": "B",
            "area": "x",
            "type": "office",
            "criticality": 3,
            "portions_per_day": 60,
            "stock_days": {"dry": 0.5},
            "order_up_to_days": {"dry": 1},
        },
    ],
    "suppliers": [
        {"id": "S", "capacity_per_day": 80, "upstream_slack": 0.5, "prioritises_critical": True}
    ],
    "assignments": [{"category": "dry", "units": ["A", "B"], "primary": "S"}],
}
SCENARIO = {
    "horizon_days": 4,
    "events": [
        {"type": "supplier_failure", "suppliers": ["S"], "start_day": 1, "duration_days": 1}
    ],
}


def test_it_reproduces_a_hand_computed_outage_every_day() -> None:
    """x0 = 0.5 P: A 20, B 30; X = 2 P: A 80, B 120; N = 100, M = 150, no depot, cap 80.

    day 0: orders 60 + 90 = 150 <= a 150, capped to 80; A (class 1) gets 60, B gets 20.
           A 80 -> serves 40 (SL 1, left 40); B 50 -> serves 50 of 60 (SL 0.8333, left 0).
    day 1: S failed, nothing delivered. A serves its 40 (SL 1); B has 0 (SL 0).
    day 2: orders 80 + 120 = 200, a 150, capped to 80; A gets all 80, B nothing.
           A serves 40 (left 40), SL 1; B SL 0.
    day 3: orders 40 + 120 = 160, a 150, capped to 80; A gets 40, B 40.
           A SL 1; B 40 of 60 = 0.6667.
    Causes: day 0 only the nominal capacity binds (none); day 1 failure; days 2-3 capacity and
    stock bind with no stress factor below 1 (stock).
    """
    result = simulate(
        load_network(NETWORK), load_scenario(SCENARIO), draws=1, seed=7, detail_dtype=np.float64
    )
    assert result.service_level is not None and result.normal_share is not None
    expected = [[1, 50 / 60], [1, 0], [1, 0], [1, 40 / 60]]
    np.testing.assert_allclose(result.service_level[0], expected, atol=1e-12)
    np.testing.assert_allclose(result.normal_share[0], expected, atol=1e-12)
    assert result.delivered is not None and result.binding_cause is not None
    np.testing.assert_allclose(result.delivered[0, :, 0], [80, 0, 80, 80], atol=1e-4)
    causes = [CAUSES[c] for c in result.binding_cause[0, :, 0]]
    assert causes == ["none", "failure", "stock", "stock"]


def test_it_counts_breaches_and_loss_area_from_the_same_run() -> None:
    result = simulate(load_network(NETWORK), load_scenario(SCENARIO), draws=1, seed=7)
    assert result.meets_min.tolist() == [[True, True]]  # min_service_level defaults to 0
    np.testing.assert_allclose(result.loss_area[0], [0, (10 / 60) + 1 + 1 + (20 / 60)])
    np.testing.assert_allclose(result.worst_day_sl[0], [1, 0])
