"""Invalid networks and scenarios are rejected with the JSON path of the problem."""

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from beredd.engine import (
    NetworkError,
    ScenarioError,
    load_network,
    load_scenario,
    simulate,
)

Edit = Callable[[dict[str, Any]], None]


def _set(path: list[str | int], value: Any) -> Edit:
    def edit(data: dict[str, Any]) -> None:
        target: Any = data
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value

    return edit


def _delete(path: list[str | int]) -> Edit:
    def edit(data: dict[str, Any]) -> None:
        target: Any = data
        for key in path[:-1]:
            target = target[key]
        del target[path[-1]]

    return edit


NETWORK_ERRORS: list[tuple[str, Edit, str, str]] = [
    (
        "negative stock",
        _set(["units", 1, "stock_days", "dry"], -1),
        "units[1].stock_days.dry",
        "must be >= 0",
    ),
    ("share above one", _set(["menus", "normal", "dry"], 1.5), "menus.normal.dry", "must be <= 1"),
    (
        "minimum service above one",
        _set(["units", 0, "min_service_level"], 2),
        "units[0].min_service_level",
        "must be <= 1",
    ),
    (
        "missing field",
        _delete(["units", 0, "portions_per_day"]),
        "units[0].portions_per_day",
        "is required",
    ),
    (
        "misspelt field",
        _set(["suppliers", 0, "capacity_per_dya"], 3),
        "suppliers[0].capacity_per_dya",
        "unknown field",
    ),
    (
        "wrong type",
        _set(["suppliers", 2, "capacity_per_day"], "many"),
        "suppliers[2].capacity_per_day",
        "must be of type number",
    ),
    (
        "bad criticality",
        _set(["units", 1, "criticality"], 4),
        "units[1].criticality",
        "must be one of 1, 2, 3",
    ),
    ("duplicate unit", _set(["units", 1, "id"], "P1"), "units[1].id", "duplicate id 'P1'"),
    (
        "duplicate supplier",
        _set(["suppliers", 2, "id"], "S1"),
        "suppliers[2].id",
        "duplicate id 'S1'",
    ),
    (
        "unknown unit",
        _set(["assignments", 0, "units", 1], "P9"),
        "assignments[0].units[1]",
        "unknown unit 'P9'",
    ),
    (
        "unknown primary",
        _set(["assignments", 0, "primary"], "S9"),
        "assignments[0].primary",
        "unknown supplier 'S9'",
    ),
    (
        "unknown backup",
        _set(["assignments", 0, "backups", 1], "S9"),
        "assignments[0].backups[1]",
        "unknown supplier 'S9'",
    ),
    (
        "unknown category",
        _set(["units", 0, "stock_days", "meat"], 1),
        "units[0].stock_days.meat",
        "unknown category",
    ),
    ("unknown area", _set(["units", 0, "area"], "mars"), "units[0].area", "unknown area"),
    (
        "missing assignment",
        _set(["assignments", 0, "units"], ["P1"]),
        "units[1]",
        "no assignment for category 'dry'",
    ),
]


@pytest.mark.parametrize(
    ("case", "edit", "path", "message"), NETWORK_ERRORS, ids=[c[0] for c in NETWORK_ERRORS]
)
def test_each_network_error_names_its_json_path(
    backup_network: dict[str, Any], case: str, edit: Edit, path: str, message: str
) -> None:
    data = copy.deepcopy(backup_network)
    edit(data)
    with pytest.raises(NetworkError) as caught:
        load_network(data)
    assert caught.value.path == path
    assert message in caught.value.message
    assert str(caught.value) == f"{path}: {caught.value.message}"


def test_a_unit_assigned_twice_is_named_at_its_second_assignment(
    backup_network: dict[str, Any],
) -> None:
    backup_network["assignments"].append({"category": "dry", "units": ["P2"], "primary": "S2"})
    with pytest.raises(
        NetworkError,
        match=r"assignments\[1\]\.units\[0\]: unit 'P2' is "
        r"already assigned for 'dry' in assignments\[0\]",
    ):
        load_network(backup_network)


