"""Time-to-survive, performance impact and risk exposure per supplier (one HiGHS LP each).

Flows are aggregated per assignment: units of one assignment share the same suppliers, so
flows y[assignment, supplier] plus receipts z[unit, category] describe the same polytope as
per-unit flows y[supplier, unit, category], with far fewer variables.
"""

from __future__ import annotations

from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import partial

import numpy as np
import scipy.sparse as sp
from numpy.typing import NDArray
from scipy.optimize import linprog

from beredd.engine.arrays import arrays_of
from beredd.engine.model import Network

F64 = NDArray[np.float64]
I64 = NDArray[np.int64]


@dataclass(frozen=True)
class SupplierRisk:
    supplier_id: str
    tts_days: float
    ttr_days: float
    pi: float
    rei: float

    @property
    def needs_mitigation(self) -> bool:
        return self.tts_days < self.ttr_days


@dataclass(frozen=True, eq=False)
class _Lp:
    """Pairs p = (unit, category) with r > 0; links l = (assignment, supplier in its chain)."""

    demand_pe_per_day: F64  # [pair] P r
    stock_pe: F64  # [pair] x0
    loss_weight: F64  # [pair]
    pair_group: I64  # [pair] assignment of the pair
    link_group: I64  # [link]
    link_supplier: I64  # [link]
    link_category: I64  # [link]
    n_groups: int
    n_suppliers: int
    n_categories: int
    depot_pe: F64  # [supplier * C + c] T
    upstream_pe_per_day: F64  # [supplier * C + c] M without import stops
    capacity_pe_per_day: F64  # [supplier]
    ttr_days: F64  # [supplier]


