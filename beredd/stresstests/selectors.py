"""Reading runs and turning their stored summaries into what the pages show."""

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from beredd.accounts.access import org_objects
from beredd.accounts.models import Organisation, User
from beredd.network.models import UnitType
from beredd.stresstests.models import RunStatus, StressTestRun

CHART_W, CHART_H, PAD_L, PAD_B, PAD_T, PAD_R = 640, 260, 48, 36, 12, 12
# Colour and dash pattern both differ, so lines can be told apart without colour.
LINE_STYLES = [
    ("#1f5fa8", ""),
    ("#b3470b", "6 4"),
    ("#2b7a3d", "2 3"),
    ("#7a3b8f", "10 3 2 3"),
    ("#6b6b00", "1 2"),
    ("#a3123a", "8 2"),
]


def type_label(code: str) -> str:
    """The unit type's name in the user's language (the engine only knows codes)."""
    return str(dict(UnitType.choices).get(code, code))


def runs_for(*, organisation: Organisation) -> QuerySet[StressTestRun]:
    return org_objects(StressTestRun, organisation).select_related("created_by")


def finished_runs_for(*, organisation: Organisation) -> QuerySet[StressTestRun]:
    return runs_for(organisation=organisation).filter(status=RunStatus.DONE)


@dataclass(frozen=True)
class ChartLine:
    label: str
    points: str
    colour: str
    dash: str


