"""The bridge to the engine: run a stored run's scenarios and turn the arrays into page numbers.

The engine computes; this module only reshapes its results into a JSON summary the pages,
the downloads and the comparison read, and into the .npz detail file.
"""

import time
import zipfile
from collections.abc import Callable
from typing import Any, BinaryIO

import numpy as np

from beredd.stresstests import engine_api as engine

Progress = Callable[[int, int], None]
PROGRESS_INTERVAL_S = 0.5
SUMMARY_VERSION = 1


def throttled(write: Progress, interval_s: float = PROGRESS_INTERVAL_S) -> Progress:
    """Calls `write` at most every `interval_s` seconds, and always for the last draw."""
    last = [float("-inf")]

    def progress(done: int, total: int) -> None:
        now = time.monotonic()
        if done >= total or now - last[0] >= interval_s:
            last[0] = now
            write(done, total)

    return progress


def run_all(
    *,
    network_data: dict[str, Any],
    scenarios: list[dict[str, Any]],
    draws: int,
    seed: int,
    tts_horizon_days: int,
    detail: BinaryIO,
    progress: Progress | None = None,
) -> dict[str, Any]:
    """Simulate every scenario, then time-to-survive; returns the summary.

    Writes the detail arrays to `detail` as an .npz archive, one scenario at a time, so a
    large run never holds more than one scenario's arrays in memory.
    Raises engine.NetworkError (also for a scenario that does not fit the network).
    """
    network = engine.load_network(network_data)
    parsed = [engine.load_scenario(data) for data in scenarios]
    total = draws * len(parsed)
    parts = []
    with zipfile.ZipFile(detail, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        _npz_add(archive, "unit_ids", np.array(network.unit_ids))
        _npz_add(archive, "supplier_ids", np.array(network.supplier_ids))
        _npz_add(archive, "scenario_ids", np.array([s.id for s in parsed]))
        _npz_add(archive, "causes", np.array(engine.CAUSES))
        for k, scenario in enumerate(parsed):

            def step(done: int, _total: int, offset: int = k * draws) -> None:
                if progress is not None:
                    progress(offset + done, total)

            result = engine.simulate(network, scenario, draws=draws, seed=seed, progress=step)
            parts.append(scenario_summary(network, scenario, result))
            for name in ("service_level", "normal_share", "delivered", "binding_cause"):
                _npz_add(archive, f"{name}_{k}", getattr(result, name))
            del result
    return {
        "version": SUMMARY_VERSION,
        "scenarios": parts,
        "tts": tts_rows(network, tts_horizon_days),
    }


def _npz_add(archive: zipfile.ZipFile, name: str, array: Any) -> None:
    """One array as `name.npy` inside the archive, the layout numpy.load expects of an .npz."""
    with archive.open(f"{name}.npy", "w", force_zip64=True) as entry:
        np.lib.format.write_array(entry, np.asanyarray(array), allow_pickle=False)


def scenario_summary(network: Any, scenario: Any, result: Any) -> dict[str, Any]:
    types = list(network.unit_types)
    full = engine.summarize(network, scenario, result)
    return {
        "id": scenario.id,
        "name": scenario.name,
        "horizon_days": scenario.horizon_days,
        "draws": result.draws,
        "unit_types": types,
        "mean_sl_by_type": {
            t: [round(float(v), 4) for v in result.mean_sl_by_type[:, i]]
            for i, t in enumerate(types)
        },
        "units": unit_rows(network, result),
        "by_type": rollup_rows(full["by_type"], "type"),
        "by_criticality": rollup_rows(full["by_criticality"], "criticality"),
        "causes": cause_rows(network, result),
        # The engine's own summary, kept whole for the JSON download.
        "engine": full,
    }


def rollup_rows(rollup: dict[str, dict[str, Any]], key: str) -> list[dict[str, Any]]:
    return [
        {
            key: name,
            "units": row["units"],
            "p_meet_min": round(row["mean_p_meet_min"], 4),
            "p_all_meet_min": round(row["p_all_meet_min"], 4),
            "shortfall_portions": round(row["shortfall_portions_mean"], 1),
        }
        for name, row in sorted(rollup.items())
    ]


def unit_rows(network: Any, result: Any) -> list[dict[str, Any]]:
    rows = []
    for i, unit in enumerate(network.units):
        first = result.first_breach_day[:, i]
        breached = first[first >= 0]
        rows.append(
            {
                "id": unit.id,
                "name": unit.name,
                "type": unit.type,
                "criticality": unit.criticality,
                "portions_per_day": unit.portions_per_day,
                "p_meet_min": round(float(result.meets_min[:, i].mean()), 4),
                "first_breach_day": int(np.median(breached)) if breached.size else None,
                "worst_day_sl_p10": round(float(np.percentile(result.worst_day_sl[:, i], 10)), 4),
                "shortfall_portions": round(
                    float(result.loss_area[:, i].mean() * unit.portions_per_day), 1
                ),
                "loss_area": round(float(result.loss_area[:, i].mean()), 4),
            }
        )
    return rows


def cause_rows(network: Any, result: Any) -> list[dict[str, Any]]:
    """Per supplier: days on which something limited its deliveries, and what, as shares."""
    rows = []
    for s, supplier in enumerate(network.suppliers):
        days = result.cause_days[s]
        limited = int(days[1:].sum())  # CAUSES[0] is "none"
        shares = {
            c: round(float(days[i]) / limited, 4) if limited else 0.0
            for i, c in enumerate(engine.CAUSES)
            if c != "none"
        }
        rows.append(
            {
                "supplier_id": supplier.id,
                "name": supplier.name,
                "limited_days_per_draw": round(limited / result.draws, 2),
                "shares": shares,
            }
        )
    return rows


def tts_rows(network: Any, horizon_days: int) -> list[dict[str, Any]]:
    names = {s.id: s.name for s in network.suppliers}
    return [
        {
            "supplier_id": risk.supplier_id,
            "name": names[risk.supplier_id],
            "tts_days": round(float(risk.tts_days), 2),
            "ttr_days": round(float(risk.ttr_days), 2),
            "pi": round(float(risk.pi), 2),
            "rei": round(float(risk.rei), 4),
            "needs_mitigation": bool(risk.needs_mitigation),
        }
        for risk in engine.time_to_survive(network, horizon_days=horizon_days)
    ]