def time_to_survive(
    network: Network, *, horizon_days: float = 90, workers: int = 1
) -> list[SupplierRisk]:
    """TTS, TTR, PI and REI of every supplier, each computed with that supplier removed;
    `workers` > 1 solves the LPs in that many local processes."""
    lp = _build(network)
    suppliers = list(range(lp.n_suppliers))
    if workers > 1 and lp.n_suppliers > 1:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            solved = list(
                pool.map(
                    partial(_solve, lp, horizon=horizon_days),
                    suppliers,
                    chunksize=max(1, lp.n_suppliers // (4 * workers)),
                )
            )
    else:
        solved = [_solve(lp, s, horizon=horizon_days) for s in suppliers]
    top = max((pi for _, pi in solved), default=0.0)
    return [
        SupplierRisk(sid, tts, float(lp.ttr_days[s]), pi, pi / top if top > 0 else 0.0)
        for s, (sid, (tts, pi)) in enumerate(zip(network.supplier_ids, solved, strict=True))
    ]


def _solve(lp: _Lp, removed: int, *, horizon: float) -> tuple[float, float]:
    return _tts(lp, removed, horizon), _pi(lp, removed)


def _build(network: Network) -> _Lp:
    arr = arrays_of(network)
    unit_index = {u: i for i, u in enumerate(network.unit_ids)}
    cat_index = {c: i for i, c in enumerate(network.category_ids)}
    sup_index = {s: i for i, s in enumerate(network.supplier_ids)}
    n_cats = len(cat_index)
    demand = arr.portions_per_day[:, None] * arr.normal_pe_per_portion
    pairs, pair_group, link_group, link_sup, link_cat = [], [], [], [], []
    for g, a in enumerate(network.assignments):
        c = cat_index[a.category]
        for uid in a.units:
            if demand[unit_index[uid], c] > 0:
                pairs.append(unit_index[uid] * n_cats + c)
                pair_group.append(g)
        for sid in (a.primary, *a.backups):
            link_group.append(g)
            link_sup.append(sup_index[sid])
            link_cat.append(c)
    flat = np.array(pairs, dtype=np.int64)
    return _Lp(
        demand.ravel()[flat],
        arr.initial_stock_pe.ravel()[flat],
        arr.loss_weight[flat // n_cats],
        np.array(pair_group, dtype=np.int64),
        np.array(link_group, dtype=np.int64),
        np.array(link_sup, dtype=np.int64),
        np.array(link_cat, dtype=np.int64),
        len(network.assignments),
        len(sup_index),
        n_cats,
        arr.depot_target_pe.ravel(),
        arr.upstream_pe_per_day.ravel(),
        arr.capacity_pe_per_day,
        arr.time_to_recover_days,
    )


def _flow_rows(lp: _Lp, removed: int) -> tuple[sp.csr_matrix, sp.csr_matrix, sp.csr_matrix]:
    """With supplier `removed` dropped, in columns [z (pairs), y (kept links)]:
    group rows sum z - sum y <= 0; depot rows sum y per (s, c); capacity rows sum y per s."""
    keep = np.flatnonzero(lp.link_supplier != removed)
    n_pairs, n_links = lp.pair_group.size, keep.size
    group = sp.hstack(
        [
            sp.csr_matrix(
                (np.ones(n_pairs), (lp.pair_group, np.arange(n_pairs))),
                shape=(lp.n_groups, n_pairs),
            ),
            sp.csr_matrix(
                (-np.ones(n_links), (lp.link_group[keep], np.arange(n_links))),
                shape=(lp.n_groups, n_links),
            ),
        ]
    )
    zeros = sp.csr_matrix((lp.n_suppliers * lp.n_categories, n_pairs))
    sup = lp.link_supplier[keep]
    depot = sp.hstack(
        [
            zeros,
            sp.csr_matrix(
                (
                    np.ones(n_links),
                    (sup * lp.n_categories + lp.link_category[keep], np.arange(n_links)),
                ),
                shape=(lp.n_suppliers * lp.n_categories, n_links),
            ),
        ]
    )
    capacity = sp.hstack(
        [
            zeros[: lp.n_suppliers],
            sp.csr_matrix(
                (np.ones(n_links), (sup, np.arange(n_links))), shape=(lp.n_suppliers, n_links)
            ),
        ]
    )
    return group.tocsr(), depot.tocsr(), capacity.tocsr()


def _tts(lp: _Lp, removed: int, horizon: float) -> float:
    """max t: x0 + z >= P r t per pair, plus the flow rows with T + M t and cap t on the right."""
    group, depot, capacity = _flow_rows(lp, removed)
    n_pairs, n_cols = lp.pair_group.size, group.shape[1]
    receipt = sp.hstack([-sp.identity(n_pairs), sp.csr_matrix((n_pairs, n_cols - n_pairs))])
    t_col = np.concatenate(
        [
            lp.demand_pe_per_day,
            np.zeros(lp.n_groups),
            -lp.upstream_pe_per_day,
            -lp.capacity_pe_per_day,
        ]
    )
    a_ub = sp.hstack(
        [sp.vstack([receipt, group, depot, capacity]), sp.csr_matrix(t_col[:, None])], format="csr"
    )
    b_ub = np.concatenate(
        [lp.stock_pe, np.zeros(lp.n_groups), lp.depot_pe, np.zeros(lp.n_suppliers)]
    )
    cost = np.zeros(n_cols + 1)
    cost[-1] = -1.0
    bounds = np.zeros((n_cols + 1, 2))
    bounds[:, 1] = np.inf
    bounds[-1, 1] = horizon
    res = linprog(cost, A_ub=a_ub, b_ub=b_ub, bounds=bounds, method="highs-ds")
    return float(res.x[-1]) if res.status == 0 else 0.0


def _pi(lp: _Lp, removed: int) -> float:
    """min sum w l: x0 + z + l >= P r TTR; the flow rows at t = TTR."""
    ttr = float(lp.ttr_days[removed])
    if ttr <= 0:
        return 0.0
    group, depot, capacity = _flow_rows(lp, removed)
    n_pairs, n_cols = lp.pair_group.size, group.shape[1]
    receipt = sp.hstack([-sp.identity(n_pairs), sp.csr_matrix((n_pairs, n_cols - n_pairs))])
    loss = sp.vstack(
        [
            -sp.identity(n_pairs),
            sp.csr_matrix((group.shape[0] + depot.shape[0] + capacity.shape[0], n_pairs)),
        ]
    )
    a_ub = sp.hstack([sp.vstack([receipt, group, depot, capacity]), loss], format="csr")
    b_ub = np.concatenate(
        [
            lp.stock_pe - lp.demand_pe_per_day * ttr,
            np.zeros(lp.n_groups),
            lp.depot_pe + lp.upstream_pe_per_day * ttr,
            lp.capacity_pe_per_day * ttr,
        ]
    )
    cost = np.concatenate([np.zeros(n_cols), lp.loss_weight])
    res = linprog(cost, A_ub=a_ub, b_ub=b_ub, bounds=(0, None), method="highs-ds")
    return float(res.fun) if res.status == 0 else float("nan")
