"""RFI answers as an .xlsx workbook for the buyer: one row per supplier."""

from io import BytesIO

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from beredd.core.files import append_text_row
from beredd.dialogue.models import RequestForInformation
from beredd.dialogue.selectors import rfi_answers


def rfi_answers_xlsx(rfi: RequestForInformation) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Answers")[:31]
    headers = [
        _("Supplier"),
        _("Organisation number"),
        _("Size class"),
        _("Answered by"),
        _("Last changed"),
        _("Answer"),
    ]
    sheet.append(headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for answer in rfi_answers(rfi):
        supplier = answer.organisation
        person = answer.answered_by
        append_text_row(
            sheet,
            [
                supplier.name,
                supplier.org_number,
                supplier.get_size_class_display(),
                (person.get_full_name() or person.username) if person else "",
                timezone.localtime(answer.updated_at).strftime("%Y-%m-%d %H:%M"),
                answer.text,
            ],
        )
    for column, width in zip("ABCDEF", (30, 16, 20, 22, 18, 80), strict=True):
        sheet.column_dimensions[column].width = width
    for row in sheet.iter_rows(min_row=2, min_col=6, max_col=6):
        row[0].alignment = Alignment(wrap_text=True, vertical="top")
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
