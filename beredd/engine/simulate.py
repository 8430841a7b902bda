"""`simulate`: split draws into fixed chunks, run them here, in local threads or on Dask."""

from __future__ import annotations

import weakref
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import DTypeLike, NDArray

from beredd.engine.arrays import arrays_of
from beredd.engine.events import BoundEvent, bind_scenario
from beredd.engine.kernel import CAUSES, ChunkResult, detail_zeros, run_chunk
from beredd.engine.model import Network, Scenario
from beredd.engine.plan import Plan, make_plan

Progress = Callable[[int, int], None]
_CHUNK_ELEMENTS = 8_000_000  # unit-category-draw cells of stock per chunk (64 MB in float64)
_CHUNKS = 16
_SHIPPED_BYTES = 128 * 2**20


@dataclass(frozen=True, eq=False)
class SimulationResult:
    """Detail arrays are None when `keep_detail=False`; the per-unit statistics are always kept."""

    unit_ids: tuple[str, ...]
    supplier_ids: tuple[str, ...]
    horizon_days: int
    draws: int
    seed: int
    service_level: NDArray[np.floating] | None  # [draw, day, unit]
    normal_share: NDArray[np.floating] | None  # [draw, day, unit]
    delivered: NDArray[np.float32] | None  # [draw, day, supplier] pe
    binding_cause: NDArray[np.int8] | None  # [draw, day, supplier] index into CAUSES
    meets_min: NDArray[np.bool_]  # [draw, unit]
    first_breach_day: NDArray[np.int32]  # [draw, unit], -1 if never
    worst_day_sl: NDArray[np.float64]  # [draw, unit]
    loss_area: NDArray[np.float64]  # [draw, unit]
    mean_sl_by_type: NDArray[np.float64]  # [day, unit type]
    cause_days: NDArray[np.int64]  # [supplier, cause] supplier-days by binding cause
    mean_delivered: NDArray[np.float64]  # [day, supplier] pe, mean over draws


