"""Compile the engine's day loop once (numba caches it), so no user waits for it later."""

import time

import numpy as np

from beredd.engine import load_network, load_scenario, simulate
from beredd.engine.generate import generate_network

start = time.perf_counter()
network = load_network(
    generate_network(np.random.default_rng(0), units=4, suppliers=2, categories=2)
)
simulate(network, load_scenario("power-outage-long"), draws=1, seed=0)
print(f"Engine ready ({time.perf_counter() - start:.1f} s)")
