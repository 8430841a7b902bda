"""A plain per-draw, per-unit Python loop of the model: the test oracle and benchmark baseline.

Written straight from the model text, sharing only event sampling with the fast engine.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from beredd.engine.events import EventDraws, bind_scenario, sample_events
from beredd.engine.model import Network, Scenario


@dataclass
class _Site:
    area: str | None
    backup_full: int
    backup_left: int
    streak: int = 0
    powered: bool = True


@dataclass
class _Day:
    power: set[str] = field(default_factory=set)
    water: set[str] = field(default_factory=set)
    access: dict[str, float] = field(default_factory=dict)
    fuel: bool = False
    empty_cap: float = 1.0
    absence: float = 0.0
    failed: set[str] = field(default_factory=set)
    systems: set[str] = field(default_factory=set)
    imports: set[str] = field(default_factory=set)


def simulate_naive(
    network: Network, scenario: Scenario, *, draws: range, seed: int
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """SL[draw, day, unit] and NS[draw, day, unit] for the given draws."""
    events = sample_events(bind_scenario(network, scenario), seed, draws)
    shape = (len(draws), scenario.horizon_days, len(network.units))
    sl, ns = np.zeros(shape), np.zeros(shape)
    for j in range(len(draws)):
        _one_draw(network, scenario.horizon_days, events, j, sl[j], ns[j])
    return sl, ns


def _conditions(network: Network, events: list[EventDraws], j: int, t: int) -> _Day:
    day = _Day()
    systems = sorted(
        {s.ordering_system for s in network.suppliers if s.ordering_system},
        key=[s.ordering_system for s in network.suppliers].index,
    )
    names = {
        "power_outage": network.areas,
        "water_outage": network.areas,
        "road_closure": network.areas,
        "supplier_failure": network.supplier_ids,
        "it_outage": tuple(systems),
        "import_stop": network.category_ids,
    }
    for ev in events:
        if not ev.start_day[j] <= t < ev.stop_day[j]:
            continue
        hit = {n for n, m in zip(names.get(ev.type, ()), ev.mask[j], strict=False) if m}
        if ev.type == "power_outage":
            day.power |= hit
        elif ev.type == "water_outage":
            day.water |= hit
        elif ev.type == "road_closure":
            for area in hit:
                day.access[area] = min(day.access.get(area, 1.0), float(ev.value[j]))
        elif ev.type == "fuel_shortage":
            day.fuel, day.empty_cap = True, min(day.empty_cap, float(ev.value[j]))
        elif ev.type == "pandemic":
            day.absence = max(day.absence, float(ev.value[j]))
        elif ev.type == "supplier_failure":
            day.failed |= hit
        elif ev.type == "it_outage":
            day.systems |= hit
        elif ev.type == "import_stop":
            day.imports |= hit
    return day


def _one_draw(
    network: Network,
    horizon: int,
    events: list[EventDraws],
    j: int,
    sl: NDArray[np.float64],
    ns: NDArray[np.float64],
) -> None:
    units, sups, cats = network.units, network.suppliers, network.category_ids
    cold = {c.id: c.cold_hours for c in network.categories}
    menus = {u.id: (u.menus or network.menus) for u in units}
    r = {u.id: {c: menus[u.id].normal.get(c, 0.0) for c in cats} for u in units}
    q = {u.id: {c: menus[u.id].crisis.get(c, 0.0) for c in cats} for u in units}
    P = {u.id: u.portions_per_day for u in units}
    crit = {u.id: u.criticality for u in units}
    chain: dict[tuple[str, str], list[str]] = {}
    N = {(s.id, c): 0.0 for s in sups for c in cats}
    for a in network.assignments:
        for uid in a.units:
            chain[(uid, a.category)] = [a.primary, *a.backups]
            for sid in (a.primary, *a.backups):
                N[(sid, a.category)] += P[uid] * r[uid][a.category]
    T = {(s.id, c): s.stock_days.get(c, 0.0) * N[(s.id, c)] for s in sups for c in cats}
    x = {(u.id, c): u.stock_days.get(c, 0.0) * P[u.id] * r[u.id][c] for u in units for c in cats}
    X = {
        (u.id, c): (1 + u.order_up_to_days.get(c, 0.0)) * P[u.id] * max(r[u.id][c], q[u.id][c])
        for u in units
        for c in cats
    }
    b = dict(T)
    usite = {
        u.id: _Site(u.area, int(u.backup_power_hours // 24), int(u.backup_power_hours // 24))
        for u in units
    }
    ssite = {
        s.id: _Site(s.area, int(s.backup_power_hours // 24), int(s.backup_power_hours // 24))
        for s in sups
    }
    fuel = {s.id: math.ceil(s.fuel_reserve_days) for s in sups}
    for t in range(horizon):
        day = _conditions(network, events, j, t)
        for site in (*usite.values(), *ssite.values()):
            _power(site, day)
        cap, avail = {}, {}
        for s in sups:
            f_staff = min(1.0, (1 - day.absence) * (1 + s.staff_reserve))
            f_fuel = 1.0
            if day.fuel:
                if fuel[s.id] > 0:
                    fuel[s.id] -= 1
                else:
                    f_fuel = day.empty_cap
            else:
                fuel[s.id] = math.ceil(s.fuel_reserve_days)
            f_power = 1.0 if ssite[s.id].powered else s.capacity_without_power
            f_it = s.manual_ordering_share if s.ordering_system in day.systems else 1.0
            failed = s.id in day.failed
            cap[s.id] = 0.0 if failed else s.capacity_per_day * f_staff * f_fuel * f_power * f_it
            for c in cats:
                m = (
                    (1 + s.upstream_slack)
                    * N[(s.id, c)]
                    * (1 - s.import_share.get(c, 0.0) * (c in day.imports))
                )
                avail[(s.id, c)] = b[(s.id, c)] + (0.0 if failed else m)
        unmet = {}
        for u in units:
            for c in cats:
                if (u.id, c) in chain:
                    unmet[(u.id, c)] = max(0.0, X[(u.id, c)] - x[(u.id, c)]) * day.access.get(
                        u.area, 1.0
                    )
        rounds = max((len(v) for v in chain.values()), default=0)
        for k in range(rounds):
            _round(network, k, chain, unmet, avail, cap, x, crit, cats)
        for s in sups:
            for c in cats:
                b[(s.id, c)] = min(T[(s.id, c)], avail[(s.id, c)])
        for i, u in enumerate(units):
            site = usite[u.id]
            k_power = 1.0 if site.powered else u.capacity_without_power
            k_water = u.capacity_without_water if u.area in day.water else 1.0
            k_staff = min(1.0, (1 - day.absence) * (1 + u.staff_reserve))
            K = min(k_power, k_water, k_staff) * P[u.id]
            n = _cook(x, u.id, r[u.id], K)
            z = _cook(x, u.id, q[u.id], K - n)
            sl[t, i] = (n + z) / P[u.id]
            ns[t, i] = n / P[u.id]
        for uid, site in usite.items():
            _spoil(site, cold, lambda c, uid=uid: x.__setitem__((uid, c), 0.0))
        for sid, site in ssite.items():
            _spoil(site, cold, lambda c, sid=sid: b.__setitem__((sid, c), 0.0))


def _power(site: _Site, day: _Day) -> None:
    if site.area is not None and site.area in day.power:
        site.powered = site.backup_left > 0
        if site.powered:
            site.backup_left -= 1
    else:
        site.powered = True
        site.backup_left = site.backup_full


def _round(
    network: Network,
    k: int,
    chain: dict[tuple[str, str], list[str]],
    unmet: dict[tuple[str, str], float],
    avail: dict[tuple[str, str], float],
    cap: dict[str, float],
    x: dict[tuple[str, str], float],
    crit: dict[str, int],
    cats: tuple[str, ...],
) -> None:
    for s in network.suppliers:
        requests = {key: unmet[key] for key, ch in chain.items() if len(ch) > k and ch[k] == s.id}
        deliver = {}
        for c in cats:
            asked = sum(v for (_, cc), v in requests.items() if cc == c)
            deliver[c] = min(asked, avail[(s.id, c)])
        total = sum(deliver.values())
        if total > cap[s.id]:
            deliver = {c: d * cap[s.id] / total for c, d in deliver.items()}
        for c in cats:
            mine = {uid: v for (uid, cc), v in requests.items() if cc == c}
            classes = (1, 2, 3) if s.prioritises_critical else (None,)
            left = deliver[c]
            for cl in classes:
                group = {uid: v for uid, v in mine.items() if cl is None or crit[uid] == cl}
                asked = sum(group.values())
                give = min(left, asked)
                left -= give
                for uid, v in group.items():
                    got = give * v / asked if asked > 0 else 0.0
                    x[(uid, c)] += got
                    unmet[(uid, c)] -= got
            avail[(s.id, c)] -= deliver[c]
            cap[s.id] = max(0.0, cap[s.id] - deliver[c])


def _cook(
    x: dict[tuple[str, str], float], uid: str, share: dict[str, float], limit: float
) -> float:
    menu = [c for c, v in share.items() if v > 0]
    if not menu:
        return 0.0
    portions = max(0.0, min(limit, min(x[(uid, c)] / share[c] for c in menu)))
    for c in menu:
        x[(uid, c)] = max(0.0, x[(uid, c)] - portions * share[c])
    return portions


def _spoil(site: _Site, cold: dict[str, float | None], zero: object) -> None:
    site.streak = 0 if site.powered else site.streak + 1
    for c, hours in cold.items():
        if hours is not None and 24 * site.streak >= hours:
            zero(c)  # type: ignore[operator]
