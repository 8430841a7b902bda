"""Scenario events bound to a network and sampled per draw (one child seed per draw)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from beredd.engine.arrays import arrays_of
from beredd.engine.errors import ScenarioError
from beredd.engine.model import Distribution, Event, Network, Param, Scenario

BoolArray = NDArray[np.bool_]


@dataclass(frozen=True, eq=False)
class BoundEvent:
    """An event with its targets resolved to a mask over areas, systems, categories or suppliers."""

    event: Event
    mask: BoolArray  # [target]; for supplier_failure with count: suppliers eligible
    largest_first: NDArray[np.int64] | None = None  # supplier order for "largest"


@dataclass(frozen=True, eq=False)
class EventDraws:
    """One event sampled for a block of draws: arrays over draw."""

    type: str
    start_day: NDArray[np.int64]  # [draw]
    stop_day: NDArray[np.int64]  # [draw], exclusive
    value: NDArray[np.float64]  # [draw] access / capacity_when_empty / absence (else 1)
    mask: BoolArray  # [draw, target]


def draw_rng(seed: int, draw: int) -> np.random.Generator:
    """The generator of one draw: independent of how draws are split over chunks or workers."""
    return np.random.default_rng(np.random.SeedSequence(seed, spawn_key=(draw,)))


def bind_scenario(network: Network, scenario: Scenario) -> tuple[BoundEvent, ...]:
    return tuple(_bind(network, e, f"events[{i}]") for i, e in enumerate(scenario.events))


def _bind(network: Network, event: Event, path: str) -> BoundEvent:
    arr = arrays_of(network)
    if event.type in ("power_outage", "water_outage", "road_closure"):
        return BoundEvent(event, _mask(event.areas, network.areas, f"{path}.areas"))
    if event.type == "it_outage":
        return BoundEvent(event, _mask(event.systems, arr.systems, f"{path}.systems"))
    if event.type == "import_stop":
        return BoundEvent(
            event, _mask(event.categories, network.category_ids, f"{path}.categories")
        )
    if event.type == "supplier_failure":
        if event.suppliers == "largest":
            order = np.argsort(-arr.capacity_pe_per_day, kind="stable")
            return BoundEvent(event, np.ones(len(network.suppliers), bool), order)
        if event.suppliers is None:
            return BoundEvent(event, np.ones(len(network.suppliers), bool))
        return BoundEvent(event, _mask(event.suppliers, network.supplier_ids, f"{path}.suppliers"))
    return BoundEvent(event, np.ones(1, dtype=bool))


def _mask(targets: Sequence[str] | None, names: tuple[str, ...], path: str) -> BoolArray:
    if targets == "*":
        return np.ones(len(names), dtype=bool)
    mask = np.zeros(len(names), dtype=bool)
    for j, name in enumerate(targets or ()):
        if name not in names:
            raise ScenarioError(f"{path}[{j}]", f"{name!r} is not in the network")
        mask[names.index(name)] = True
    return mask


def sample(param: Param, rng: np.random.Generator) -> float:
    """One value of a parameter; fixed numbers use no randomness."""
    if not isinstance(param, Distribution):
        return float(param)
    a = param.args
    if param.kind == "uniform":
        return float(rng.uniform(a[0], a[1]))
    if param.kind == "uniform_int":
        return float(rng.integers(int(a[0]), int(a[1]) + 1))
    if param.kind == "triangular":
        return a[0] if a[0] == a[2] else float(rng.triangular(a[0], a[1], a[2]))
    return float(a[int(rng.integers(len(a)))])


def sample_events(bound: tuple[BoundEvent, ...], seed: int, draws: range) -> list[EventDraws]:
    """Per draw, per event in file order: start, duration, value, count, then chosen suppliers."""
    n = len(draws)
    starts = np.zeros((len(bound), n), dtype=np.int64)
    stops = np.zeros((len(bound), n), dtype=np.int64)
    values = np.ones((len(bound), n))
    masks = [np.broadcast_to(b.mask, (n, b.mask.size)).copy() for b in bound]
    for j, draw in enumerate(draws):
        rng = draw_rng(seed, draw)
        for e, b in enumerate(bound):
            starts[e, j] = int(sample(b.event.start_day, rng))
            stops[e, j] = starts[e, j] + int(sample(b.event.duration_days, rng))
            if b.event.value is not None:
                values[e, j] = sample(b.event.value, rng)
            if b.event.type == "supplier_failure":
                masks[e][j] = _failed_suppliers(b, rng)
    return [
        EventDraws(b.event.type, starts[e], stops[e], values[e], masks[e])
        for e, b in enumerate(bound)
    ]


def _failed_suppliers(b: BoundEvent, rng: np.random.Generator) -> BoolArray:
    event = b.event
    if event.count is None:
        return b.mask if b.largest_first is None else _first(b.largest_first, 1, b.mask.size)
    count = int(sample(event.count, rng))
    if b.largest_first is not None:
        return _first(b.largest_first, count, b.mask.size)
    eligible = np.flatnonzero(b.mask)
    chosen = rng.choice(eligible, size=min(count, eligible.size), replace=False)
    mask = np.zeros(b.mask.size, dtype=bool)
    mask[chosen] = True
    return mask


def _first(order: NDArray[np.int64], count: int, size: int) -> BoolArray:
    mask = np.zeros(size, dtype=bool)
    mask[order[:count]] = True
    return mask
