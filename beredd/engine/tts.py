"""Time-to-survive, performance impact and risk exposure per supplier (one HiGHS LP each)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
from numpy.typing import NDArray
from scipy.optimize import linprog

from beredd.engine.arrays import NetworkArrays
from beredd.engine.model import Network


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
class _Links:
    """Flow variables y[link]: one per (unit, category with r > 0, assigned supplier)."""

    pair: NDArray[np.int64]  # [link] demand row (index into demand pairs)
    supplier: NDArray[np.int64]  # [link]
    category: NDArray[np.int64]  # [link]
    demand_pe_per_day: NDArray[np.float64]  # [demand pair] P r
    stock_pe: NDArray[np.float64]  # [demand pair] x0
    loss_weight: NDArray[np.float64]  # [demand pair]


def time_to_survive(network: Network, *, horizon_days: float = 90) -> list[SupplierRisk]:
    """TTS, TTR, PI and REI of every supplier, each computed with that supplier removed."""
    arr = network.arrays
    links = _links(arr)
    tts = [_tts(arr, links, s, horizon_days) for s in range(len(network.suppliers))]
    pi = [_pi(arr, links, s) for s in range(len(network.suppliers))]
    top = max(pi, default=0.0)
    return [
        SupplierRisk(
            sid, tts[s], float(arr.time_to_recover_days[s]), pi[s], pi[s] / top if top > 0 else 0.0
        )
        for s, sid in enumerate(network.supplier_ids)
    ]


def _links(arr: NetworkArrays) -> _Links:
    n_cats = arr.normal_pe_per_portion.shape[1]
    demand = arr.portions_per_day[:, None] * arr.normal_pe_per_portion
    pairs = np.flatnonzero(demand.ravel() > 0)
    routes = arr.routes.reshape(arr.routes.shape[0], -1)[:, pairs]  # [round, pair]
    row, rnd = np.nonzero(routes.T >= 0)
    return _Links(
        pair=row,
        supplier=routes[rnd, row],
        category=pairs[row] % n_cats,
        demand_pe_per_day=demand.ravel()[pairs],
        stock_pe=arr.initial_stock_pe.ravel()[pairs],
        loss_weight=arr.loss_weight[pairs // n_cats],
    )


def _supply_rows(
    arr: NetworkArrays, links: _Links, keep: NDArray[np.bool_]
) -> tuple[sp.csr_matrix, sp.csr_matrix, sp.csr_matrix]:
    """Coefficients of y in: demand rows [pair], depot rows [supplier * C + c], capacity rows."""
    n_links, n_cats = int(keep.sum()), arr.normal_pe_per_portion.shape[1]
    n_sups, cols = arr.capacity_pe_per_day.size, np.arange(n_links)
    ones = np.ones(n_links)
    demand = sp.csr_matrix(
        (ones, (links.pair[keep], cols)), shape=(links.demand_pe_per_day.size, n_links)
    )
    depot = sp.csr_matrix(
        (ones, (links.supplier[keep] * n_cats + links.category[keep], cols)),
        shape=(n_sups * n_cats, n_links),
    )
    capacity = sp.csr_matrix((ones, (links.supplier[keep], cols)), shape=(n_sups, n_links))
    return demand, depot, capacity


def _tts(arr: NetworkArrays, links: _Links, removed: int, horizon: float) -> float:
    """max t: x0 + sum y >= P r t; sum y <= T + M t per (s, c); sum y <= cap t per s."""
    keep = links.supplier != removed
    demand, depot, capacity = _supply_rows(arr, links, keep)
    up = arr.upstream_pe_per_day.ravel()
    a_ub = sp.vstack(
        [
            sp.hstack([-demand, sp.csr_matrix(links.demand_pe_per_day[:, None])]),
            sp.hstack([depot, sp.csr_matrix(-up[:, None])]),
            sp.hstack([capacity, sp.csr_matrix(-arr.capacity_pe_per_day[:, None])]),
        ],
        format="csr",
    )
    b_ub = np.concatenate(
        [links.stock_pe, arr.depot_target_pe.ravel(), np.zeros(arr.capacity_pe_per_day.size)]
    )
    cost = np.zeros(demand.shape[1] + 1)
    cost[-1] = -1.0
    bounds = [(0, None)] * demand.shape[1] + [(0, horizon)]
    res = linprog(cost, A_ub=a_ub, b_ub=b_ub, bounds=bounds, method="highs")
    return float(res.x[-1]) if res.status == 0 else 0.0


def _pi(arr: NetworkArrays, links: _Links, removed: int) -> float:
    """min sum w l: x0 + sum y + l >= P r TTR; supply limits as in TTS at t = TTR."""
    ttr = float(arr.time_to_recover_days[removed])
    if ttr <= 0:
        return 0.0
    keep = links.supplier != removed
    demand, depot, capacity = _supply_rows(arr, links, keep)
    n_pairs = links.demand_pe_per_day.size
    a_ub = sp.vstack(
        [
            sp.hstack([-demand, -sp.identity(n_pairs)]),
            sp.hstack([depot, sp.csr_matrix((depot.shape[0], n_pairs))]),
            sp.hstack([capacity, sp.csr_matrix((capacity.shape[0], n_pairs))]),
        ],
        format="csr",
    )
    b_ub = np.concatenate(
        [
            links.stock_pe - links.demand_pe_per_day * ttr,
            arr.depot_target_pe.ravel() + arr.upstream_pe_per_day.ravel() * ttr,
            arr.capacity_pe_per_day * ttr,
        ]
    )
    cost = np.concatenate([np.zeros(demand.shape[1]), links.loss_weight])
    res = linprog(cost, A_ub=a_ub, b_ub=b_ub, bounds=(0, None), method="highs")
    return float(res.fun) if res.status == 0 else float("nan")
