"""The `beredd` command line: stress tests, time-to-survive and the scenario library."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NoReturn, TextIO

EXIT_INVALID = 2


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    if args_list[:1] == ["network"]:
        from beredd.network.cli import main as network_main

        return int(network_main(args_list[1:]) or 0)
    if args_list[:1] == ["audit"]:
        from beredd.audit.cli import main as audit_main

        return audit_main(args_list[1:])
    args = _parser().parse_args(args_list)
    from beredd.engine import NetworkError

    try:
        return int(args.run(args))
    except NetworkError as exc:
        print(f"beredd: {exc}", file=sys.stderr)
        return EXIT_INVALID


class _Parser(argparse.ArgumentParser):
    """argparse that says what is wrong in one line (no usage dump) and exits with 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_INVALID, f"{self.prog}: {message}\n")


def _bounded(low: int, high: int) -> Callable[[str], int]:
    """An argparse type: a whole number written in ASCII digits, from low to high."""

    def parse(text: str) -> int:
        digits = text.removeprefix("-")
        if not (digits.isascii() and digits.isdigit()):
            raise argparse.ArgumentTypeError(f"{text!r} is not a whole number")
        value = int(text)
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"must be from {low} to {high}, not {value}")
        return value

    return parse


def _days(text: str) -> float:
    from beredd.engine.limits import MAX_HORIZON_DAYS

    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not 0 < value <= MAX_HORIZON_DAYS:  # False for NaN too
        raise argparse.ArgumentTypeError(f"must be above 0 and at most {MAX_HORIZON_DAYS} days")
    return value


def _parser() -> argparse.ArgumentParser:
    from beredd.engine.limits import MAX_DRAWS, MAX_SEED, MAX_WORKERS

    draws, seed = _bounded(1, MAX_DRAWS), _bounded(0, MAX_SEED)
    workers = _bounded(1, MAX_WORKERS)
    parser = _Parser(prog="beredd", description="Beredd stress-test engine.")
    sub = parser.add_subparsers(dest="command", required=True)
    st = sub.add_parser("stresstest", help="simulate a scenario on a network")
    st.add_argument("network", type=Path)
    st.add_argument("scenario", help="scenario JSON file or library scenario id")
    st.add_argument("--draws", type=draws, default=1000)
    st.add_argument("--seed", type=seed, default=0)
    st.add_argument("--workers", type=workers, default=1)
    st.add_argument("--scheduler", help="Dask scheduler address, tcp://HOST:PORT")
    st.add_argument("--out", type=Path, help="write the summary JSON here")
    st.add_argument("--detail", type=Path, help="write SL and NS arrays (.npz) here")
    st.set_defaults(run=_stresstest)
    tts = sub.add_parser("tts", help="time-to-survive and risk exposure per supplier")
    tts.add_argument("network", type=Path)
    tts.add_argument("--horizon", type=_days, default=90.0)
    tts.add_argument("--workers", type=workers, default=1)
    tts.add_argument("--out", type=Path)
    tts.set_defaults(run=_tts)
    sc = sub.add_parser("scenarios", help="the scenario library")
    sc_sub = sc.add_subparsers(dest="action", required=True)
    ls = sc_sub.add_parser("list")
    ls.add_argument("--lang", choices=("sv", "en"), default="sv")
    ls.set_defaults(run=_scenarios_list)
    show = sc_sub.add_parser("show")
    show.add_argument("id")
    show.add_argument("--lang", choices=("sv", "en"), default="sv")
    show.set_defaults(run=_scenarios_show)
    sub.add_parser("network", help="network commands (beredd network export --org ORG)")
    sub.add_parser("audit", help="the audit log (beredd audit verify)")
    return parser


def _stresstest(args: argparse.Namespace) -> int:
    from beredd.engine import load_network, load_scenario, simulate, summarize

    network = load_network(args.network)
    scenario = load_scenario(args.scenario)
    _check_fits(args, units=len(network.units), horizon_days=scenario.horizon_days)
    with _progress(args.draws) as progress:
        result = simulate(
            network,
            scenario,
            draws=args.draws,
            seed=args.seed,
            workers=args.workers,
            scheduler=args.scheduler,
            progress=progress,
            keep_detail=args.detail is not None,
        )
    summary = summarize(network, scenario, result)
    if args.out:
        _write_json(args.out, summary)
    if args.detail:
        import numpy as np

        np.savez_compressed(
            args.detail,
            unit_ids=np.array(result.unit_ids),
            service_level=np.asarray(result.service_level),
            normal_share=np.asarray(result.normal_share),
        )
    _print_summary(summary, sys.stdout)
    return 0


