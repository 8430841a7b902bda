"""The network in index-resolved NumPy form (derived quantities N, T, M, x0, X and routes)."""

from __future__ import annotations

import weakref
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from beredd.engine.model import Network

F64 = NDArray[np.float64]
I64 = NDArray[np.int64]


@dataclass(frozen=True, eq=False)
class NetworkArrays:
    """Shapes: U units, S suppliers, C categories, K allocation rounds (1 + most backups)."""

    normal_pe_per_portion: F64  # r[unit, category]
    crisis_pe_per_portion: F64  # q[unit, category]
    portions_per_day: F64  # P[unit]
    criticality: I64  # [unit] 1..3
    loss_weight: F64  # [unit]
    min_service_level: F64  # [unit]
    unit_area: I64  # [unit] index into network.areas
    unit_type: I64  # [unit] index into unit_types
    unit_types: tuple[str, ...]
    initial_stock_pe: F64  # x0[unit, category]
    order_up_to_pe: F64  # X[unit, category]
    unit_backup_power_days: I64  # [unit]
    unit_capacity_without_power: F64  # [unit]
    unit_capacity_without_water: F64  # [unit]
    unit_staff_reserve: F64  # [unit]
    routes: I64  # [round, unit, category] supplier index, -1 for none
    capacity_pe_per_day: F64  # [supplier]
    contracted_pe_per_day: F64  # N[supplier, category]
    depot_target_pe: F64  # T[supplier, category]
    upstream_pe_per_day: F64  # (1 + slack) * N [supplier, category], before import stops
    import_share: F64  # [supplier, category]
    supplier_area: I64  # [supplier] index into areas, -1 for none
    supplier_backup_power_days: I64  # [supplier]
    supplier_capacity_without_power: F64  # [supplier]
    fuel_reserve_days: I64  # [supplier]
    manual_ordering_share: F64  # [supplier]
    supplier_staff_reserve: F64  # [supplier]
    prioritises_critical: NDArray[np.bool_]  # [supplier]
    ordering_system: I64  # [supplier] index into systems, -1 for none
    systems: tuple[str, ...]
    time_to_recover_days: F64  # [supplier]
    cold_hours: F64  # [category], inf where not cold
    n_areas: int


_ARRAYS: weakref.WeakKeyDictionary[Network, NetworkArrays] = weakref.WeakKeyDictionary()


def arrays_of(network: Network) -> NetworkArrays:
    """The network's arrays, built once per network object (networks are immutable and compared
    by identity); the entry goes when the network is garbage-collected."""
    arrays = _ARRAYS.get(network)
    if arrays is None:  # threads may build it twice at the same time; both results are equal
        arrays = _ARRAYS[network] = network_arrays(network)
    return arrays


