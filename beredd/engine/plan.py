"""Flat index arrays for the compiled day loop (`beredd.engine.day`), derived once per network."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import DTypeLike, NDArray

from beredd.engine.arrays import NetworkArrays

I64 = NDArray[np.int64]
F64 = NDArray[np.float64]


@dataclass(frozen=True, eq=False)
class Plan:
    """Everything the day loop reads but never writes. A *pair* is a (unit, category) that can
    order: a positive order-up-to level and a primary supplier."""

    n_units: int
    n_categories: int
    n_suppliers: int
    pairs: I64  # [pair] flat unit * C + category, sorted by the round-0 group
    pair_class: I64  # [pair] criticality - 1 of the pair's unit
    order_up_to_pe: F64  # [pair] X
    routes: I64  # [round, pair] k-th supplier, -1 for none
    normal: F64  # [unit, category] r
    crisis: F64  # [unit, category] q
    spoil_days: I64  # [category] unpowered days after which it spoils (huge if never)
    unit_area: I64  # [unit] row of the area in the day conditions
    supplier_area: I64  # [supplier] row of the area; the last row ("none") if it has none
    ordering_system: I64  # [supplier] row of the system; the last row if it has none
    dtype: np.dtype[Any]


def make_plan(arr: NetworkArrays, dtype: DTypeLike = np.float64) -> Plan:
    """`dtype` is the float type of the unit and depot stocks (float32 is an approximation)."""
    n_units, n_cats = arr.normal_pe_per_portion.shape
    n_sups = arr.capacity_pe_per_day.size
    flat_routes = arr.routes.reshape(arr.routes.shape[0], -1)
    order_pe = arr.order_up_to_pe.ravel()
    pairs = np.flatnonzero((order_pe > 0) & (flat_routes[0] >= 0))
    # pairs sorted by their first request's (class, supplier, category), stable: round 0
    # sums each group's orders over a contiguous run of pairs, in the original pair order
    klass = arr.criticality[pairs // n_cats] - 1
    first = (klass * n_sups + flat_routes[0][pairs]) * n_cats + pairs % n_cats
    pairs = pairs[np.argsort(first, kind="stable")]
    routes = flat_routes[:, pairs]
    routes = routes[(routes >= 0).any(axis=1)]  # rounds that nobody uses are skipped
    spoil = np.where(np.isfinite(arr.cold_hours), np.ceil(arr.cold_hours / 24), 2**40)
    return Plan(
        n_units,
        n_cats,
        n_sups,
        pairs.astype(np.int64),
        (arr.criticality[pairs // n_cats] - 1).astype(np.int64),
        order_pe[pairs],
        np.ascontiguousarray(routes, dtype=np.int64),
        arr.normal_pe_per_portion,
        arr.crisis_pe_per_portion,
        spoil.astype(np.int64),
        arr.unit_area,
        np.where(arr.supplier_area < 0, arr.n_areas, arr.supplier_area),
        np.where(arr.ordering_system < 0, len(arr.systems), arr.ordering_system),
        np.dtype(dtype),
    )
