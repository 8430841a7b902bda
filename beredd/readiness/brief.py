"""The brief for decision makers as a Word (.docx) or PDF file: the four steps and the gaps.

Both files are written from the same `brief_sections`, so they say the same as the page.
"""

import datetime
import io
from dataclasses import dataclass
from typing import Any

from django.utils import formats
from django.utils.translation import gettext as _

from beredd.accounts.models import Organisation
from beredd.core.files import pdf_text, plain_text

from .models import CriticalActivity
from .selectors import activities_with_rows, activity_overview, overview
from .steps import STEPS


@dataclass(frozen=True)
class Section:
    heading: str
    facts: list[tuple[str, str]]
    bullets: list[str]


def _date(value: datetime.date | None) -> str:
    return formats.date_format(value, "Y-m-d") if value else "–"


def _person(user, name: str = "") -> str:  # type: ignore[no-untyped-def]
    if user is not None:
        return user.get_full_name() or user.username
    return name


def brief_sections(activity: CriticalActivity, today: datetime.date) -> list[Section]:
    row = activity_overview(activity, today)
    gaps = Section(_("Gaps"), [], [str(gap.label) for gap in row.gaps] or [_("No gaps.")])
    analysis = Section(
        _("1 Analyse the conditions") + f" ({activity.get_analysis_status_display()})",
        [
            (_("Units"), str(row.units_count)),
            (_("Portions per day"), str(row.portions_per_day)),
        ],
        [
            f"{_('Dependency')}: {d} ({d.get_severity_display()})"
            for d in activity.dependencies.all()
        ]
        + [f"{_('Consequence')} {c}" for c in activity.consequences.all()]
        + [f"{_('Responsible')}: {r}" for r in activity.responsibles.all()],
    )
    decision = Section(
        _("2 Decide the path") + f" ({activity.get_decision_status_display()})",
        [
            (_("Path"), activity.get_path_display() or _("Not decided")),
            (_("Rationale"), activity.path_rationale or "–"),
            (_("Decided by"), _person(activity.decided_by, activity.decided_by_name) or "–"),
            (_("Decided on"), _date(activity.decided_on)),
        ],
        [],
    )
    preparation = Section(
        _("3 Prepare the organisation") + f" ({activity.get_preparation_status_display()})",
        [],
        [_checklist_line(item, today) for item in activity.checklist.all()],
    )
    communication = Section(
        _("4 Communicate to the organisation")
        + f" ({activity.get_communication_status_display()})",
        [],
        [
            f"{_date(c.communicated_on)}: {c.what} – {c.audience} ({c.channel or '–'})"
            for c in activity.communications.all()
        ],
    )
    return [gaps, analysis, decision, preparation, communication]


def _checklist_line(item, today: datetime.date) -> str:  # type: ignore[no-untyped-def]
    if item.done:
        state = _("done %(date)s") % {"date": _date(item.done_on)}
    elif item.due_date and item.due_date < today:
        state = _("OVERDUE, due %(date)s") % {"date": _date(item.due_date)}
    else:
        state = _("due %(date)s") % {"date": _date(item.due_date)}
    owner = _person(item.owner) or _("no owner")
    return f"{item.title} – {owner} – {state}"


def brief_docx(activity: CriticalActivity, today: datetime.date) -> bytes:
    from docx import Document

    document = Document()
    document.add_heading(plain_text(activity.name), level=0)
    document.add_paragraph(
        plain_text(
            _("Brief for decision makers, %(organisation)s, %(date)s")
            % {"organisation": activity.organisation.name, "date": _date(today)}
        )
    )
    _add_activity(document, activity, today, level=1)
    return _docx_bytes(document)


def _add_activity(
    document: Any, activity: CriticalActivity, today: datetime.date, level: int
) -> None:
    if activity.description:
        document.add_paragraph(plain_text(activity.description))
    for section in brief_sections(activity, today):
        document.add_heading(plain_text(section.heading), level=level)
        for label, value in section.facts:
            paragraph = document.add_paragraph()
            paragraph.add_run(f"{label}: ").bold = True
            paragraph.add_run(plain_text(value))
        for bullet in section.bullets:
            document.add_paragraph(plain_text(bullet), style="List Bullet")


def _docx_bytes(document: Any) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def overview_docx(organisation: Organisation, today: datetime.date) -> bytes:
    """All critical activities: a status table with the gaps, then each activity's brief."""
    from docx import Document

    result = overview(organisation, today, activities_with_rows(organisation))
    document = Document()
    document.add_heading(_("Overview for decision makers"), level=0)
    document.add_paragraph(plain_text(f"{organisation.name}, {_date(today)}"))
    headers = [_("Critical activity"), _("Units"), _("Portions per day")]
    headers += [str(step.title) for step in STEPS] + [_("Gaps")]
    table = document.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    for cell, header in zip(table.rows[0].cells, headers, strict=True):
        cell.text = header
    for row in result["rows"]:
        values = [row.activity.name, str(row.units_count), str(row.portions_per_day)]
        values += [label for _title, _status, label in row.statuses]
        values.append("; ".join(str(gap.label) for gap in row.gaps) or _("No gaps."))
        for cell, value in zip(table.add_row().cells, values, strict=True):
            cell.text = plain_text(value)
    for row in result["rows"]:
        document.add_page_break()
        document.add_heading(plain_text(row.activity.name), level=1)
        _add_activity(document, row.activity, today, level=2)
    return _docx_bytes(document)


def brief_pdf(activity: CriticalActivity, today: datetime.date) -> bytes:
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.add_page()
    width = pdf.epw

    def write(text: str, size: int = 11, style: str = "") -> None:
        pdf.set_font("Helvetica", style=style, size=size)
        pdf.multi_cell(width, size * 0.5, pdf_text(text), new_x="LMARGIN", new_y="NEXT")

    write(activity.name, 18, "B")
    write(
        _("Brief for decision makers, %(organisation)s, %(date)s")
        % {"organisation": activity.organisation.name, "date": _date(today)}
    )
    if activity.description:
        write(activity.description)
    for section in brief_sections(activity, today):
        pdf.ln(3)
        write(section.heading, 13, "B")
        for label, value in section.facts:
            write(f"{label}: {value}")
        for bullet in section.bullets:
            write(f"- {bullet}")
    return bytes(pdf.output())
