"""One block of draws: sample its events, stack its day conditions, run the compiled day loop."""

from __future__ import annotations

import mmap
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import DTypeLike, NDArray

from beredd.engine.arrays import NetworkArrays
from beredd.engine.conditions import stack_conditions
from beredd.engine.day import Cond, Net, Out, run_draws
from beredd.engine.events import BoundEvent, sample_events
from beredd.engine.plan import Plan, make_plan

F64 = NDArray[np.float64]
CAUSES = ("none", "stock", "staff", "fuel", "power", "it", "failure")
_BREACH_TOL = 1e-9


@dataclass(frozen=True, eq=False)
class ChunkResult:
    """Results for draws `draws`; detail arrays are None unless kept."""

    draws: range
    service_level: NDArray[np.floating] | None  # [draw, day, unit]
    normal_share: NDArray[np.floating] | None  # [draw, day, unit]
    delivered: NDArray[np.float32] | None  # [draw, day, supplier] pe
    binding_cause: NDArray[np.int8] | None  # [draw, day, supplier] index into CAUSES
    meets_min: NDArray[np.bool_]  # [draw, unit]
    first_breach_day: NDArray[np.int32]  # [draw, unit], -1 if never
    worst_day_sl: F64  # [draw, unit]
    loss_area: F64  # [draw, unit] sum over days of (1 - SL)
    sl_sum_by_type: F64  # [day, unit type] sum over draws and units
    cause_days: NDArray[np.int64]  # [supplier, cause] supplier-days by binding cause
    delivered_sum: F64  # [day, supplier] pe summed over draws


def run_chunk(
    arr: NetworkArrays,
    bound: tuple[BoundEvent, ...],
    seed: int,
    draws: range,
    horizon_days: int,
    *,
    keep_detail: bool = True,
    plan: Plan | None = None,
    detail_dtype: DTypeLike = np.float32,
    detail_out: tuple[NDArray[Any], ...] | None = None,
) -> ChunkResult:
    """Simulate draws `draws` (one child generator each) over `horizon_days`."""
    plan = plan or make_plan(arr)
    n = len(draws)
    events = sample_events(bound, seed, draws)
    shape = (arr.n_areas, len(arr.systems), plan.n_categories, plan.n_suppliers)
    cond = Cond(*stack_conditions(events, horizon_days, n, shape))
    out = _outputs(arr, plan, n, horizon_days, keep_detail, detail_dtype, detail_out)
    stock = np.empty((n, plan.n_units * plan.n_categories), plan.dtype)
    depot = np.empty((n, plan.n_suppliers, plan.n_categories), plan.dtype)
    run_draws(net_arrays(arr, plan), cond, out, stock, depot, keep_detail)
    keep = keep_detail
    return ChunkResult(
        draws,
        out.service_level if keep else None,
        out.normal_share if keep else None,
        out.delivered if keep else None,
        out.cause if keep else None,
        out.meets,
        out.first,
        out.worst,
        out.loss,
        out.type_sum,
        out.cause_days,
        out.delivered_sum,
    )


def _outputs(
    arr: NetworkArrays,
    plan: Plan,
    n: int,
    horizon: int,
    keep: bool,
    detail_dtype: DTypeLike,
    detail_out: tuple[NDArray[Any], ...] | None,
) -> Out:
    U, S = plan.n_units, plan.n_suppliers
    if detail_out is not None and keep:
        detail = detail_out  # write straight into the caller's arrays
    else:
        rows, units, sups = ((n, horizon), U, S) if keep else ((0, 0), 0, 0)
        detail = (
            detail_zeros((*rows, units), detail_dtype),
            detail_zeros((*rows, units), detail_dtype),
            detail_zeros((*rows, sups), np.float32),
            detail_zeros((*rows, sups), np.int8),
        )
    return Out(
        np.ones((n, U), dtype=bool),
        np.full((n, U), -1, dtype=np.int32),
        np.ones((n, U)),
        np.zeros((n, U)),
        np.zeros((horizon, len(arr.unit_types))),
        np.zeros((S, len(CAUSES)), dtype=np.int64),
        np.zeros((horizon, S)),
        *detail,
    )


