"""A plain per-draw, per-unit Python loop of the model: the test oracle and benchmark baseline.

Written straight from the model text, sharing only event sampling with the fast engine.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from beredd.engine.events import EventDraws, bind_scenario, sample_events
from beredd.engine.model import Network, Scenario, Supplier


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
        state = _Draw(network)
        for t in range(scenario.horizon_days):
            state.day(_conditions(network, events, j, t), sl[j, t], ns[j, t])
    return sl, ns


Key = tuple[str, str]


class _Draw:
    """The state of one draw, in dictionaries keyed by ids, exactly as the model text reads."""

    def __init__(self, network: Network) -> None:
        self.net = network
        units, sups, cats = network.units, network.suppliers, network.category_ids
        menus = {u.id: (u.menus or network.menus) for u in units}
        self.r = {u.id: {c: menus[u.id].normal.get(c, 0.0) for c in cats} for u in units}
        self.q = {u.id: {c: menus[u.id].crisis.get(c, 0.0) for c in cats} for u in units}
        self.P = {u.id: u.portions_per_day for u in units}
        self.chain: dict[Key, list[str]] = {}
        self.N = {(s.id, c): 0.0 for s in sups for c in cats}
        for a in network.assignments:
            for uid in a.units:
                self.chain[(uid, a.category)] = [a.primary, *a.backups]
                for sid in (a.primary, *a.backups):
                    self.N[(sid, a.category)] += self.P[uid] * self.r[uid][a.category]
        self.T = {
            (s.id, c): s.stock_days.get(c, 0.0) * self.N[(s.id, c)] for s in sups for c in cats
        }
        self.x = {
            (u.id, c): u.stock_days.get(c, 0.0) * self.P[u.id] * self.r[u.id][c]
            for u in units
            for c in cats
        }
        self.X = {
            (u.id, c): (1 + u.order_up_to_days.get(c, 0.0))
            * self.P[u.id]
            * max(self.r[u.id][c], self.q[u.id][c])
            for u in units
            for c in cats
        }
        self.b = dict(self.T)
        self.usite = {u.id: _site(u.area, u.backup_power_hours) for u in units}
        self.ssite = {s.id: _site(s.area, s.backup_power_hours) for s in sups}
        self.fuel = {s.id: math.ceil(s.fuel_reserve_days) for s in sups}

    def day(self, day: _Day, sl: NDArray[np.float64], ns: NDArray[np.float64]) -> None:
        for site in (*self.usite.values(), *self.ssite.values()):
            _power(site, day)
        cap, avail = self._supply(day)
        unmet = self._orders(day)
        rounds = max((len(v) for v in self.chain.values()), default=0)
        crit = {u.id: u.criticality for u in self.net.units}
        for k in range(rounds):
            _round(self.net, k, self.chain, unmet, avail, cap, self.x, crit, self.net.category_ids)
        for key in self.b:
            self.b[key] = min(self.T[key], avail[key])
        self._serve(day, sl, ns)
        cold = {c.id: c.cold_hours for c in self.net.categories}
        for uid, site in self.usite.items():
            _spoil(site, cold, lambda c, uid=uid: self.x.__setitem__((uid, c), 0.0))
        for sid, site in self.ssite.items():
            _spoil(site, cold, lambda c, sid=sid: self.b.__setitem__((sid, c), 0.0))

    def _supply(self, day: _Day) -> tuple[dict[str, float], dict[Key, float]]:
        cap, avail = {}, {}
        for s in self.net.suppliers:
            factors = self._factors(s, day)  # fuel is used on shortage days, failed or not
            failed = s.id in day.failed
            cap[s.id] = 0.0 if failed else s.capacity_per_day * factors
            for c in self.net.category_ids:
                imported = s.import_share.get(c, 0.0) * (c in day.imports)
                m = (1 + s.upstream_slack) * self.N[(s.id, c)] * (1 - imported)
                avail[(s.id, c)] = self.b[(s.id, c)] + (0.0 if failed else m)
        return cap, avail

    def _factors(self, s: Supplier, day: _Day) -> float:
        f_staff = min(1.0, (1 - day.absence) * (1 + s.staff_reserve))
        f_fuel = 1.0
        if not day.fuel:
            self.fuel[s.id] = math.ceil(s.fuel_reserve_days)
        elif self.fuel[s.id] > 0:
            self.fuel[s.id] -= 1
        else:
            f_fuel = day.empty_cap
        f_power = 1.0 if self.ssite[s.id].powered else s.capacity_without_power
        f_it = s.manual_ordering_share if s.ordering_system in day.systems else 1.0
        return f_staff * f_fuel * f_power * f_it

    def _orders(self, day: _Day) -> dict[Key, float]:
        return {
            (u.id, c): max(0.0, self.X[(u.id, c)] - self.x[(u.id, c)]) * day.access.get(u.area, 1.0)
            for u in self.net.units
            for c in self.net.category_ids
            if (u.id, c) in self.chain
        }

    def _serve(self, day: _Day, sl: NDArray[np.float64], ns: NDArray[np.float64]) -> None:
        for i, u in enumerate(self.net.units):
            k_power = 1.0 if self.usite[u.id].powered else u.capacity_without_power
            k_water = u.capacity_without_water if u.area in day.water else 1.0
            k_staff = min(1.0, (1 - day.absence) * (1 + u.staff_reserve))
            K = min(k_power, k_water, k_staff) * self.P[u.id]
            n = _cook(self.x, u.id, self.r[u.id], K)
            z = _cook(self.x, u.id, self.q[u.id], K - n)
            sl[i] = (n + z) / self.P[u.id]
            ns[i] = n / self.P[u.id]


def _site(area: str | None, backup_power_hours: float) -> _Site:
    days = int(backup_power_hours // 24)
    return _Site(area, days, days)


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
