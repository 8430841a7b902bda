"""The `beredd` command line: stresstest, tts, scenarios, and exit code 2 on bad input."""

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from beredd.cli import main
from beredd.engine.generate import generate_network

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def network_file(tmp_path: Path) -> Path:
    data = generate_network(np.random.default_rng(2), units=20, suppliers=4, categories=3)
    path = tmp_path / "network.json"
    path.write_text(json.dumps(data))
    return path


def test_stresstest_writes_a_summary_and_detail_arrays(
    network_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out, detail = tmp_path / "summary.json", tmp_path / "arrays.npz"
    code = main(
        [
            "stresstest",
            str(network_file),
            "power-outage-long",
            "--draws",
            "8",
            "--seed",
            "3",
            "--out",
            str(out),
            "--detail",
            str(detail),
        ]
    )
    assert code == 0
    summary = json.loads(out.read_text())
    assert summary["draws"] == 8 and summary["horizon_days"] == 30
    assert len(summary["units"]) == 20
    assert {
        "p_meet_min",
        "first_breach_day",
        "worst_day_sl",
        "shortfall_portions",
        "loss_area",
    } <= set(summary["units"][0])
    with np.load(detail) as arrays:
        assert set(arrays.files) == {"unit_ids", "service_level", "normal_share"}
        assert arrays["service_level"].shape == (8, 30, 20)
        assert arrays["normal_share"].shape == (8, 30, 20)
        assert arrays["unit_ids"].tolist() == [
            u["id"] for u in json.loads(network_file.read_text())["units"]
        ]
    printed = capsys.readouterr()
    assert "scenario power-outage-long" in printed.out
    assert printed.err == ""  # no progress bar when stderr is not a terminal


def test_stresstest_accepts_a_scenario_file_and_workers(
    network_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    scenario = tmp_path / "scenario.json"
    scenario.write_text(
        json.dumps(
            {
                "id": "mine",
                "horizon_days": 4,
                "events": [
                    {"type": "pandemic", "absence": 0.5, "start_day": 0, "duration_days": 4}
                ],
            }
        )
    )
    out = tmp_path / "s.json"
    assert (
        main(
            [
                "stresstest",
                str(network_file),
                str(scenario),
                "--draws",
                "4",
                "--workers",
                "2",
                "--out",
                str(out),
            ]
        )
        == 0
    )
    assert json.loads(out.read_text())["scenario"] == "mine"


def test_tts_writes_one_row_per_supplier(network_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "tts.json"
    assert main(["tts", str(network_file), "--horizon", "30", "--out", str(out)]) == 0
    rows = json.loads(out.read_text())
    assert [r["id"] for r in rows] == ["S0", "S1", "S2", "S3"]
    assert set(rows[0]) >= {"id", "tts_days", "ttr_days", "pi", "rei"}
    assert all(0 <= r["tts_days"] <= 30 and 0 <= r["rei"] <= 1 for r in rows)


def test_scenarios_list_and_show(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["scenarios", "list", "--lang", "en"]) == 0
    listed = capsys.readouterr().out
    assert "power-outage-long" in listed and "heightened-alert-90d" in listed
    assert main(["scenarios", "show", "pandemic-wave"]) == 0
    shown = capsys.readouterr().out
    assert "Pandemivåg" in shown and '"type": "pandemic"' in shown


@pytest.mark.parametrize(
    "argv",
    [
        ["scenarios", "show", "no-such-scenario"],
        ["stresstest", "{network}", "no-such-scenario"],
        ["tts", "{bad}"],
    ],
)
def test_invalid_input_exits_with_code_2_and_a_message(
    argv: list[str], network_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(
        json.dumps(
            {
                "categories": [{"id": "dry"}],
                "menus": {"normal": {}},
                "units": [],
                "suppliers": [{"id": "S", "capacity_per_day": -1}],
                "assignments": [],
            }
        )
    )
    args = [a.format(network=network_file, bad=bad) for a in argv]
    assert main(args) == 2
    err = capsys.readouterr().err
    assert err.startswith("beredd: ") and "Traceback" not in err


def test_a_bad_network_message_names_the_json_path(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.json"
    data: dict[str, Any] = generate_network(
        np.random.default_rng(0), units=3, suppliers=2, categories=1
    )
    data["units"][2]["stock_days"]["dry"] = -2
    bad.write_text(json.dumps(data))
    assert main(["tts", str(bad)]) == 2
    assert capsys.readouterr().err == "beredd: units[2].stock_days.dry: must be >= 0\n"


def test_the_module_runs_as_a_script_and_fails_cleanly(tmp_path: Path) -> None:
    bad = tmp_path / "broken.json"
    bad.write_text("{not json")
    run = subprocess.run(
        [sys.executable, "-m", "beredd.cli", "tts", str(bad)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.returncode == 2
    assert "$: invalid JSON at line 1" in run.stderr
    assert "Traceback" not in run.stderr


def test_the_network_subcommand_hands_the_rest_of_argv_to_the_network_cli(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import types

    seen: list[list[str]] = []
    fake = types.ModuleType("beredd.network.cli")
    fake.main = lambda argv: seen.append(list(argv)) or 0  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "beredd.network.cli", fake)
    assert main(["network", "export", "--org", "ekby"]) == 0
    assert seen == [["export", "--org", "ekby"]]