def net_arrays(arr: NetworkArrays, plan: Plan) -> Net:
    """The static arrays in the exact types and layouts the day loop is compiled for."""
    f, i = np.float64, np.int64
    groups = _groups(plan)

    def c(a: NDArray[Any], dtype: DTypeLike) -> NDArray[Any]:
        return np.ascontiguousarray(a, dtype=dtype)

    return Net(
        pairs=c(plan.pairs, i),
        pair_area=c(arr.unit_area[plan.pairs // plan.n_categories], i),
        order_up_to=c(plan.order_up_to_pe, f),
        groups=c(groups, i),
        first_group_start=c(_starts(groups[0], 3 * plan.n_suppliers * plan.n_categories), i),
        normal=c(plan.normal, f),
        crisis=c(plan.crisis, f),
        normal_inverse=c(_inverse(plan.normal), f),
        crisis_inverse=c(_inverse(plan.crisis), f),
        spoil_days=c(plan.spoil_days, i),
        unit_area=c(plan.unit_area, i),
        portions=c(arr.portions_per_day, f),
        inverse_portions=c(1 / arr.portions_per_day, f),
        unit_backup_full=c(arr.unit_backup_power_days, i),
        unit_without_power=c(arr.unit_capacity_without_power, f),
        unit_without_water=c(arr.unit_capacity_without_water, f),
        unit_staff_reserve=c(arr.unit_staff_reserve, f),
        threshold=c(arr.min_service_level - _BREACH_TOL, f),
        unit_type=c(arr.unit_type, i),
        initial_stock=c(arr.initial_stock_pe.ravel(), f),
        sup_area=c(plan.supplier_area, i),
        sup_system=c(plan.ordering_system, i),
        sup_backup_full=c(arr.supplier_backup_power_days, i),
        sup_without_power=c(arr.supplier_capacity_without_power, f),
        fuel_full=c(arr.fuel_reserve_days, i),
        manual_share=c(arr.manual_ordering_share, f),
        sup_staff_reserve=c(arr.supplier_staff_reserve, f),
        capacity=c(arr.capacity_pe_per_day, f),
        prioritises=c(arr.prioritises_critical, np.bool_),
        upstream=c(arr.upstream_pe_per_day, f),
        import_share=c(arr.import_share, f),
        depot_target=c(arr.depot_target_pe, f),
    )


def _groups(plan: Plan) -> NDArray[np.int64]:
    """[round, pair] index of the pair's request among (class, supplier, category) sums."""
    category = plan.pairs % plan.n_categories
    group = (plan.pair_class * plan.n_suppliers + plan.routes) * plan.n_categories + category
    return np.where(plan.routes >= 0, group, -1)


def _inverse(share: F64) -> F64:
    return np.divide(1.0, share, out=np.zeros_like(share), where=share > 0)


def _starts(sorted_groups: NDArray[np.int64], n_groups: int) -> NDArray[np.int64]:
    """[group + 1] where each group's run of pairs starts in `sorted_groups`."""
    return np.searchsorted(sorted_groups, np.arange(n_groups + 1)).astype(np.int64)


def detail_zeros(shape: tuple[int, ...], dtype: DTypeLike) -> NDArray[Any]:
    """Zeros in anonymous memory of plain 4 KiB pages, for the large detail arrays.

    `numpy.zeros` asks the kernel for transparent huge pages; where they are scarce (the
    2-core benchmark VM) each first touch then waits for memory compaction: writing the
    region's 720 MB of SL and NS took 1.8 s of system time instead of 0.3 s.
    """
    count = int(np.prod(shape))
    buffer = mmap.mmap(-1, max(1, count * np.dtype(dtype).itemsize))
    return np.frombuffer(buffer, dtype=dtype, count=count).reshape(shape)
