"""The vectorised day loop for one block of draws: arrays [pair or unit, draw], no draw loops."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import DTypeLike, NDArray

from beredd.engine.arrays import NetworkArrays
from beredd.engine.conditions import DayConditions, day_conditions
from beredd.engine.events import BoundEvent, sample_events
from beredd.engine.plan import Menu, Plan, make_plan

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


@dataclass
class _Supply:
    """Supplier state for one day: available stock a[s, c, draw] and capacity cap[s, draw]."""

    available: F64
    capacity: F64
    requested: F64
    delivered: F64
    capacity_bound: NDArray[np.bool_]
    stock_bound: NDArray[np.bool_]


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
    events = sample_events(bound, seed, draws)
    sim = _DayLoop(arr, plan, len(draws), horizon_days, keep_detail, detail_dtype)
    if detail_out is not None and keep_detail:
        sim.sl, sim.ns, sim.dlv, sim.cause = detail_out  # write straight into the caller's

    shape = (arr.n_areas, len(arr.systems), plan.n_categories, plan.n_suppliers)
    for day in range(horizon_days):
        sim.step(day, day_conditions(events, day, len(draws), shape))
    return sim.result(draws)


class _DayLoop:
    def __init__(
        self,
        arr: NetworkArrays,
        plan: Plan,
        n_draws: int,
        horizon: int,
        keep_detail: bool,
        detail_dtype: DTypeLike,
    ) -> None:
        self.a, self.p, self.n = arr, plan, n_draws
        U, C, S = plan.n_units, plan.n_categories, plan.n_suppliers
        col = np.ones((1, n_draws))
        self.stock = np.ascontiguousarray(arr.initial_stock_pe.reshape(-1, 1) * col, plan.dtype)
        self.depot = arr.depot_target_pe[:, :, None] * col
        self.unit_backup = arr.unit_backup_power_days[:, None] * col.astype(np.int64)
        self.sup_backup = arr.supplier_backup_power_days[:, None] * col.astype(np.int64)
        self.fuel = arr.fuel_reserve_days[:, None] * col.astype(np.int64)
        self.unit_streak = np.zeros((U, n_draws), dtype=np.int64)
        self.sup_streak = np.zeros((S, n_draws), dtype=np.int64)
        self.keep = keep_detail
        detail = (n_draws, horizon)
        self.sl: NDArray[Any] | None = np.zeros((*detail, U), detail_dtype) if keep_detail else None
        self.ns: NDArray[Any] | None = np.zeros((*detail, U), detail_dtype) if keep_detail else None
        self.dlv: NDArray[Any] | None = np.zeros((*detail, S), np.float32) if keep_detail else None
        self.cause: NDArray[Any] | None = np.zeros((*detail, S), np.int8) if keep_detail else None
        self.meets = np.ones((U, n_draws), dtype=bool)
        self.first = np.full((U, n_draws), -1, dtype=np.int32)
        self.worst = np.ones((U, n_draws))
        self.loss = np.zeros((U, n_draws))
        self.threshold = (arr.min_service_level - _BREACH_TOL)[:, None]
        self.inv_portions = (1 / arr.portions_per_day)[:, None]
        self.type_sum = np.zeros((horizon, len(arr.unit_types)))
        self.cause_days = np.zeros((S, len(CAUSES)), dtype=np.int64)
        self.dlv_sum = np.zeros((horizon, S))
        self.C = C
        self.one_row = np.ones((1, n_draws), plan.dtype)
        self.order_up_to = np.ascontiguousarray(
            np.broadcast_to(plan.order_up_to_pe[:, None], (plan.order_up_to_pe.size, n_draws))
        )
        self.orders_buf = np.empty_like(self.order_up_to)
        self.got = np.empty_like(self.order_up_to)
        self.work = np.empty((3, U, n_draws), plan.dtype)  # portions and scratch per unit
        self.prio = arr.prioritises_critical[None, :, None, None]
        self.any_prio = bool(arr.prioritises_critical.any())

    def step(self, day: int, cond: DayConditions) -> None:
        a = self.a
        unit_powered = self._power(
            cond.power_out[a.unit_area], self.unit_backup, a.unit_backup_power_days
        )
        sup_powered = self._power(
            cond.power_out[a.supplier_area], self.sup_backup, a.supplier_backup_power_days
        )
        factors = self._supplier_factors(cond, sup_powered)
        supply = self._supply(cond, factors)
        self._allocate(cond, supply)
        np.minimum(a.depot_target_pe[:, :, None], supply.available, out=self.depot)
        served_n, served_z = self._serve(cond, unit_powered)
        self._spoil(unit_powered, sup_powered)
        self._record(day, served_n, served_z, supply, factors, cond)

    @staticmethod
    def _power(
        outage: NDArray[np.bool_], backup: NDArray[np.int64], full: NDArray[np.int64]
    ) -> NDArray[np.bool_]:
        has_backup = backup > 0
        powered = ~outage | has_backup
        backup[:] = np.where(outage, backup - has_backup, full[:, None])
        return powered

    def _supplier_factors(self, cond: DayConditions, powered: NDArray[np.bool_]) -> F64:
        """Stress factors [staff, fuel, power, it] of every supplier: [4, supplier, draw]."""
        a = self.a
        out = np.ones((4, self.p.n_suppliers, self.n))
        np.minimum(
            1.0, (1 - cond.absence)[None, :] * (1 + a.supplier_staff_reserve)[:, None], out=out[0]
        )
        short = cond.fuel_shortage[None, :]
        out[1] = np.where(short & (self.fuel <= 0), cond.capacity_when_empty[None, :], 1.0)
        self.fuel[:] = np.where(short, np.maximum(self.fuel - 1, 0), a.fuel_reserve_days[:, None])
        out[2] = np.where(powered, 1.0, a.supplier_capacity_without_power[:, None])
        out[3] = np.where(cond.it_down[a.ordering_system], a.manual_ordering_share[:, None], 1.0)
        return out

    def _supply(self, cond: DayConditions, factors: F64) -> _Supply:
        a, up = self.a, self.a.upstream_pe_per_day[:, :, None]
        cap = a.capacity_pe_per_day[:, None] * factors.prod(axis=0)
        cap[cond.failed] = 0.0
        if cond.import_stop.any():
            up = up * (1 - a.import_share[:, :, None] * cond.import_stop[None, :, :])
        available = self.depot + up * ~cond.failed[:, None, :]
        zeros = np.zeros_like(cap)
        no = np.zeros(cap.shape, dtype=bool)
        return _Supply(available, cap, zeros, zeros.copy(), no, no.copy())

    def _orders(self, cond: DayConditions) -> F64:
        p = self.p
        orders = np.subtract(self.order_up_to, self.stock[p.pairs], out=self.orders_buf)
        np.maximum(orders, 0.0, out=orders)
        if cond.access is None:
            return orders
        access = cond.access[self.a.unit_area]  # [unit, draw]
        if isinstance(p.pairs, slice):
            orders.reshape(p.n_units, self.C, self.n)[...] *= access[:, None, :]
        else:
            orders *= access[p.pair_unit]
        return orders

    def _allocate(self, cond: DayConditions, supply: _Supply) -> None:
        """Round k asks each pair's k-th supplier for what is still unmet."""
        p, n_groups = self.p, 3 * self.p.n_suppliers * self.C
        if not p.rounds:
            return
        remaining = self._orders(cond)
        ordered = None if cond.access is None else remaining.copy()
        for rnd in p.rounds:
            # unrouted pairs are outside `summing` and keep all of their request (last row)
            sums = (rnd.summing @ remaining).reshape(3, p.n_suppliers, self.C, self.n)
            share, short = self._share(sums, supply)
            unmet = np.concatenate(
                [
                    1.0 - np.broadcast_to(share, sums.shape).reshape(n_groups, self.n),
                    self.one_row,
                ]
            ).astype(p.dtype, copy=False)
            remaining *= np.take(unmet, rnd.group, axis=0, out=self.got, mode="clip")
            if not short:
                break
        self._receive(remaining, ordered)

    def _receive(self, remaining: F64, ordered: F64 | None) -> None:
        """Stock plus what was ordered minus what is still unmet; without road closures the
        stock plus the orders is simply max(order-up-to level, stock)."""
        pairs = self.p.pairs
        stock = self.stock[pairs]  # a view when every pair orders
        if ordered is None:
            np.maximum(stock, self.order_up_to, out=stock)
        else:
            stock += ordered
        stock -= remaining
        if not isinstance(pairs, slice):
            self.stock[pairs] = stock

    def _share(self, sums: F64, supply: _Supply) -> tuple[F64, bool]:
        """Share of each (class, supplier, category) request delivered this round."""
        total = sums.sum(axis=0)
        deliver = np.minimum(total, supply.available)
        supply.stock_bound |= (total > supply.available).any(axis=1)
        want = deliver.sum(axis=1)
        over = want > supply.capacity
        scale = np.divide(supply.capacity, want, out=np.ones_like(want), where=over)
        deliver *= scale[:, None, :]
        supply.capacity_bound |= over
        supply.requested += total.sum(axis=1)
        got = deliver.sum(axis=1)
        supply.delivered += got
        supply.available -= deliver
        np.maximum(supply.capacity - got, 0.0, out=supply.capacity)
        share = _safe_div(deliver, total)[None]
        if self.any_prio:
            # classes in order: class k gets min(what earlier classes left, its request)
            give, left = np.empty_like(sums), deliver.copy()
            for k in range(3):
                np.minimum(left, sums[k], out=give[k])
                left -= give[k]
            share = np.where(self.prio, _safe_div(give, sums), share)
        return share, bool((deliver < total).any())

    def _serve(self, cond: DayConditions, powered: NDArray[np.bool_]) -> tuple[F64, F64]:
        a, p = self.a, self.p
        water = np.where(cond.water_out[a.unit_area], a.unit_capacity_without_water[:, None], 1.0)
        kitchen = np.where(powered, 1.0, a.unit_capacity_without_power[:, None])
        np.minimum(kitchen, water, out=kitchen)
        staff = np.minimum(1.0, (1 - cond.absence)[None, :] * (1 + a.unit_staff_reserve)[:, None])
        np.minimum(kitchen, staff, out=kitchen)
        kitchen *= a.portions_per_day[:, None]
        stock = self.stock.reshape(p.n_units, self.C, self.n)
        normal = _cook(stock, kitchen, p.normal, self.work[0], self.work[2])
        rest = kitchen - normal
        if (rest > 0).any():
            return normal, _cook(stock, rest, p.crisis, self.work[1], self.work[2])
        return normal, np.zeros_like(rest)

    def _spoil(self, unit_powered: NDArray[np.bool_], sup_powered: NDArray[np.bool_]) -> None:
        p = self.p
        for streak, powered, stock in (
            (self.unit_streak, unit_powered, self.stock.reshape(p.n_units, self.C, self.n)),
            (self.sup_streak, sup_powered, self.depot),
        ):
            if powered.all():
                streak.fill(0)
                continue
            streak += 1
            streak *= ~powered
            if streak.max(initial=0) >= p.spoil_days.min():
                spoiled = streak[:, None, :] >= p.spoil_days[None, :, None]
                stock[spoiled] = 0.0

    def _record(
        self, day: int, normal: F64, crisis: F64, supply: _Supply, factors: F64, cond: DayConditions
    ) -> None:
        a = self.a
        sl = normal + crisis  # [unit, draw]
        sl *= self.inv_portions
        breach = sl < self.threshold
        self.meets &= ~breach
        breach &= self.first < 0
        self.first[breach] = day
        np.minimum(self.worst, sl, out=self.worst)
        self.loss += 1
        self.loss -= sl
        self.type_sum[day] = np.bincount(
            a.unit_type, weights=sl.sum(axis=1), minlength=len(a.unit_types)
        )
        cause = _binding_cause(supply, factors, cond.failed)
        self.cause_days += _count_causes(cause)
        self.dlv_sum[day] = supply.delivered.sum(axis=1)
        if self.keep:
            assert self.sl is not None and self.ns is not None
            assert self.dlv is not None and self.cause is not None
            self.sl[:, day] = sl.T
            self.ns[:, day] = (normal * self.inv_portions).T
            self.dlv[:, day] = supply.delivered.T
            self.cause[:, day] = cause.T

    def result(self, draws: range) -> ChunkResult:
        return ChunkResult(
            draws,
            self.sl,
            self.ns,
            self.dlv,
            self.cause,
            self.meets.T,
            self.first.T,
            self.worst.T,
            self.loss.T,
            self.type_sum,
            self.cause_days,
            self.dlv_sum,
        )


