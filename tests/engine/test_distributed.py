"""The same seed gives the same numbers on a Dask scheduler as in one process."""

import numpy as np
import pytest

from beredd.engine import load_network, load_scenario, simulate, time_to_survive
from beredd.engine.generate import generate_network


@pytest.mark.filterwarnings("ignore")
def test_a_dask_scheduler_reproduces_the_local_numbers() -> None:
    distributed = pytest.importorskip("distributed")
    network = load_network(
        generate_network(np.random.default_rng(4), units=10, suppliers=3, categories=2)
    )
    scenario = load_scenario("storm-road-closures")
    local = simulate(network, scenario, draws=6, seed=9)
    with distributed.LocalCluster(
        n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None
    ) as cluster:
        remote = simulate(
            network, scenario, draws=6, seed=9, scheduler=cluster.scheduler_address, chunk_draws=2
        )
    np.testing.assert_array_equal(local.service_level, remote.service_level)
    np.testing.assert_array_equal(local.first_breach_day, remote.first_breach_day)


def test_time_to_survive_gives_the_same_numbers_with_two_workers(backup_network: dict) -> None:
    network = load_network(backup_network)
    assert time_to_survive(network, workers=2) == time_to_survive(network)
