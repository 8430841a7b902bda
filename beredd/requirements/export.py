"""The library as an .xlsx workbook, one row per requirement version, in the user's language."""

from collections.abc import Iterable
from io import BytesIO

from django.db.models import TextChoices
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from beredd.core.files import append_text_row

from .models import CrisisLevel, Requirement, Verification


def _labels(codes: list[str], choices: type[TextChoices]) -> str:
    return ", ".join(str(choices(code).label) for code in codes if code in choices.values)


def _number(value: float | None) -> float | str:
    return "" if value is None else value


def requirements_xlsx(requirements: Iterable[Requirement]) -> bytes:
    """A workbook with one sheet; columns follow the fields of a requirement."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Requirements")[:31]
    header = [
        _("ID"), _("Title"), _("Text"), _("Area"), _("Type"), _("Level"), _("Verified by"),
        _("Evidence"), _("Follow-up"), _("Crisis levels"), _("Answer"), _("Parameter"),
        _("Unit"), _("Answer type"), _("Minimum"), _("Maximum"), _("Owned by"), _("Current"),
    ]  # fmt: skip
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for requirement in requirements:
        append_text_row(sheet, _row(requirement))
    for column, width in zip("ABCDEFGHIJ", (12, 40, 80, 22, 24, 12, 28, 40, 18, 28), strict=True):
        sheet.column_dimensions[column].width = width
    for row in sheet.iter_rows(min_row=2, min_col=2, max_col=3):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "B2"
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _row(requirement: Requirement) -> list:
    return [
        requirement.identifier,
        requirement.title,
        requirement.text,
        requirement.get_area_display(),
        requirement.get_requirement_type_display(),
        requirement.get_level_display(),
        _labels(requirement.verification, Verification),
        requirement.evidence,
        requirement.get_follow_up_display(),
        _labels(requirement.crisis_levels, CrisisLevel),
        requirement.answer_name,
        requirement.answer_parameter,
        requirement.answer_unit,
        requirement.get_answer_type_display() if requirement.answer_type else "",
        _number(requirement.answer_min),
        _number(requirement.answer_max),
        str(requirement.organisation) if requirement.organisation else _("Shared library"),
        _("Yes") if requirement.is_current else _("No"),
    ]
