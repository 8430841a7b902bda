"""The day loop of the model (docs/stress-test-model.md, "One day, in this order"), compiled
with numba: one draw at a time, every day of the horizon, every step in the model's order.

Each draw only reads its own column of the day conditions, so a draw's numbers do not depend
on which other draws share its chunk. The first call compiles (a few seconds) and caches the
machine code in `__pycache__`; later processes load it from there.
"""

from __future__ import annotations

from typing import Any, NamedTuple

import numba
import numpy as np

_TOL = 1e-9  # relative and absolute tolerance of "short" in the binding cause


class Net(NamedTuple):
    """The static arrays of one network (see `beredd.engine.plan` and `arrays`)."""

    pairs: Any  # [pair] flat unit * C + category
    pair_area: Any  # [pair] area row of the pair's unit
    order_up_to: Any  # [pair] X
    groups: Any  # [round, pair] (class * S + k-th supplier) * C + category, -1 for none
    first_group_start: Any  # [group + 1] start of each round-0 group's run of pairs
    normal: Any  # [unit, category] r
    crisis: Any  # [unit, category] q
    normal_inverse: Any  # [unit, category] 1 / r (0 where r is 0)
    crisis_inverse: Any  # [unit, category] 1 / q
    spoil_days: Any  # [category]
    unit_area: Any  # [unit]
    portions: Any  # [unit] P
    inverse_portions: Any  # [unit] 1 / P
    unit_backup_full: Any  # [unit] backup-power days
    unit_without_power: Any  # [unit]
    unit_without_water: Any  # [unit]
    unit_staff_reserve: Any  # [unit]
    threshold: Any  # [unit] min service level - 1e-9
    unit_type: Any  # [unit]
    initial_stock: Any  # [unit * category] x0
    sup_area: Any  # [supplier] area row ("none" row if no area)
    sup_system: Any  # [supplier] system row ("none" row if no system)
    sup_backup_full: Any  # [supplier]
    sup_without_power: Any  # [supplier]
    fuel_full: Any  # [supplier] fuel days
    manual_share: Any  # [supplier]
    sup_staff_reserve: Any  # [supplier]
    capacity: Any  # [supplier] pe per day
    prioritises: Any  # [supplier] bool
    upstream: Any  # [supplier, category] M before import stops
    import_share: Any  # [supplier, category]
    depot_target: Any  # [supplier, category] T


class Cond(NamedTuple):
    """The day conditions of `beredd.engine.conditions`, stacked: [day, ..., draw]."""

    power_out: Any  # [day, area + 1, draw]
    water_out: Any  # [day, area + 1, draw]
    access: Any  # [day, area + 1, draw]
    fuel_short: Any  # [day, draw]
    when_empty: Any  # [day, draw]
    absence: Any  # [day, draw]
    failed: Any  # [day, supplier, draw]
    it_down: Any  # [day, system + 1, draw]
    import_stop: Any  # [day, category, draw]


class Out(NamedTuple):
    """Accumulators (per chunk) and detail arrays (empty unless kept)."""

    meets: Any  # [draw, unit] bool
    first: Any  # [draw, unit] int32
    worst: Any  # [draw, unit]
    loss: Any  # [draw, unit]
    type_sum: Any  # [day, type]
    cause_days: Any  # [supplier, cause]
    delivered_sum: Any  # [day, supplier]
    service_level: Any  # [draw, day, unit]
    normal_share: Any  # [draw, day, unit]
    delivered: Any  # [draw, day, supplier]
    cause: Any  # [draw, day, supplier]


@numba.njit(cache=True, nogil=True)
def run_draws(net: Net, cond: Cond, out: Out, stock: Any, depot: Any, keep: bool) -> None:
    """Simulate every draw (the last axis of the `cond` arrays) over every day (their first).

    `stock` [draw, unit * category] and `depot` [draw, supplier, category] hold the stocks (in
    the chosen precision); the results go to `out`, detail arrays only if `keep`.
    """
    n_units, n_cats = net.normal.shape
    n_sups = net.capacity.size
    horizon, n_draws = cond.fuel_short.shape
    ws = _work(n_units, n_sups, n_cats, net.pairs.size)
    for d in range(n_draws):
        x, b = stock[d], depot[d]
        x[:] = net.initial_stock
        b[:, :] = net.depot_target
        ws.unit_backup[:] = net.unit_backup_full
        ws.sup_backup[:] = net.sup_backup_full
        ws.fuel[:] = net.fuel_full
        ws.unit_streak[:] = 0
        ws.sup_streak[:] = 0
        for t in range(horizon):
            outage = cond.power_out[t, :, d]
            _power(outage, net.unit_area, ws.unit_backup, net.unit_backup_full, ws.unit_powered)
            _power(outage, net.sup_area, ws.sup_backup, net.sup_backup_full, ws.sup_powered)
            _supply(t, d, net, cond, ws, b)
            _allocate(t, d, net, cond, ws, x)
            for s in range(n_sups):
                for c in range(n_cats):
                    b[s, c] = min(net.depot_target[s, c], ws.available[s, c])
            _serve(t, d, net, cond, ws, x)
            _spoil(ws.unit_powered, ws.unit_streak, net.spoil_days, x.reshape(n_units, n_cats))
            _spoil(ws.sup_powered, ws.sup_streak, net.spoil_days, b)
            _record(t, d, net, cond, ws, out, keep)