def default_chunk_draws(network: Network, draws: int, *, shipped_detail_bytes: int = 0) -> int:
    """About `_CHUNKS` chunks, so that threads share the work evenly, each holding at most
    `_CHUNK_ELEMENTS` unit-category cells of stock. Chunks whose detail arrays travel
    between processes on Dask (`shipped_detail_bytes` per draw) stay under `_SHIPPED_BYTES`,
    because they exist twice in the worker and once more in the caller."""
    cells = max(1, len(network.units) * len(network.categories))
    size = min(-(-draws // _CHUNKS), max(1, _CHUNK_ELEMENTS // cells))
    if shipped_detail_bytes:
        size = min(size, max(1, _SHIPPED_BYTES // shipped_detail_bytes))
    return int(max(1, min(draws, size)))


def simulate(
    network: Network,
    scenario: Scenario,
    *,
    draws: int,
    seed: int,
    workers: int = 1,
    scheduler: str | None = None,
    progress: Progress | None = None,
    chunk_draws: int | None = None,
    keep_detail: bool = True,
    detail_dtype: DTypeLike = np.float32,
    precision: DTypeLike = np.float64,
) -> SimulationResult:
    """Run `draws` draws of `scenario` on `network`; draw d uses SeedSequence(seed, (d,)),
    so the numbers do not depend on `workers`, `scheduler` or `chunk_draws`.

    `workers` > 1 runs chunks in that many threads (the compiled day loop releases the GIL).
    SL and NS are stored as `detail_dtype` (float32 halves memory; computing is float64).
    """
    if draws < 1:
        raise ValueError("draws must be at least 1")
    bound = bind_scenario(network, scenario)
    shipped = 0
    if keep_detail and scheduler:
        per_day = len(network.units) * 2 * np.dtype(detail_dtype).itemsize
        shipped = scenario.horizon_days * (per_day + len(network.suppliers) * 5)
    size = chunk_draws or default_chunk_draws(network, draws, shipped_detail_bytes=shipped)
    chunks = [range(i, min(draws, i + size)) for i in range(0, draws, size)]
    job = _Job(network, bound, seed, scenario.horizon_days, keep_detail, detail_dtype, precision)
    out = _Collector(network, scenario.horizon_days, draws, seed, keep_detail, detail_dtype)
    for chunk in _run(job, chunks, workers, scheduler, out):
        out.add(chunk)
        if progress is not None:
            progress(out.done, draws)
    return out.result()


@dataclass(frozen=True, eq=False)
class _Job:
    network: Network
    bound: tuple[BoundEvent, ...]
    seed: int
    horizon_days: int
    keep_detail: bool
    detail_dtype: DTypeLike
    precision: DTypeLike

    def __call__(self, draws: range, out: tuple[NDArray[Any], ...] | None = None) -> ChunkResult:
        arr = arrays_of(self.network)
        return run_chunk(
            arr,
            self.bound,
            self.seed,
            draws,
            self.horizon_days,
            keep_detail=self.keep_detail,
            plan=_plan(self.network, self.precision),
            detail_dtype=self.detail_dtype,
            detail_out=out,
        )


_PLANS: weakref.WeakKeyDictionary[Network, dict[str, Plan]] = weakref.WeakKeyDictionary()


def _plan(network: Network, precision: DTypeLike) -> Plan:
    """One plan per network object and precision per process (networks are immutable and
    compared by identity); the entry goes when the network is garbage-collected."""
    plans = _PLANS.get(network)
    if plans is None:  # threads may ask at the same time: each reads or sets a whole dict
        plans = _PLANS.setdefault(network, {})
    key = np.dtype(precision).str
    plan = plans.get(key)
    if plan is None:
        plan = plans[key] = make_plan(arrays_of(network), precision)
    return plan


def _run(
    job: _Job, chunks: list[range], workers: int, scheduler: str | None, out: _Collector
) -> Iterator[ChunkResult]:
    if scheduler:
        yield from _run_dask(job, chunks, scheduler)
    elif workers > 1 and len(chunks) > 1:
        # threads, not processes: the compiled day loop releases the GIL, and every chunk
        # writes its detail straight into its own rows of the caller's arrays
        with ThreadPoolExecutor(max_workers=workers) as pool:
            for future in as_completed([pool.submit(job, c, out.views(c)) for c in chunks]):
                yield future.result()
    else:
        for chunk in chunks:
            yield job(chunk, out.views(chunk))


def _run_dask(job: _Job, chunks: list[range], scheduler: str) -> Iterator[ChunkResult]:
    try:
        from distributed import Client
        from distributed import as_completed as dask_completed
    except ImportError as exc:  # pragma: no cover - optional dependency
        raise RuntimeError("a Dask scheduler needs `pip install beredd[dask]`") from exc
    with Client(scheduler) as client:
        remote_job = client.scatter(job, broadcast=True)
        pending = dask_completed([client.submit(_call, remote_job, c, pure=False) for c in chunks])
        for future in pending:
            yield future.result()
            future.release()


def _call(job: _Job, draws: range) -> ChunkResult:
    return job(draws)


class _Collector:
    """Places chunk results, in whatever order they finish, at their draw positions."""

    def __init__(
        self, network: Network, horizon: int, draws: int, seed: int, keep: bool, dtype: DTypeLike
    ) -> None:
        U, S = len(network.units), len(network.suppliers)
        self.network, self.horizon, self.draws, self.seed, self.keep = (
            network,
            horizon,
            draws,
            seed,
            keep,
        )
        detail = (draws, horizon)
        self.sl = detail_zeros((*detail, U), dtype) if keep else None
        self.ns = detail_zeros((*detail, U), dtype) if keep else None
        self.dlv = detail_zeros((*detail, S), np.float32) if keep else None
        self.cause = detail_zeros((*detail, S), np.int8) if keep else None
        self.meets = np.zeros((draws, U), dtype=bool)
        self.first = np.zeros((draws, U), dtype=np.int32)
        self.worst = np.zeros((draws, U))
        self.loss = np.zeros((draws, U))
        self.type_sum = np.zeros((horizon, len(arrays_of(network).unit_types)))
        self.cause_days = np.zeros((S, len(CAUSES)), dtype=np.int64)
        self.dlv_sum = np.zeros((horizon, S))
        self.done = 0

    def views(self, draws: range) -> tuple[NDArray[Any], ...] | None:
        """The detail arrays' rows of `draws`, for in-process chunks to write into directly."""
        if self.sl is None or self.ns is None or self.dlv is None or self.cause is None:
            return None
        rows = slice(draws.start, draws.stop)
        return self.sl[rows], self.ns[rows], self.dlv[rows], self.cause[rows]

    def add(self, c: ChunkResult) -> None:
        rows = slice(c.draws.start, c.draws.stop)
        for name in ("sl", "ns", "dlv", "cause"):
            target, source = getattr(self, name), getattr(c, _DETAIL[name])
            if target is not None and not np.may_share_memory(target, source):
                target[rows] = source
        self.meets[rows], self.first[rows] = c.meets_min, c.first_breach_day
        self.worst[rows], self.loss[rows] = c.worst_day_sl, c.loss_area
        self.type_sum += c.sl_sum_by_type
        self.cause_days += c.cause_days
        self.dlv_sum += c.delivered_sum
        self.done += len(c.draws)

    def result(self) -> SimulationResult:
        counts = np.bincount(
            arrays_of(self.network).unit_type, minlength=len(arrays_of(self.network).unit_types)
        )
        n = self.network
        return SimulationResult(
            n.unit_ids,
            n.supplier_ids,
            self.horizon,
            self.draws,
            self.seed,
            self.sl,
            self.ns,
            self.dlv,
            self.cause,
            self.meets,
            self.first,
            self.worst,
            self.loss,
            self.type_sum / (self.draws * np.maximum(counts, 1)),
            self.cause_days,
            self.dlv_sum / self.draws,
        )


_DETAIL = {
    "sl": "service_level",
    "ns": "normal_share",
    "dlv": "delivered",
    "cause": "binding_cause",
}