def sl_chart(scenario: dict[str, Any]) -> dict[str, Any]:
    """Mean service level per day and unit type as SVG polylines (y: 0..100 %)."""
    series: dict[str, list[float]] = scenario["mean_sl_by_type"]
    days = max((len(v) for v in series.values()), default=1)
    plot_w, plot_h = CHART_W - PAD_L - PAD_R, CHART_H - PAD_T - PAD_B

    def x(day: float) -> float:
        return round(PAD_L + plot_w * day / max(days - 1, 1), 1)

    def y(level: float) -> float:
        return round(PAD_T + plot_h * (1 - level), 1)

    lines = [
        ChartLine(
            label=type_label(unit_type),
            points=" ".join(f"{x(d)},{y(v)}" for d, v in enumerate(values)),
            colour=LINE_STYLES[i % len(LINE_STYLES)][0],
            dash=LINE_STYLES[i % len(LINE_STYLES)][1],
        )
        for i, (unit_type, values) in enumerate(series.items())
    ]
    step = max(1, (days - 1) // 6 or 1)
    return {
        "width": CHART_W,
        "height": CHART_H,
        "lines": lines,
        "y_ticks": [{"y": y(v / 100), "label": v} for v in (0, 25, 50, 75, 100)],
        "x_ticks": [{"x": x(d), "label": d} for d in range(0, days, step)],
        "left": PAD_L,
        "right": CHART_W - PAD_R,
        "bottom": CHART_H - PAD_B,
        "table": [{"day": d, "values": [series[t][d] for t in series]} for d in range(days)],
        "types": [type_label(t) for t in series],
    }


def units_at_risk(scenario: dict[str, Any], *, limit: int = 10) -> list[dict[str, Any]]:
    """Units least likely to meet their minimum, earliest breach first among equals."""
    rows = [{**u, "type_label": type_label(u["type"])} for u in scenario["units"]]
    rows = [u for u in rows if u["p_meet_min"] < 1]
    rows.sort(key=lambda u: (u["p_meet_min"], u["first_breach_day"] or 10**6, u["id"]))
    return rows[:limit]


CAUSE_LABELS = {
    "none": _("Not limited"),
    "stock": _("Stock"),
    "staff": _("Staff"),
    "fuel": _("Fuel"),
    "power": _("Power"),
    "it": _("IT"),
    "failure": _("Supplier failure"),
}


def localised(text: str | dict[str, str] | None, fallback: str = "") -> str:
    """A text the engine gives as {"sv": ..., "en": ...} in the current language."""
    if isinstance(text, dict):
        lang = (get_language() or "sv")[:2]
        return text.get(lang) or text.get("sv") or next(iter(text.values()), fallback)
    return text or fallback


def cause_table(scenario: dict[str, Any]) -> dict[str, Any]:
    codes = list(scenario["causes"][0]["shares"]) if scenario["causes"] else []
    return {
        "labels": [CAUSE_LABELS.get(code, code) for code in codes],
        "rows": [
            {**row, "cells": [row["shares"][code] for code in codes]} for row in scenario["causes"]
        ],
    }


def scenario_views(run: StressTestRun) -> list[dict[str, Any]]:
    inputs = {s.get("id"): s for s in run.scenarios}
    return [
        {
            "data": scenario,
            "title": localised(scenario.get("name"), scenario["id"]),
            "rationale": localised(inputs.get(scenario["id"], {}).get("rationale")),
            "chart": sl_chart(scenario),
            "at_risk": units_at_risk(scenario),
            "by_type": [{**t, "label": type_label(t["type"])} for t in scenario["by_type"]],
            "causes": cause_table(scenario),
        }
        for scenario in run.summary.get("scenarios", [])
    ]


def compare_runs(first: StressTestRun, second: StressTestRun) -> dict[str, Any]:
    """Per scenario (matched by id) and unit type: both runs' numbers and the change."""
    second_by_id = {s["id"]: s for s in second.summary.get("scenarios", [])}
    scenarios = []
    for a in first.summary.get("scenarios", []):
        b = second_by_id.get(a["id"])
        if b is None:
            continue
        b_types = {row["type"]: row for row in b["by_type"]}
        rows = []
        for row in a["by_type"]:
            other = b_types.get(row["type"])
            if other:
                rows.append(_change_row(row, other))
        scenarios.append({"id": a["id"], "name": localised(a.get("name"), a["id"]), "rows": rows})
    return {"scenarios": scenarios, "tts": _tts_changes(first, second)}


def _change_row(a: dict[str, Any], b: dict[str, Any]) -> dict[str, Any]:
    return {
        "type": a["type"],
        "label": type_label(a["type"]),
        "p_a": a["p_meet_min"],
        "p_b": b["p_meet_min"],
        "p_change": _difference(a["p_meet_min"], b["p_meet_min"], 4),
        "short_a": a["shortfall_portions"],
        "short_b": b["shortfall_portions"],
        "short_change": _difference(a["shortfall_portions"], b["shortfall_portions"], 1),
    }


def _tts_changes(first: StressTestRun, second: StressTestRun) -> list[dict[str, Any]]:
    b_rows = {row["supplier_id"]: row for row in second.summary.get("tts", [])}
    rows = []
    for row in first.summary.get("tts", []):
        other = b_rows.get(row["supplier_id"])
        if other:
            change = _difference(row["tts_days"], other["tts_days"], 2)
            rows.append({"a": row, "b": other, "change": change})
    return rows


def _difference(a: float | None, b: float | None, digits: int) -> float | None:
    """b - a; None when either is unknown (a summary stores infinite numbers as None)."""
    if a is None or b is None:
        return None
    return round(b - a, digits)


# A second identical start within this time is a double click, not a new run.
DOUBLE_SUBMIT_WINDOW = timedelta(seconds=30)


def just_started(
    *,
    organisation: Organisation,
    user: User,
    name: str,
    scenarios: list[dict[str, Any]],
    draws: int,
    seed: int,
) -> StressTestRun | None:
    """The same run started by the same person moments ago (a double click), if any."""
    recent = StressTestRun.objects.filter(
        organisation=organisation,
        created_by=user,
        name=name,
        draws=draws,
        seed=seed,
        rerun_of__isnull=True,
        created_at__gte=timezone.now() - DOUBLE_SUBMIT_WINDOW,
    ).order_by("-created_at", "-pk")
    return next((run for run in recent if run.scenarios == scenarios), None)