class _Work(NamedTuple):
    """The state of one draw that is not stock, and the scratch arrays of one day."""

    unit_backup: Any  # [unit] backup-power days left
    sup_backup: Any  # [supplier]
    fuel: Any  # [supplier] fuel days left
    unit_streak: Any  # [unit] unpowered days in a row
    sup_streak: Any  # [supplier]
    unit_powered: Any  # [unit] bool
    sup_powered: Any  # [supplier] bool
    factors: Any  # [4, supplier] staff, fuel, power, IT
    capacity: Any  # [supplier] capacity left today
    available: Any  # [supplier, category] a
    requested: Any  # [supplier] pe asked for today, all rounds
    delivered: Any  # [supplier]
    capacity_bound: Any  # [supplier] bool
    stock_bound: Any  # [supplier] bool
    ordered: Any  # [pair]
    remaining: Any  # [pair] still unmet
    ordering: Any  # [pair] indices of the pairs that order today
    active: Any  # [pair] indices of the pairs still asking
    sums: Any  # [(class * S + supplier) * C + category] requests of this round
    share: Any  # [(class * S + supplier) * C + category] share delivered this round
    normal: Any  # [unit] normal portions today
    crisis: Any  # [unit] crisis portions today


@numba.njit(cache=True, nogil=True)
def _work(n_units: int, n_sups: int, n_cats: int, n_pairs: int) -> _Work:
    return _Work(
        np.zeros(n_units, np.int64),
        np.zeros(n_sups, np.int64),
        np.zeros(n_sups, np.int64),
        np.zeros(n_units, np.int64),
        np.zeros(n_sups, np.int64),
        np.ones(n_units, np.bool_),
        np.ones(n_sups, np.bool_),
        np.ones((4, n_sups)),
        np.zeros(n_sups),
        np.zeros((n_sups, n_cats)),
        np.zeros(n_sups),
        np.zeros(n_sups),
        np.zeros(n_sups, np.bool_),
        np.zeros(n_sups, np.bool_),
        np.zeros(n_pairs),
        np.zeros(n_pairs),
        np.zeros(n_pairs, np.int64),
        np.zeros(n_pairs, np.int64),
        np.zeros(3 * n_sups * n_cats),
        np.zeros(3 * n_sups * n_cats),
        np.zeros(n_units),
        np.zeros(n_units),
    )


@numba.njit(cache=True, nogil=True)
def _power(outage: Any, area: Any, backup: Any, full: Any, powered: Any) -> None:
    """Step 1: a site in an outage is powered while it has backup days (using one)."""
    for i in range(area.size):
        if outage[area[i]]:
            powered[i] = backup[i] > 0
            if powered[i]:
                backup[i] -= 1
        else:
            powered[i] = True
            backup[i] = full[i]


@numba.njit(cache=True, nogil=True)
def _supply(t: int, d: int, net: Any, cond: Any, ws: Any, depot: Any) -> None:
    """Step 2: capacity and available stock of every supplier; fuel days used."""
    absence, fuel_short = cond.absence[t, d], cond.fuel_short[t, d]
    when_empty = cond.when_empty[t, d]
    upstream = net.upstream
    f = ws.factors
    for s in range(net.capacity.size):
        f[0, s] = min(1.0, (1 - absence) * (1 + net.sup_staff_reserve[s]))
        f[1, s] = 1.0
        if fuel_short:
            if ws.fuel[s] <= 0:
                f[1, s] = when_empty
            ws.fuel[s] = max(ws.fuel[s] - 1, 0)
        else:
            ws.fuel[s] = net.fuel_full[s]
        f[2, s] = 1.0 if ws.sup_powered[s] else net.sup_without_power[s]
        f[3, s] = net.manual_share[s] if cond.it_down[t, net.sup_system[s], d] else 1.0
        down = cond.failed[t, s, d]
        product = f[0, s] * f[1, s] * f[2, s] * f[3, s]
        ws.capacity[s] = 0.0 if down else net.capacity[s] * product
        for c in range(upstream.shape[1]):
            up = 0.0
            if not down:
                up = upstream[s, c]
                if cond.import_stop[t, c, d]:
                    up = up * (1 - net.import_share[s, c])
            ws.available[s, c] = depot[s, c] + up
        ws.requested[s] = 0.0
        ws.delivered[s] = 0.0
        ws.capacity_bound[s] = False
        ws.stock_bound[s] = False


