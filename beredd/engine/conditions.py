"""Combining the active events of one day into conditions per area, supplier, system, category."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from beredd.engine.events import EventDraws

F64 = NDArray[np.float64]
B = NDArray[np.bool_]


@dataclass(frozen=True, eq=False)
class DayConditions:
    """Arrays with draw last; the extra last row of area/system arrays stands for 'none'."""

    power_out: B  # [area + 1, draw]
    water_out: B  # [area + 1, draw]
    access: F64 | None  # [area + 1, draw]; None when no road is closed today
    fuel_shortage: B  # [draw]
    capacity_when_empty: F64  # [draw]
    absence: F64  # [draw]
    failed: B  # [supplier, draw]
    it_down: B  # [system + 1, draw]
    import_stop: B  # [category, draw]


def day_conditions(
    events: list[EventDraws], day: int, n_draws: int, shape: tuple[int, int, int, int]
) -> DayConditions:
    """Power, water, IT, failure, import stop by OR; access and capacity by min; absence by max.

    `shape` is (areas, systems, categories, suppliers).
    """
    n_areas, n_systems, n_cats, n_sups = shape
    power = np.zeros((n_areas + 1, n_draws), dtype=bool)
    water = np.zeros_like(power)
    access = np.ones((n_areas + 1, n_draws))
    closed = False
    fuel = np.zeros(n_draws, dtype=bool)
    empty_cap = np.ones(n_draws)
    absence = np.zeros(n_draws)
    failed = np.zeros((n_sups, n_draws), dtype=bool)
    it_down = np.zeros((n_systems + 1, n_draws), dtype=bool)
    imports = np.zeros((n_cats, n_draws), dtype=bool)
    for ev in events:
        active = (ev.start_day <= day) & (day < ev.stop_day)
        if not active.any():
            continue
        hit = ev.mask.T & active  # [target, draw]
        if ev.type == "power_outage":
            power[:-1] |= hit
        elif ev.type == "water_outage":
            water[:-1] |= hit
        elif ev.type == "road_closure":
            closed = True
            np.minimum(access[:-1], np.where(hit, ev.value, 1.0), out=access[:-1])
        elif ev.type == "fuel_shortage":
            fuel |= active
            np.minimum(empty_cap, np.where(active, ev.value, 1.0), out=empty_cap)
        elif ev.type == "pandemic":
            np.maximum(absence, np.where(active, ev.value, 0.0), out=absence)
        elif ev.type == "supplier_failure":
            failed |= hit
        elif ev.type == "it_outage":
            it_down[:-1] |= hit
        elif ev.type == "import_stop":
            imports |= hit
    return DayConditions(
        power, water, access if closed else None, fuel, empty_cap, absence, failed, it_down, imports
    )


def stack_conditions(
    events: list[EventDraws], horizon: int, n_draws: int, shape: tuple[int, int, int, int]
) -> tuple[NDArray[np.generic], ...]:
    """The conditions of every day, stacked: arrays [day, ..., draw] in `DayConditions` field
    order, with `access` all ones where no road is closed."""
    n_areas, n_systems, n_cats, n_sups = shape
    stacked = (
        np.zeros((horizon, n_areas + 1, n_draws), dtype=bool),
        np.zeros((horizon, n_areas + 1, n_draws), dtype=bool),
        np.ones((horizon, n_areas + 1, n_draws)),
        np.zeros((horizon, n_draws), dtype=bool),
        np.ones((horizon, n_draws)),
        np.zeros((horizon, n_draws)),
        np.zeros((horizon, n_sups, n_draws), dtype=bool),
        np.zeros((horizon, n_systems + 1, n_draws), dtype=bool),
        np.zeros((horizon, n_cats, n_draws), dtype=bool),
    )
    for day in range(horizon):
        cond = day_conditions(events, day, n_draws, shape)
        for target, value in zip(stacked, _fields(cond), strict=True):
            if value is not None:
                target[day] = value
    return stacked


def _fields(c: DayConditions) -> tuple[NDArray[np.generic] | None, ...]:
    return (
        c.power_out,
        c.water_out,
        c.access,
        c.fuel_shortage,
        c.capacity_when_empty,
        c.absence,
        c.failed,
        c.it_down,
        c.import_stop,
    )