def test_malformed_json_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "net.json"
    path.write_text('{"categories": [\n  {"id": "dry"},,\n]}')
    with pytest.raises(NetworkError) as caught:
        load_network(path)
    assert caught.value.path == "$"
    assert "line 2" in caught.value.message


def test_a_missing_file_is_a_network_error(tmp_path: Path) -> None:
    with pytest.raises(NetworkError, match=r"^\$: cannot read"):
        load_network(tmp_path / "nope.json")


def _scenario(**event: Any) -> dict[str, Any]:
    base = {"type": "pandemic", "start_day": 0, "duration_days": 3, "absence": 0.2}
    return {
        "horizon_days": 5,
        "events": [
            {"type": "pandemic", "absence": 0.1, "start_day": 0, "duration_days": 1},
            {**base, **event},
        ],
    }


SCENARIO_ERRORS: list[tuple[dict[str, Any], str, str]] = [
    (_scenario(type="meteor"), "events[1].type", "unknown event type 'meteor'"),
    (_scenario(start_day=1.5), "events[1].start_day", "must be an integer"),
    (
        _scenario(duration_days={"uniform": [1, 3]}),
        "events[1].duration_days.uniform",
        "not allowed here",
    ),
    (
        _scenario(duration_days={"uniform_int": [1.5, 3]}),
        "events[1].duration_days.uniform_int",
        "must be integers",
    ),
    (_scenario(start_day=-1), "events[1].start_day", "must be between 0"),
    (_scenario(absence={"uniform": [0.4, 0.1]}), "events[1].absence.uniform", "increasing order"),
    (_scenario(absence={"uniform": [0.1]}), "events[1].absence.uniform", "must have 2"),
    (
        _scenario(absence={"triangular": [0.1, 0.2, 1.5]}),
        "events[1].absence.triangular[2]",
        "between 0 and 1",
    ),
    (_scenario(absence={"normal": [0.1, 0.2]}), "events[1].absence.normal", "not allowed"),
    (_scenario(absence={"uniform": [0, 1], "choice": [1]}), "events[1].absence", "exactly one"),
    (_scenario(absence={"choice": []}), "events[1].absence.choice", "non-empty list"),
    (_scenario(absence="high"), "events[1].absence", "must be"),
    (_scenario(absence=1.2), "events[1].absence", "between 0 and 1"),
    (_scenario(type="power_outage"), "events[1].areas", "is required"),
    (_scenario(colour="red"), "events[1].colour", "unknown field"),
    ({"horizon_days": 0, "events": []}, "horizon_days", "must be >= 1"),
    ({"horizon_days": 2.5, "events": []}, "horizon_days", "must be of type integer"),
]


@pytest.mark.parametrize(
    ("data", "path", "message"), SCENARIO_ERRORS, ids=[f"{c[1]}-{c[2]}" for c in SCENARIO_ERRORS]
)
def test_each_scenario_error_names_its_json_path(
    data: dict[str, Any], path: str, message: str
) -> None:
    with pytest.raises(ScenarioError) as caught:
        load_scenario(data)
    assert caught.value.path == path
    assert message in caught.value.message


def test_a_scenario_naming_an_area_the_network_lacks_is_rejected_at_run_time(
    backup_network: dict[str, Any],
) -> None:
    scenario = load_scenario(
        {
            "horizon_days": 3,
            "events": [
                {
                    "type": "power_outage",
                    "areas": ["x", "atlantis"],
                    "start_day": 0,
                    "duration_days": 1,
                }
            ],
        }
    )
    with pytest.raises(ScenarioError, match=r"^events\[0\]\.areas\[1\]: 'atlantis'"):
        simulate(load_network(backup_network), scenario, draws=1, seed=0)


def test_scenario_errors_are_network_errors() -> None:
    assert issubclass(ScenarioError, NetworkError)
