"""Downloads of a finished run: an Excel workbook and a JSON file with results and inputs."""

import io
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from beredd.core.files import append_text_row
from beredd.stresstests.models import StressTestRun
from beredd.stresstests.selectors import CAUSE_LABELS, type_label


def run_json(run: StressTestRun) -> dict[str, Any]:
    """Everything needed to check or repeat the run: the exact inputs and the results."""
    return {
        "run": {
            "id": run.pk,
            "name": run.name,
            "created_at": run.created_at.isoformat(),
            "status": run.status,
        },
        "inputs": {
            "network": run.network,
            "scenarios": run.scenarios,
            "draws": run.draws,
            "seed": run.seed,
            "tts_horizon_days": run.tts_horizon_days,
        },
        "summary": run.summary,
    }


def run_xlsx(run: StressTestRun) -> bytes:
    """Sheets Units, Unit types, Suppliers TTS and Causes (one row per scenario and item)."""
    book = Workbook()
    units = book.active
    units.title = _("Units")
    _sheet_rows(units, _unit_header(), _unit_rows(run))
    _sheet_rows(book.create_sheet(_("Unit types")), _type_header(), _type_rows(run))
    _sheet_rows(book.create_sheet(_("Suppliers TTS")), _tts_header(), _tts_rows(run))
    _sheet_rows(book.create_sheet(_("Causes")), _cause_header(run), _cause_rows(run))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _sheet_rows(sheet: Any, header: list[str], rows: list[list[Any]]) -> None:
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        append_text_row(sheet, row)
    sheet.freeze_panes = "A2"


def _scenarios(run: StressTestRun) -> list[dict[str, Any]]:
    return run.summary.get("scenarios", [])


def _unit_header() -> list[str]:
    return [
        _("Scenario"),
        _("Unit"),
        _("Name"),
        _("Unit type"),
        _("Criticality"),
        _("Probability of meeting the minimum"),
        _("Typical first day below the minimum"),
        _("Worst day service level, 10th percentile"),
        _("Shortfall (portions)"),
    ]


def _unit_rows(run: StressTestRun) -> list[list[Any]]:
    return [
        [
            s["id"],
            u["id"],
            u["name"],
            type_label(u["type"]),
            u["criticality"],
            u["p_meet_min"],
            u["first_breach_day"],
            u["worst_day_sl_p10"],
            u["shortfall_portions"],
        ]
        for s in _scenarios(run)
        for u in s["units"]
    ]


def _type_header() -> list[str]:
    return [
        _("Scenario"),
        _("Unit type"),
        _("Units"),
        _("Probability of meeting the minimum (mean of the units)"),
        _("Probability that every unit meets the minimum"),
        _("Shortfall (portions)"),
    ]


def _type_rows(run: StressTestRun) -> list[list[Any]]:
    return [
        [
            s["id"],
            type_label(t["type"]),
            t["units"],
            t["p_meet_min"],
            t["p_all_meet_min"],
            t["shortfall_portions"],
        ]
        for s in _scenarios(run)
        for t in s["by_type"]
    ]


def _tts_header() -> list[str]:
    return [
        _("Supplier"),
        _("Name"),
        _("Time to survive (days)"),
        _("Time to recover (days)"),
        _("Performance impact"),
        _("Risk exposure index"),
        _("Needs mitigation"),
    ]


def _tts_rows(run: StressTestRun) -> list[list[Any]]:
    return [
        [
            r["supplier_id"],
            r["name"],
            r["tts_days"],
            r["ttr_days"],
            r["pi"],
            r["rei"],
            _("Yes") if r["needs_mitigation"] else _("No"),
        ]
        for r in run.summary.get("tts", [])
    ]


def _cause_names(run: StressTestRun) -> list[str]:
    for scenario in _scenarios(run):
        for row in scenario["causes"]:
            return list(row["shares"])
    return []


def _cause_header(run: StressTestRun) -> list[str]:
    labels = [str(CAUSE_LABELS.get(code, code)) for code in _cause_names(run)]
    return [_("Scenario"), _("Supplier"), _("Name"), _("Limited days per draw"), *labels]


def _cause_rows(run: StressTestRun) -> list[list[Any]]:
    names = _cause_names(run)
    return [
        [
            s["id"],
            r["supplier_id"],
            r["name"],
            r["limited_days_per_draw"],
            *(r["shares"][c] for c in names),
        ]
        for s in _scenarios(run)
        for r in s["causes"]
    ]