@numba.njit(cache=True, nogil=True)
def _allocate(t: int, d: int, net: Any, cond: Any, ws: Any, x: Any) -> None:
    """Steps 3-4: orders, then round k asks each pair's k-th supplier for what is unmet."""
    pairs, order_up_to, groups = net.pairs, net.order_up_to, net.groups
    pair_area, access = net.pair_area, cond.access
    ordered, remaining, active, sums, share = ws.ordered, ws.remaining, ws.active, ws.sums, ws.share
    ordering = ws.ordering
    closed = False
    for a in range(access.shape[1]):
        closed |= access[t, a, d] != 1.0
    n_orders = 0
    start = net.first_group_start
    for g in range(start.size - 1):  # pairs are sorted by their round-0 group
        asked = 0.0
        for i in range(start[g], start[g + 1]):
            o = max(order_up_to[i] - x[pairs[i]], 0.0)
            if closed:
                o *= access[t, pair_area[i], d]
            ordered[i] = o
            remaining[i] = o
            asked += o
            ordering[n_orders] = i  # compaction without a branch: the branch is unpredictable
            n_orders += o > 0
        sums[g] = asked
    active[:n_orders] = ordering[:n_orders]
    n_active = n_orders
    for k in range(groups.shape[0]):
        if k > 0:
            sums[:] = 0.0
            kept = 0
            for j in range(n_active):
                i = active[j]
                g = groups[k, i]
                if g >= 0:  # pairs without a k-th supplier are out of the remaining rounds
                    sums[g] += remaining[i]
                active[kept] = i
                kept += g >= 0
            if kept == 0:
                break
            n_active = kept
        short = _share(net, ws)
        kept, n_active = n_active, 0
        for j in range(kept):
            i = active[j]
            left = remaining[i] * (1.0 - share[groups[k, i]])
            remaining[i] = left
            active[n_active] = i
            n_active += left > 0
        if not short:
            break
    for j in range(n_orders):  # pairs that ordered nothing keep their stock
        i = ordering[j]
        p = pairs[i]
        if closed and access[t, pair_area[i], d] != 1.0:
            x[p] = x[p] + ordered[i] - remaining[i]
        else:
            x[p] = order_up_to[i] - remaining[i]  # stock plus order is the order-up-to level


@numba.njit(cache=True, nogil=True)
def _share(net: Any, ws: Any) -> bool:
    """One round at every supplier: the share of each (class, supplier, category) request
    delivered, in `ws.share`. True if some request was not delivered in full."""
    prioritises = net.prioritises
    sums, share, avail, capacity = ws.sums, ws.share, ws.available, ws.capacity
    n_sups, n_cats = avail.shape
    per_class = n_sups * n_cats
    deliver = np.empty(n_cats)
    total = np.empty(n_cats)
    short = False
    for s in range(n_sups):
        base = s * n_cats
        asked = 0.0
        for c in range(n_cats):
            g = base + c
            total[c] = sums[g] + sums[per_class + g] + sums[2 * per_class + g]
            asked += total[c]
        if asked == 0.0:
            continue
        want = 0.0
        for c in range(n_cats):
            deliver[c] = min(total[c], avail[s, c])
            if total[c] > avail[s, c]:
                ws.stock_bound[s] = True
            want += deliver[c]
        if want > capacity[s]:
            scale = capacity[s] / want
            for c in range(n_cats):
                deliver[c] *= scale
            ws.capacity_bound[s] = True
        got = 0.0
        for c in range(n_cats):
            got += deliver[c]
            avail[s, c] -= deliver[c]
            if deliver[c] < total[c]:
                short = True
            if prioritises[s]:
                left = deliver[c]  # class 1 first, then 2, then 3
                for k in range(3):
                    g = k * per_class + base + c
                    give = min(left, sums[g])
                    left -= give
                    share[g] = give / sums[g] if sums[g] > 0 else 0.0
            else:
                ratio = deliver[c] / total[c] if total[c] > 0 else 0.0
                for k in range(3):
                    share[k * per_class + base + c] = ratio
        ws.requested[s] += asked
        ws.delivered[s] += got
        capacity[s] = max(capacity[s] - got, 0.0)
    return short


