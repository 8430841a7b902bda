"""Benchmark of the stress-test engine against the targets in docs/stress-test-model.md.

Run: .venv/bin/python benchmarks/bench_engine.py [--quick] [--case NAME]
Each case runs in its own process so that its peak memory (ru_maxrss) is its own.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from beredd.engine import load_network, load_scenario, simulate, time_to_survive  # noqa: E402
from beredd.engine.generate import generate_network  # noqa: E402
from beredd.engine.naive import simulate_naive  # noqa: E402

SCENARIO = "heightened-alert-90d"


def _region() -> Any:
    data = generate_network(np.random.default_rng(2026), units=1000, suppliers=50, categories=6)
    return load_network(data)


def _cpu_s() -> float:
    """CPU seconds of this process and its finished children (workers): robust to a busy box."""
    own, kids = (
        resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
    )
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def _peak_mb(workers: int = 1) -> dict[str, float]:
    """Peak RSS of this process (simulate's workers are threads in it); if worker processes
    ran (TTS), main + workers x largest worker (an upper bound of the simultaneous total)."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux
    child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    if workers <= 1 or child == 0:
        return {"peak_mb": own}
    return {"peak_mb_main": own, "peak_mb_worker": child, "peak_mb": own + workers * child}


def case_region(draws: int, workers: int, precision: str, detail: bool) -> dict[str, Any]:
    network, scenario = _region(), load_scenario(SCENARIO)
    load = os.getloadavg()[0]
    start = time.perf_counter()
    # loads the compiled day loop from numba's cache (compiles it if there is none)
    simulate(network, scenario, draws=2, seed=0, precision=precision, keep_detail=detail)
    warm_up = time.perf_counter() - start
    start, cpu = time.perf_counter(), _cpu_s()
    result = simulate(
        network,
        scenario,
        draws=draws,
        seed=1,
        workers=workers,
        precision=precision,
        keep_detail=detail,
    )
    seconds, cpu = time.perf_counter() - start, _cpu_s() - cpu
    return {
        "seconds": seconds,
        "cpu_seconds": cpu,
        "cpu_ms_per_draw": 1000 * cpu / draws,
        **_peak_mb(workers),
        "mean_worst_sl": float(result.worst_day_sl.mean()),
        "warm_up_seconds": warm_up,
        "load_average_before": load,
        "load_average": os.getloadavg()[0],
    }


def case_compile() -> dict[str, Any]:
    """First call in a process with an empty numba cache (run with NUMBA_CACHE_DIR set to a
    new directory), then the same call again: compile time vs. run time of 2 draws."""
    network, scenario = _region(), load_scenario(SCENARIO)
    times = []
    for _ in range(2):
        start = time.perf_counter()
        simulate(network, scenario, draws=2, seed=0)
        times.append(time.perf_counter() - start)
    return {
        "first_call_seconds": times[0],
        "second_call_seconds": times[1],
        "compile_seconds": times[0] - times[1],
        "cache_dir": os.environ.get("NUMBA_CACHE_DIR", "__pycache__"),
        "load_average": os.getloadavg()[0],
    }


def case_naive(draws: int) -> dict[str, Any]:
    network, scenario = _region(), load_scenario(SCENARIO)
    load = os.getloadavg()[0]
    start, cpu = time.perf_counter(), _cpu_s()
    simulate_naive(network, scenario, draws=range(draws), seed=1)
    seconds, cpu = time.perf_counter() - start, _cpu_s() - cpu
    return {
        "seconds": seconds,
        "cpu_ms_per_draw": 1000 * cpu / draws,
        "load_average_before": load,
        "load_average": os.getloadavg()[0],
    }


def case_national(draws: int, workers: int, precision: str, detail: bool) -> dict[str, Any]:
    data = generate_network(np.random.default_rng(7), units=20_000, suppliers=500, categories=6)
    network, scenario = load_network(data), load_scenario(SCENARIO)
    simulate(network, scenario, draws=1, seed=0, keep_detail=False)  # load the compiled loop
    start, cpu = time.perf_counter(), _cpu_s()
    result = simulate(
        network,
        scenario,
        draws=draws,
        seed=1,
        workers=workers,
        precision=precision,
        keep_detail=detail,
    )
    seconds, cpu = time.perf_counter() - start, _cpu_s() - cpu
    return {
        "seconds": seconds,
        "cpu_seconds": cpu,
        **_peak_mb(workers),
        "mean_worst_sl": float(result.worst_day_sl.mean()),
        "load_average": os.getloadavg()[0],
    }


def case_tts() -> dict[str, Any]:
    network = _region()
    start, cpu = time.perf_counter(), _cpu_s()
    risks = time_to_survive(network, workers=2)
    return {
        "seconds": time.perf_counter() - start,
        "cpu_seconds": _cpu_s() - cpu,
        "suppliers": len(risks),
        "needs_mitigation": sum(r.needs_mitigation for r in risks),
        **_peak_mb(2),
        "load_average": os.getloadavg()[0],
    }


CASES = {
    "region-f64-1w": (
        case_region,
        {"draws": 1000, "workers": 1, "precision": "float64", "detail": True},
    ),
    "region-f64-2w": (
        case_region,
        {"draws": 1000, "workers": 2, "precision": "float64", "detail": True},
    ),
    "region-f64-2w-summary": (
        case_region,
        {"draws": 1000, "workers": 2, "precision": "float64", "detail": False},
    ),
    "naive-2-draws": (case_naive, {"draws": 2}),
    "national-f64-1w": (
        case_national,
        {"draws": 100, "workers": 1, "precision": "float64", "detail": True},
    ),
    "national-f64-2w": (
        case_national,
        {"draws": 100, "workers": 2, "precision": "float64", "detail": True},
    ),
    "national-f64-2w-summary": (
        case_national,
        {"draws": 100, "workers": 2, "precision": "float64", "detail": False},
    ),
    "tts-region": (case_tts, {}),
    "compile-fresh-cache": (case_compile, {}),
}
QUICK = ("region-f64-1w", "region-f64-2w", "naive-2-draws", "tts-region")


def _run_case(name: str) -> dict[str, Any]:
    env = dict(os.environ)
    with tempfile.TemporaryDirectory() as cache:
        if name == "compile-fresh-cache":
            env["NUMBA_CACHE_DIR"] = cache
        run = subprocess.run(
            [sys.executable, __file__, "--case", name],
            capture_output=True,
            text=True,
            cwd=ROOT,
            env=env,
        )
    if run.returncode != 0:
        return {"error": run.stderr.strip().splitlines()[-1:]}
    return dict(json.loads(run.stdout.strip().splitlines()[-1]))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--case", choices=sorted(CASES))
    parser.add_argument("--quick", action="store_true", help=f"only {', '.join(QUICK)}")
    args = parser.parse_args()
    if args.case:
        func, kwargs = CASES[args.case]
        print(json.dumps(func(**kwargs)))  # type: ignore[operator]
        return 0
    results = {}
    for name in QUICK if args.quick else CASES:
        results[name] = _run_case(name)
        print(f"{name:<24} {json.dumps(results[name])}", flush=True)
    _report(results)
    return 0


def _report(results: dict[str, dict[str, Any]]) -> None:
    naive = results.get("naive-2-draws", {}).get("cpu_ms_per_draw")
    one = results.get("region-f64-1w", results.get("region-f64-2w", {}))
    if naive and one.get("cpu_ms_per_draw"):
        print(
            f"speed-up over the naive loop, CPU time per draw (float64): "
            f"{naive / one['cpu_ms_per_draw']:.0f}x (target >= 300x)"
        )
    for name, target in (
        ("region-f64-1w", 5),
        ("region-f64-2w", 5),
        ("region-f64-2w-summary", 5),
        ("tts-region", 5),
    ):
        row = results.get(name, {})
        if "seconds" in row:
            print(
                f"{name}: {row['seconds']:.1f} s wall, {row.get('cpu_seconds', 0):.1f} s CPU "
                f"(target <= {target} s wall); peak {row.get('peak_mb', 0):.0f} MB"
            )
    row = results.get("compile-fresh-cache", {})
    if "compile_seconds" in row:
        print(f"numba compile (empty cache, once per checkout): {row['compile_seconds']:.1f} s")
    for name in ("national-f64-1w", "national-f64-2w", "national-f64-2w-summary"):
        row = results.get(name, {})
        if "seconds" in row:
            print(
                f"{name}: {row['seconds']:.1f} s wall, peak {row['peak_mb']:.0f} MB "
                f"(target <= 4096 MB)"
            )


if __name__ == "__main__":
    raise SystemExit(main())
