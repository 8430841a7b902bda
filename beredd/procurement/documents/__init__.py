"""Tender documents (förfrågningsunderlag): one content builder, rendered as HTML, .docx and PDF."""
