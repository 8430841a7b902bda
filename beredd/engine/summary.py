"""JSON-ready summaries of a simulation (codes and numbers only) and side-by-side comparisons."""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import NDArray

from beredd.engine.arrays import arrays_of
from beredd.engine.kernel import CAUSES
from beredd.engine.model import Network, Scenario
from beredd.engine.simulate import SimulationResult, simulate

_PCT = (5, 50, 95)


def summarize(network: Network, scenario: Scenario, result: SimulationResult) -> dict[str, Any]:
    """Per unit, per unit type, per criticality, per supplier and per day (for charts)."""
    arr = arrays_of(network)
    horizon = result.horizon_days
    shortfall = result.loss_area * arr.portions_per_day[None, :]  # [draw, unit] portions
    units = [_unit(network, i, result, shortfall, horizon) for i in range(len(network.units))]
    types = [u.type for u in network.units]
    crits = [str(u.criticality) for u in network.units]
    return {
        "model_version": 1,
        "scenario": scenario.id,
        "draws": result.draws,
        "seed": result.seed,
        "horizon_days": horizon,
        "causes": list(CAUSES),
        "units": units,
        "by_type": _rollup(types, result, shortfall),
        "by_criticality": _rollup(crits, result, shortfall),
        "suppliers": [_supplier(sid, result, s) for s, sid in enumerate(result.supplier_ids)],
        "daily_mean_sl_by_type": {
            t: _round_list(result.mean_sl_by_type[:, j]) for j, t in enumerate(arr.unit_types)
        },
    }


def _unit(
    network: Network, i: int, result: SimulationResult, shortfall: NDArray[np.float64], horizon: int
) -> dict[str, Any]:
    unit = network.units[i]
    first = result.first_breach_day[:, i]
    breached = first >= 0
    return {
        "id": unit.id,
        "type": unit.type,
        "criticality": unit.criticality,
        "p_meet_min": float(result.meets_min[:, i].mean()),
        "first_breach_day": {
            "p_breach": float(breached.mean()),
            **_percentiles(np.where(breached, first, horizon)),
            "mean_if_breached": float(first[breached].mean()) if breached.any() else None,
        },
        "worst_day_sl": _percentiles(result.worst_day_sl[:, i]),
        "shortfall_portions": {
            "mean": float(shortfall[:, i].mean()),
            "p95": float(np.percentile(shortfall[:, i], 95)),
        },
        "loss_area": {"mean": float(result.loss_area[:, i].mean())},
    }


def _percentiles(values: NDArray[Any]) -> dict[str, float]:
    return {f"p{p}": float(v) for p, v in zip(_PCT, np.percentile(values, _PCT), strict=True)}


def _rollup(
    keys: list[str], result: SimulationResult, shortfall: NDArray[np.float64]
) -> dict[str, Any]:
    out = {}
    for key in dict.fromkeys(keys):
        cols = [i for i, k in enumerate(keys) if k == key]
        meets = result.meets_min[:, cols]
        out[key] = {
            "units": len(cols),
            "mean_p_meet_min": float(meets.mean()),
            "p_all_meet_min": float(meets.all(axis=1).mean()),
            "shortfall_portions_mean": float(shortfall[:, cols].sum(axis=1).mean()),
            "loss_area_mean": float(result.loss_area[:, cols].mean()),
            "worst_day_sl": _percentiles(result.worst_day_sl[:, cols].min(axis=1)),
        }
    return out


def _supplier(sid: str, result: SimulationResult, s: int) -> dict[str, Any]:
    counts = result.cause_days[s]
    limited = int(counts[1:].sum())
    return {
        "id": sid,
        "mean_delivered_pe": float(result.mean_delivered[:, s].sum()),
        "limited_days": limited,
        "cause_days": {c: int(n) for c, n in zip(CAUSES, counts, strict=True)},
        "cause_shares": {
            c: (float(n) / limited if limited else 0.0)
            for c, n in zip(CAUSES[1:], counts[1:], strict=True)
        },
    }


def _round_list(values: NDArray[np.float64]) -> list[float]:
    return [round(float(v), 6) for v in values]


def compare(
    network_a: Network, network_b: Network, scenario: Scenario, *, draws: int, seed: int
) -> dict[str, Any]:
    """Side by side per unit type: p_meet_min and shortfall, and TTS per supplier."""
    from beredd.engine.tts import time_to_survive

    sums = [
        summarize(n, scenario, simulate(n, scenario, draws=draws, seed=seed, keep_detail=False))
        for n in (network_a, network_b)
    ]
    types = dict.fromkeys([*sums[0]["by_type"], *sums[1]["by_type"]])
    by_type = {
        t: {
            k: _pair(sums[0]["by_type"].get(t, {}).get(k), sums[1]["by_type"].get(t, {}).get(k))
            for k in ("mean_p_meet_min", "shortfall_portions_mean")
        }
        for t in types
    }
    tts = [{r.supplier_id: r.tts_days for r in time_to_survive(n)} for n in (network_a, network_b)]
    suppliers = {
        sid: _pair(tts[0].get(sid), tts[1].get(sid)) for sid in dict.fromkeys([*tts[0], *tts[1]])
    }
    return {
        "scenario": scenario.id,
        "draws": draws,
        "seed": seed,
        "by_type": by_type,
        "tts_days": suppliers,
    }


def _pair(a: float | None, b: float | None) -> dict[str, float | None]:
    change = None if a is None or b is None else b - a
    return {"a": a, "b": b, "change": change}