@numba.njit(cache=True, nogil=True)
def _serve(t: int, d: int, net: Any, cond: Any, ws: Any, x: Any) -> None:
    """Steps 6-7: the kitchen's portion cap, then normal portions, then crisis portions."""
    normal, crisis, unit_area, portions = net.normal, net.crisis, net.unit_area, net.portions
    without_power, without_water = net.unit_without_power, net.unit_without_water
    staff_reserve, absence, water_out = net.unit_staff_reserve, cond.absence[t, d], cond.water_out
    powered, served_normal, served_crisis = ws.unit_powered, ws.normal, ws.crisis
    for u in range(portions.size):
        kitchen = 1.0 if powered[u] else without_power[u]
        if water_out[t, unit_area[u], d]:
            kitchen = min(kitchen, without_water[u])
        kitchen = min(kitchen, min(1.0, (1 - absence) * (1 + staff_reserve[u])))
        limit = kitchen * portions[u]
        n = _cook(x, u, normal, net.normal_inverse, limit)
        rest = limit - n
        served_normal[u] = n
        # like the model text, always cooked: with rest <= 0 it serves 0 (no unpredictable branch)
        served_crisis[u] = _cook(x, u, crisis, net.crisis_inverse, rest)


@numba.njit(cache=True, nogil=True, inline="always")
def _cook(x: Any, u: int, share: Any, inverse: Any, limit: float) -> float:
    """min(limit, min over the menu's categories of stock / share), taken from unit u's stock."""
    n_cats = share.shape[1]
    base = u * n_cats
    best = np.inf
    has = False
    for c in range(n_cats):
        if share[u, c] > 0:
            has = True
            best = min(best, x[base + c] * inverse[u, c])
    if not has:
        return 0.0
    portions = max(min(limit, best), 0.0)
    for c in range(n_cats):
        if share[u, c] > 0:
            x[base + c] = max(x[base + c] - portions * share[u, c], 0.0)
    return portions


@numba.njit(cache=True, nogil=True)
def _spoil(powered: Any, streak: Any, spoil_days: Any, stock: Any) -> None:
    """Step 8: cold categories of a site unpowered long enough lose their stock."""
    for i in range(powered.size):
        if powered[i]:
            streak[i] = 0
            continue
        streak[i] += 1
        for c in range(spoil_days.size):
            if streak[i] >= spoil_days[c]:
                stock[i, c] = 0.0


@numba.njit(cache=True, nogil=True)
def _record(t: int, d: int, net: Any, cond: Any, ws: Any, out: Any, keep: bool) -> None:
    """SL, NS and the per-unit statistics; delivered pe and binding cause per supplier."""
    inverse, threshold, unit_type = net.inverse_portions, net.threshold, net.unit_type
    meets, first, worst, loss, type_sum = out.meets, out.first, out.worst, out.loss, out.type_sum
    failed = cond.failed
    normal, crisis = ws.normal, ws.crisis
    for u in range(inverse.size):
        sl = (normal[u] + crisis[u]) * inverse[u]
        if sl < threshold[u]:
            meets[d, u] = False
            if first[d, u] < 0:
                first[d, u] = t
        worst[d, u] = min(worst[d, u], sl)
        loss[d, u] = (loss[d, u] + 1.0) - sl
        type_sum[t, unit_type[u]] += sl
        if keep:
            out.service_level[d, t, u] = sl
            out.normal_share[d, t, u] = normal[u] * inverse[u]
    for s in range(ws.delivered.size):
        cause = 0
        if ws.delivered[s] < ws.requested[s] * (1 - _TOL) - _TOL:
            smallest = 0
            for k in range(1, 4):
                if ws.factors[k, s] < ws.factors[smallest, s]:
                    smallest = k
            if failed[t, s, d]:
                cause = 6
            elif ws.capacity_bound[s] and ws.factors[smallest, s] < 1:
                cause = smallest + 2
            elif ws.stock_bound[s]:
                cause = 1
        out.cause_days[s, cause] += 1
        out.delivered_sum[t, s] += ws.delivered[s]
        if keep:
            out.delivered[d, t, s] = ws.delivered[s]
            out.cause[d, t, s] = cause
