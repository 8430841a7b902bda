"""The tender documents as an editable Word file (python-docx): headings, tables, plain styles."""

from io import BytesIO

from django.utils.translation import gettext as _
from docx import Document
from docx.document import Document as DocxDocument

from beredd.procurement.documents.content import (
    TenderDocument,
    example_headers,
    requirement_headers,
)


def _table(document: DocxDocument, headers: list[str], rows: list[list[str]]) -> None:
    table = document.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, headers, strict=True):
        cell.text = text
        for run in cell.paragraphs[0].runs:
            run.bold = True
    for row in rows:
        for cell, text in zip(table.add_row().cells, row, strict=True):
            cell.text = text


def _lots(document: DocxDocument, doc: TenderDocument) -> None:
    document.add_heading(_("Lots"), level=1)
    for lot in doc.lots:
        document.add_heading(_("Lot %(number)s: %(title)s") % vars(lot), level=2)
        if lot.description:
            document.add_paragraph(lot.description)
        facts = [
            [_("Lot by"), lot.basis],
            [_("Meal units"), lot.units],
            [_("Food categories"), ", ".join(lot.categories)],
            [_("Daily volume (portion-equivalents)"), lot.pe_per_day],
            [_("Estimated value"), lot.value],
            [_("Reserved for small firms"), _("Yes") if lot.reserved_for_sme else _("No")],
        ]
        _table(document, [_("Fact"), _("Value")], facts)
        document.add_heading(_("Requirements of lot %(number)s") % vars(lot), level=3)
        rows = [
            [r.identifier, f"{r.title}\n{r.text}", r.type, r.verification, r.evidence, r.deduction]
            for r in lot.requirements
        ]
        _table(document, requirement_headers(), rows)


def _evaluation(document: DocxDocument, doc: TenderDocument) -> None:
    document.add_heading(_("Evaluation model"), level=1)
    document.add_paragraph(doc.evaluation_model)
    for text in doc.evaluation_text:
        document.add_paragraph(text)
    document.add_heading(_("Worked example"), level=2)
    document.add_paragraph(_("Three fictional bids show how the model ranks bids."))
    _table(document, example_headers(), doc.example_rows)


def _stress_test(document: DocxDocument, doc: TenderDocument) -> None:
    document.add_heading(_("Stress-test scenarios"), level=1)
    for scenario in doc.scenarios:
        document.add_heading(f"{scenario.name} ({scenario.id})", level=2)
        if scenario.rationale:
            document.add_paragraph(scenario.rationale)
    document.add_heading(_("How the stress-test result is used"), level=2)
    for text in doc.stress_test_use:
        document.add_paragraph(text)


def _contract(document: DocxDocument, doc: TenderDocument) -> None:
    document.add_heading(_("Contract terms"), level=1)
    for text in doc.contract_terms:
        document.add_paragraph(text)
    document.add_heading(_("Escalation by crisis level"), level=2)
    rows = [[s.level, s.duty, "\n".join(s.requirements) or "–"] for s in doc.escalation]
    _table(document, [_("Crisis level"), _("Delivery obligations"), _("Requirements")], rows)


def render_docx(doc: TenderDocument) -> bytes:
    document = Document()
    document.core_properties.title = doc.title
    document.add_heading(doc.title, level=0)
    document.add_paragraph(_("Tender documents") + f" – {doc.organisation}")
    if doc.reference:
        document.add_paragraph(_("Reference number") + f": {doc.reference}")
    document.add_heading(_("Background"), level=1)
    document.add_paragraph(doc.background or "–")
    document.add_heading(_("Scope"), level=1)
    _table(document, [_("Fact"), _("Value")], [list(row) for row in doc.scope])
    _lots(document, doc)
    _evaluation(document, doc)
    _stress_test(document, doc)
    _contract(document, doc)
    document.add_heading(_("Timeline"), level=1)
    _table(document, [_("Step"), _("Date")], [list(row) for row in doc.timeline])
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()