def _cook(stock: F64, limit: F64, menu: Menu, best: F64, scratch: F64) -> F64:
    """Portions [unit, draw] = min(limit, min over menu categories of stock / share), written
    into `best`; the menu's categories are then taken from `stock[unit, category, draw]`."""
    if not menu.categories:
        best.fill(0.0)
        return best
    for i, (c, padded) in enumerate(zip(menu.categories, menu.padded, strict=True)):
        ratio = np.multiply(
            stock[:, c, :], menu.inverse[:, c, None], out=best if i == 0 else scratch
        )
        if padded:
            ratio += menu.pad[:, c, None]
        if i > 0:
            np.minimum(best, ratio, out=best)
    portions = np.minimum(limit, best, out=best)
    np.maximum(portions, 0.0, out=portions)
    portions *= menu.has
    for c in menu.categories:
        column = stock[:, c, :]
        column -= np.multiply(portions, menu.share[:, c, None], out=scratch)
        np.maximum(column, 0.0, out=column)
    return portions


def _safe_div(num: F64, den: F64) -> F64:
    return np.divide(
        num, den, out=np.zeros(np.broadcast_shapes(num.shape, den.shape)), where=den > 0
    )


def _binding_cause(supply: _Supply, factors: F64, failed: NDArray[np.bool_]) -> NDArray[np.int8]:
    """Code [supplier, draw]: failure, else the smallest stress factor if capacity bound, else
    stock if a category ran out, else none; none whenever all requests were delivered."""
    short = supply.delivered < supply.requested * (1 - 1e-9) - 1e-9
    stressed = factors.min(axis=0) < 1
    cause = np.where(
        supply.capacity_bound & stressed,
        factors.argmin(axis=0) + 2,
        np.where(supply.stock_bound, 1, 0),
    )
    cause = np.where(failed, 6, cause)
    return np.where(short, cause, 0).astype(np.int8)


def _count_causes(cause: NDArray[np.int8]) -> NDArray[np.int64]:
    n_causes = len(CAUSES)
    offsets = np.arange(cause.shape[0])[:, None] * n_causes
    flat = np.bincount((offsets + cause).ravel(), minlength=cause.shape[0] * n_causes)
    return flat.reshape(cause.shape[0], n_causes)
