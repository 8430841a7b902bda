"""Demo data: each demo municipality has a stress test queued, which `make demo`'s worker runs."""

from typing import Any

from beredd.engine import scenario_library
from beredd.stresstests.services import stress_test_start

DEMO_SCENARIOS = ("power-outage-long", "largest-supplier-insolvency")
DEMO_SEED = 20261122


def load(context: dict[str, Any]) -> None:
    scenarios = [info.data for info in scenario_library("sv") if info.id in DEMO_SCENARIOS]
    for slug in ("malmhaga", "sjobo-strand", "osterlen"):
        organisation = context["organisations"].get(slug)
        user = context["users"].get(f"{slug}-upphandlare")
        if organisation is None or user is None:
            continue
        stress_test_start(
            organisation=organisation,
            user=user,
            name="Strömavbrott och leverantörskonkurs",
            scenarios=scenarios,
            draws=200,
            seed=DEMO_SEED,
        )
