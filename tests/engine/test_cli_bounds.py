"""The command line refuses absurd or broken input with exit 2 and one line naming the
problem: bad counts, non-finite numbers, huge values, deep nesting, non-UTF-8 files and runs
that would not fit in memory (refused before anything is allocated)."""

import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from beredd.cli import main
from beredd.engine import limits
from beredd.engine.generate import generate_network


@pytest.fixture
def network_data() -> dict[str, Any]:
    return generate_network(np.random.default_rng(2), units=20, suppliers=4, categories=3)


@pytest.fixture
def network_file(tmp_path: Path, network_data: dict[str, Any]) -> Path:
    path = tmp_path / "network.json"
    path.write_text(json.dumps(network_data))
    return path


def refusal(argv: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    """Run the CLI, expect exit 2, and return its one line of error."""
    with pytest.raises(SystemExit) as exited:
        code = main(argv)
        raise SystemExit(code)
    assert exited.value.code == 2
    captured = capsys.readouterr()
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1, captured.err
    assert "Traceback" not in captured.err
    return lines[0]


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("--draws", "0", "argument --draws: must be from 1 to 1000000, not 0"),
        ("--draws", "-5", "argument --draws: must be from 1 to 1000000, not -5"),
        ("--draws", "1e9", "argument --draws: '1e9' is not a whole number"),
        ("--draws", "²", "argument --draws: '²' is not a whole number"),
        ("--seed", "-1", "argument --seed: must be from 0 to 9223372036854775807, not -1"),
        ("--workers", "1000", "argument --workers: must be from 1 to 64, not 1000"),
    ],
)
def test_a_count_out_of_bounds_is_refused_naming_the_option(
    network_file: Path, option: str, value: str, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    line = refusal(["stresstest", str(network_file), "power-outage-long", option, value], capsys)
    assert line == f"beredd stresstest: {message}"


@pytest.mark.parametrize("horizon", ["nan", "inf", "0", "4000"])
def test_a_tts_horizon_that_is_not_a_sane_number_of_days_is_refused(
    network_file: Path, horizon: str, capsys: pytest.CaptureFixture[str]
) -> None:
    line = refusal(["tts", str(network_file), "--horizon", horizon], capsys)
    assert line == "beredd tts: argument --horizon: must be above 0 and at most 3650 days"


@pytest.mark.parametrize(
    ("number", "shown"), [("NaN", "NaN"), ("Infinity", "Infinity"), ("1e999", "1e999")]
)
def test_a_non_finite_number_in_a_network_file_is_refused(
    network_file: Path, tmp_path: Path, number: str, shown: str, capsys: pytest.CaptureFixture[str]
) -> None:
    text = network_file.read_text().replace(
        '"portions_per_day": ', f'"portions_per_day": {number}, "x": ', 1
    )
    bad = tmp_path / "bad.json"
    bad.write_text(text)
    line = refusal(["stresstest", str(bad), "power-outage-long"], capsys)
    assert line == f"beredd: $: {shown} is not a finite number"


def test_absurd_portions_are_refused_with_the_json_path(
    network_data: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    network_data["units"][3]["portions_per_day"] = 10**26
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(network_data))
    line = refusal(["stresstest", str(bad), "power-outage-long"], capsys)
    assert line == "beredd: units[3].portions_per_day: must be <= 1000000"


def test_deep_nesting_is_refused_without_a_recursion_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "deep.json"
    bad.write_text('{"categories": ' + "[" * 100_000 + "]" * 100_000 + "}")
    line = refusal(["stresstest", str(bad), "power-outage-long"], capsys)
    assert line == "beredd: $: nested more than 32 levels deep"


def test_a_file_that_is_not_utf8_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "latin1.json"
    bad.write_bytes('{"categories": [{"id": "kött"}]}'.encode("latin-1"))
    line = refusal(["stresstest", str(bad), "power-outage-long"], capsys)
    assert line == f"beredd: $: {bad} is not UTF-8 text (byte 25)"


def test_a_horizon_beyond_ten_years_is_refused_in_a_scenario_file(
    network_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    scenario = tmp_path / "long.json"
    scenario.write_text(json.dumps({"horizon_days": 100_000, "events": []}))
    line = refusal(["stresstest", str(network_file), str(scenario)], capsys)
    assert line == "beredd: horizon_days: must be <= 3650"


def test_a_run_that_would_not_fit_in_memory_is_refused_before_allocating(
    network_file: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    # 20 units, 30 days, detail as float32: 20 * (20 + 2 * 30 * 4) = 5,200 bytes a draw.
    monkeypatch.setattr(limits, "memory_bytes", lambda: 52_000)
    argv = ["stresstest", str(network_file), "power-outage-long", "--draws", "1000"]
    line = refusal([*argv, "--detail", str(tmp_path / "d.npz")], capsys)
    horizon = 30
    per_draw = limits.run_bytes(draws=1, units=20, horizon_days=horizon, detail_itemsize=4)
    assert per_draw == 5_200
    assert line.startswith("beredd: --draws: 1000 draws need about")
    assert line.endswith("at most 10 draws fit")
    assert not (tmp_path / "d.npz").exists()
