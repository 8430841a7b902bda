"""Index arrays and sparse matrices for the vectorised day loop, derived once per network."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import scipy.sparse as sp
from numpy.typing import DTypeLike, NDArray

from beredd.engine.arrays import NetworkArrays

I64 = NDArray[np.int64]
F64 = NDArray[np.float64]


@dataclass(frozen=True, eq=False)
class Round:
    """Allocation round k over all ordering pairs; pairs without a k-th supplier get nothing."""

    routed: F64 | None  # [pair] 1.0 if the pair has a k-th supplier; None if all have one
    group: I64  # [pair] (class * S + supplier) * C + category; 3 * S * C if unrouted
    summing: sp.csr_matrix  # [3 * S * C, pair] ones: requests -> sums per class, supplier, cat


@dataclass(frozen=True, eq=False)
class Menu:
    """One menu as per-category columns: only categories some unit uses are visited."""

    categories: tuple[int, ...]  # categories with a positive share for some unit
    padded: tuple[bool, ...]  # per visited category: some unit has share 0 there
    share: F64  # [unit, category]
    inverse: F64  # [unit, category] 1/share, 0 where share is 0
    pad: F64  # [unit, category] 0, inf where share is 0 (excludes it from the min)
    has: F64  # [unit, 1] 1.0 if the unit has this menu at all


@dataclass(frozen=True, eq=False)
class Plan:
    n_units: int
    n_categories: int
    n_suppliers: int
    pairs: I64 | slice  # flat unit * C + category of the pairs that can order
    pair_unit: I64  # [pair]
    order_up_to_pe: F64  # [pair]
    rounds: tuple[Round, ...]
    normal: Menu
    crisis: Menu
    spoil_days: I64  # [category] unpowered days after which it spoils (huge if never)
    dtype: np.dtype[Any]


def make_plan(arr: NetworkArrays, dtype: DTypeLike = np.float64) -> Plan:
    """`dtype` is the float type of the per-pair arrays (float32 is ~2x faster, less exact)."""
    n_units, n_cats = arr.normal_pe_per_portion.shape
    n_sups = arr.capacity_pe_per_day.size
    flat_routes = arr.routes.reshape(arr.routes.shape[0], -1)
    order_pe = arr.order_up_to_pe.ravel()
    pairs = np.flatnonzero((order_pe > 0) & (flat_routes[0] >= 0))
    rounds = tuple(
        _round(
            dtype,
            flat_routes[k][pairs],
            pairs % n_cats,
            arr.criticality[pairs // n_cats] - 1,
            n_sups,
            n_cats,
        )
        for k in range(flat_routes.shape[0])
        if (flat_routes[k][pairs] >= 0).any()
    )
    spoil = np.where(np.isfinite(arr.cold_hours), np.ceil(arr.cold_hours / 24), 2**40)
    return Plan(
        n_units,
        n_cats,
        n_sups,
        slice(None) if pairs.size == n_units * n_cats else pairs,
        pairs // n_cats,
        order_pe[pairs].astype(dtype),
        rounds,
        _menu(arr.normal_pe_per_portion, dtype),
        _menu(arr.crisis_pe_per_portion, dtype),
        spoil.astype(np.int64),
        np.dtype(dtype),
    )


def _round(
    dtype: DTypeLike, sup: I64, category: I64, klass: I64, n_sups: int, n_cats: int
) -> Round:
    routed = sup >= 0
    n_groups = 3 * n_sups * n_cats
    group = np.where(routed, (klass * n_sups + sup) * n_cats + category, n_groups)
    cols = np.flatnonzero(routed)
    summing = sp.csr_matrix(
        (np.ones(cols.size, dtype), (group[cols], cols)), shape=(n_groups, sup.size)
    )
    return Round(None if routed.all() else routed.astype(dtype), group, summing)


def _menu(share: F64, dtype: DTypeLike) -> Menu:
    positive = share > 0
    used = np.flatnonzero(positive.any(axis=0))
    return Menu(
        categories=tuple(int(c) for c in used),
        padded=tuple(bool((~positive[:, c]).any()) for c in used),
        share=share.astype(dtype),
        inverse=np.divide(1.0, share, out=np.zeros_like(share), where=positive).astype(dtype),
        pad=np.where(positive, 0.0, np.inf).astype(dtype),
        has=positive.any(axis=1).astype(dtype)[:, None],
    )
