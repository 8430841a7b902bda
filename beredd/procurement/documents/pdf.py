"""The tender documents as PDF (fpdf2, core Helvetica font, so text is kept to Latin-1)."""

from typing import cast

from django.utils.translation import gettext as _
from fpdf import FPDF
from fpdf.fonts import FontFace

from beredd.core.files import pdf_text
from beredd.procurement.documents.content import (
    TenderDocument,
    example_headers,
    requirement_headers,
)


class TenderPdf(FPDF):
    def heading(self, text: str, level: int = 1) -> None:
        size = {0: 18, 1: 14, 2: 12, 3: 11}[level]
        self.set_font("Helvetica", "B", size)
        self.ln(3)
        self.multi_cell(0, size * 0.5, pdf_text(text), new_x="LMARGIN", new_y="NEXT")
        self.set_font("Helvetica", "", 10)

    def paragraph(self, text: str) -> None:
        self.multi_cell(0, 5, pdf_text(text), new_x="LMARGIN", new_y="NEXT")
        self.ln(1)

    def grid(
        self, headers: list[str], rows: list[list[str]], widths: tuple[int, ...] | None = None
    ) -> None:
        self.set_font("Helvetica", "", 8)
        headers = [pdf_text(text) for text in headers]
        rows = [[pdf_text(text or "") for text in row] for row in rows]
        if not self._rows_fit(rows, widths or (1,) * len(headers)):
            self._row_paragraphs(headers, rows)
            return
        style = FontFace(emphasis="BOLD")
        with self.table(headings_style=style, line_height=4, col_widths=widths) as table:
            table.row(headers)
            for row in rows:
                table.row(row)
        self.set_font("Helvetica", "", 10)

    def _rows_fit(self, rows: list[list[str]], widths: tuple[int, ...]) -> bool:
        """False when a row would be taller than a page: fpdf2 cannot split a table row."""
        limit_mm = (self.h - self.t_margin - self.b_margin) * 0.8
        scale = self.epw / sum(widths)
        for row in rows:
            for text, width in zip(row, widths, strict=False):
                lines = cast(
                    list[str],
                    self.multi_cell(
                        width * scale - 2 * self.c_margin, 4, text, dry_run=True, output="LINES"
                    ),
                )
                if len(lines) * 4 > limit_mm:
                    return False
        return True

    def _row_paragraphs(self, headers: list[str], rows: list[list[str]]) -> None:
        """A table too tall for a page, as one paragraph per cell (long requirement texts)."""
        self.set_font("Helvetica", "", 10)
        for row in rows:
            self.ln(2)
            for header, text in zip(headers, row, strict=False):
                self.set_font("Helvetica", "B", 10)
                self.multi_cell(0, 5, header, new_x="LMARGIN", new_y="NEXT")
                self.set_font("Helvetica", "", 10)
                self.paragraph(text or "-")


def _lots(pdf: TenderPdf, doc: TenderDocument) -> None:
    pdf.heading(_("Lots"))
    for lot in doc.lots:
        pdf.heading(_("Lot %(number)s: %(title)s") % vars(lot), 2)
        if lot.description:
            pdf.paragraph(lot.description)
        facts = [
            [_("Meal units"), lot.units],
            [_("Food categories"), ", ".join(lot.categories)],
            [_("Daily volume (portion-equivalents)"), lot.pe_per_day],
            [_("Estimated value"), lot.value],
            [_("Reserved for small firms"), _("Yes") if lot.reserved_for_sme else _("No")],
        ]
        pdf.grid([_("Fact"), _("Value")], facts, (35, 65))
        rows = [
            [r.identifier, f"{r.title}\n{r.text}", r.type, r.verification, r.evidence, r.deduction]
            for r in lot.requirements
        ]
        pdf.grid(requirement_headers(), rows, (16, 64, 24, 24, 36, 16))


def render_pdf(doc: TenderDocument) -> bytes:
    pdf = TenderPdf(format="A4")
    pdf.set_title(pdf_text(doc.title))
    pdf.add_page()
    pdf.heading(doc.title, 0)
    pdf.paragraph(_("Tender documents") + f" - {doc.organisation}")
    pdf.heading(_("Background"))
    pdf.paragraph(doc.background or "-")
    pdf.heading(_("Scope"))
    pdf.grid([_("Fact"), _("Value")], [list(row) for row in doc.scope])
    _lots(pdf, doc)
    pdf.heading(_("Evaluation model"))
    for text in [doc.evaluation_model, *doc.evaluation_text]:
        pdf.paragraph(text)
    pdf.heading(_("Worked example"), 2)
    pdf.grid(example_headers(), doc.example_rows)
    pdf.heading(_("Stress-test scenarios"))
    for scenario in doc.scenarios:
        pdf.paragraph(f"{scenario.name} ({scenario.id}). {scenario.rationale}")
    pdf.heading(_("How the stress-test result is used"), 2)
    for text in doc.stress_test_use:
        pdf.paragraph(text)
    pdf.heading(_("Contract terms"))
    for text in doc.contract_terms:
        pdf.paragraph(text)
    rows = [[s.level, s.duty, "\n".join(s.requirements) or "-"] for s in doc.escalation]
    pdf.grid([_("Crisis level"), _("Delivery obligations"), _("Requirements")], rows, (20, 50, 30))
    pdf.heading(_("Timeline"))
    pdf.grid([_("Step"), _("Date")], [list(row) for row in doc.timeline])
    return bytes(pdf.output())