def network_arrays(network: Network) -> NetworkArrays:
    """Build the arrays (use `arrays_of`, which builds them once per network)."""
    cats = network.category_ids
    cat_index = {c: i for i, c in enumerate(cats)}
    area_index = {a: i for i, a in enumerate(network.areas)}
    sup_index = {s: i for i, s in enumerate(network.supplier_ids)}
    r, q = _menu_shares(network, cats)
    units, sups = network.units, network.suppliers
    P = np.array([u.portions_per_day for u in units], dtype=np.float64)
    stock_days = _per_category([u.stock_days for u in units], cats)
    order_days = _per_category([u.order_up_to_days for u in units], cats)
    routes = _routes(network, cat_index, sup_index)
    N = _contracted(routes, P[:, None] * r, len(sups))
    slack = np.array([s.upstream_slack for s in sups])
    types = network.unit_types
    systems = tuple(dict.fromkeys(s.ordering_system for s in sups if s.ordering_system))
    return NetworkArrays(
        normal_pe_per_portion=r,
        crisis_pe_per_portion=q,
        portions_per_day=P,
        criticality=np.array([u.criticality for u in units], dtype=np.int64),
        loss_weight=np.array([u.loss_weight for u in units]),
        min_service_level=np.array([u.min_service_level for u in units]),
        unit_area=np.array([area_index[u.area] for u in units], dtype=np.int64),
        unit_type=np.array([types.index(u.type) for u in units], dtype=np.int64),
        unit_types=types,
        initial_stock_pe=stock_days * P[:, None] * r,
        order_up_to_pe=(1 + order_days) * P[:, None] * np.maximum(r, q),
        unit_backup_power_days=_days([u.backup_power_hours for u in units]),
        unit_capacity_without_power=np.array([u.capacity_without_power for u in units]),
        unit_capacity_without_water=np.array([u.capacity_without_water for u in units]),
        unit_staff_reserve=np.array([u.staff_reserve for u in units]),
        routes=routes,
        capacity_pe_per_day=np.array([s.capacity_per_day for s in sups]),
        contracted_pe_per_day=N,
        depot_target_pe=_per_category([s.stock_days for s in sups], cats) * N,
        upstream_pe_per_day=(1 + slack)[:, None] * N,
        import_share=_per_category([s.import_share for s in sups], cats),
        supplier_area=np.array(
            [area_index.get(s.area, -1) if s.area else -1 for s in sups], dtype=np.int64
        ),
        supplier_backup_power_days=_days([s.backup_power_hours for s in sups]),
        supplier_capacity_without_power=np.array([s.capacity_without_power for s in sups]),
        fuel_reserve_days=np.ceil([s.fuel_reserve_days for s in sups]).astype(np.int64),
        manual_ordering_share=np.array([s.manual_ordering_share for s in sups]),
        supplier_staff_reserve=np.array([s.staff_reserve for s in sups]),
        prioritises_critical=np.array([s.prioritises_critical for s in sups], dtype=bool),
        ordering_system=np.array(
            [systems.index(s.ordering_system) if s.ordering_system else -1 for s in sups],
            dtype=np.int64,
        ),
        systems=systems,
        time_to_recover_days=np.array([s.time_to_recover_days for s in sups]),
        cold_hours=np.array(
            [np.inf if c.cold_hours is None else c.cold_hours for c in network.categories]
        ),
        n_areas=len(network.areas),
    )


def _days(hours: list[float]) -> I64:
    return np.floor(np.array(hours, dtype=np.float64) / 24).astype(np.int64)


def _per_category(mappings: Sequence[Mapping[str, float]], cats: tuple[str, ...]) -> F64:
    out = np.zeros((len(mappings), len(cats)))
    for i, m in enumerate(mappings):
        for j, c in enumerate(cats):
            out[i, j] = float(m.get(c, 0.0))
    return out


def _menu_shares(network: Network, cats: tuple[str, ...]) -> tuple[F64, F64]:
    normal = [(u.menus or network.menus).normal for u in network.units]
    crisis = [(u.menus or network.menus).crisis for u in network.units]
    return _per_category(normal, cats), _per_category(crisis, cats)


def _routes(network: Network, cat_index: dict[str, int], sup_index: dict[str, int]) -> I64:
    rounds = 1 + max((len(a.backups) for a in network.assignments), default=0)
    unit_index = {u: i for i, u in enumerate(network.unit_ids)}
    routes = np.full((rounds, len(network.units), len(cat_index)), -1, dtype=np.int64)
    for a in network.assignments:
        chain = [sup_index[s] for s in (a.primary, *a.backups)]
        for uid in a.units:
            routes[: len(chain), unit_index[uid], cat_index[a.category]] = chain
    return routes


def _contracted(routes: I64, normal_pe: F64, n_suppliers: int) -> F64:
    """N[s, c] = sum of P r over units assigned to s for c, as primary or backup."""
    n_cats = normal_pe.shape[1]
    out = np.zeros(n_suppliers * n_cats)
    cat = np.broadcast_to(np.arange(n_cats), normal_pe.shape)
    for k in range(routes.shape[0]):
        mask = routes[k] >= 0
        np.add.at(out, routes[k][mask] * n_cats + cat[mask], normal_pe[mask])
    return out.reshape(n_suppliers, n_cats)
