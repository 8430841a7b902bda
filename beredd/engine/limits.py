"""The engine's bounds on the size of its work, each a named constant: input beyond them is
refused with one message naming the problem, before anything large is allocated."""

from __future__ import annotations

import os

MAX_FILE_BYTES = 256 * 1024 * 1024  # a network or scenario file; the national case is ~10 MB
MAX_NESTING_DEPTH = 32  # JSON objects and arrays inside each other; our files need 5
MAX_DRAWS = 1_000_000
MAX_SEED = 2**63 - 1  # numpy's SeedSequence takes any non-negative integer; we store int64
MAX_WORKERS = 64
MAX_HORIZON_DAYS = 3650  # also the scenario schema's maximum of horizon_days
# The per-field maxima of a network (portions <= 1e6 a day, capacity <= 1e8 pe a day, days
# <= 3650, hours <= 87600, staff reserve <= 10, ...) and its sizes (units <= 100,000,
# suppliers <= 10,000) are in schemas/network.schema.json, the same as the web's bounds.

# Bytes a draw keeps per unit whatever the detail: first breach day (int32), worst-day SL and
# loss area (float64).
_BYTES_PER_DRAW_UNIT = 4 + 8 + 8


def run_bytes(*, draws: int, units: int, horizon_days: int, detail_itemsize: int = 0) -> int:
    """What a simulation keeps in memory: the per-draw results, plus SL and NS per draw, day
    and unit when detail is kept (`detail_itemsize` bytes a value, 0 for none)."""
    per_draw = units * (_BYTES_PER_DRAW_UNIT + 2 * horizon_days * detail_itemsize)
    return draws * per_draw


def memory_bytes() -> int:
    """Half of this machine's physical memory: what one run may take."""
    try:
        return os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE") // 2
    except (ValueError, OSError):  # not on every platform
        return 4 * 1024**3


def draws_that_fit(*, units: int, horizon_days: int, detail_itemsize: int, limit: int) -> int:
    per_draw = run_bytes(
        draws=1, units=units, horizon_days=horizon_days, detail_itemsize=detail_itemsize
    )
    return max(0, limit // max(1, per_draw))