def _check_fits(args: argparse.Namespace, *, units: int, horizon_days: int) -> None:
    """Refuse, before allocating, a run whose results would not fit in memory."""
    from beredd.engine import NetworkError
    from beredd.engine.limits import draws_that_fit, memory_bytes, run_bytes

    itemsize = 4 if args.detail is not None else 0  # SL and NS are kept as float32
    limit = memory_bytes()
    need = run_bytes(
        draws=args.draws, units=units, horizon_days=horizon_days, detail_itemsize=itemsize
    )
    if need > limit:
        fit = draws_that_fit(
            units=units, horizon_days=horizon_days, detail_itemsize=itemsize, limit=limit
        )
        raise NetworkError(
            "--draws",
            f"{args.draws} draws need about {need / 2**30:.1f} GB, more than the "
            f"{limit / 2**30:.1f} GB a run may take; at most {fit} draws fit",
        )


class _progress:
    """A tqdm bar on stderr only when stderr is a terminal."""

    def __init__(self, total: int) -> None:
        self.total, self.bar = total, None

    def __enter__(self) -> Callable[[int, int], None] | None:
        if not sys.stderr.isatty():
            return None
        from tqdm import tqdm

        self.bar = tqdm(total=self.total, unit="draw", file=sys.stderr)
        return self._update

    def _update(self, done: int, total: int) -> None:
        assert self.bar is not None
        self.bar.update(done - self.bar.n)

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.close()


def _print_summary(summary: dict[str, Any], out: TextIO) -> None:
    print(
        f"scenario {summary['scenario']}: {summary['draws']} draws, "
        f"{summary['horizon_days']} days, seed {summary['seed']}",
        file=out,
    )
    header = (
        f"{'unit type':<16}{'units':>6}{'P(all meet min)':>17}{'mean P(meet)':>14}"
        f"{'shortfall (portions)':>22}"
    )
    print(header, file=out)
    for kind, row in summary["by_type"].items():
        print(
            f"{kind:<16}{row['units']:>6}{row['p_all_meet_min']:>17.3f}"
            f"{row['mean_p_meet_min']:>14.3f}{row['shortfall_portions_mean']:>22.0f}",
            file=out,
        )


def _tts(args: argparse.Namespace) -> int:
    from beredd.engine import load_network, time_to_survive

    rows = [
        {
            "id": r.supplier_id,
            "tts_days": r.tts_days,
            "ttr_days": r.ttr_days,
            "pi": r.pi,
            "rei": r.rei,
            "needs_mitigation": r.needs_mitigation,
        }
        for r in time_to_survive(
            load_network(args.network), horizon_days=args.horizon, workers=args.workers
        )
    ]
    if args.out:
        _write_json(args.out, rows)
    print(f"{'supplier':<16}{'TTS':>8}{'TTR':>8}{'PI':>14}{'REI':>7}")
    for r in rows:
        flag = "  mitigate" if r["needs_mitigation"] else ""
        print(
            f"{r['id']:<16}{r['tts_days']:>8.2f}{r['ttr_days']:>8.1f}{r['pi']:>14.0f}"
            f"{r['rei']:>7.3f}{flag}"
        )
    return 0


def _scenarios_list(args: argparse.Namespace) -> int:
    from beredd.engine import scenario_library

    for info in scenario_library(args.lang):
        print(f"{info.id:<30}{info.horizon_days:>4} d  {info.name}")
    return 0


def _scenarios_show(args: argparse.Namespace) -> int:
    from beredd.engine import NetworkError, scenario_library

    for info in scenario_library(args.lang):
        if info.id == args.id:
            print(f"{info.name}\n\n{info.rationale}\n")
            print(json.dumps(info.data, ensure_ascii=False, indent=2))
            return 0
    raise NetworkError("$", f"no library scenario {args.id!r}")


def _write_json(path: Path, data: object) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    raise SystemExit(main())
