"""Tender document views: open to everyone once published, to the organisation's buyers before.

A draft is 404 for anyone outside the organisation (anonymous users included), so that
nobody learns that it exists.
"""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.text import slugify

from beredd.core.files import docx_response, pdf_response
from beredd.procurement.documents.content import (
    example_headers,
    requirement_headers,
    tender_document,
)
from beredd.procurement.documents.docx import render_docx
from beredd.procurement.documents.pdf import render_pdf
from beredd.procurement.models import Procurement


def readable_procurement(request: HttpRequest, pk: int) -> Procurement:
    procurement = get_object_or_404(Procurement.objects.select_related("organisation"), pk=pk)
    if procurement.is_public:
        return procurement
    user = request.user
    organisation = getattr(user, "organisation", None) if user.is_authenticated else None
    if organisation is None or organisation.pk != procurement.organisation_id:
        raise Http404
    return procurement


def _filename(procurement: Procurement, extension: str) -> str:
    return f"{slugify(procurement.title) or 'procurement'}.{extension}"


def document_html(request: HttpRequest, pk: int) -> HttpResponse:
    procurement = readable_procurement(request, pk)
    context = {
        "procurement": procurement,
        "doc": tender_document(procurement),
        "example_headers": example_headers(),
        "requirement_headers": requirement_headers(),
    }
    return render(request, "procurement/document.html", context)


def document_docx(request: HttpRequest, pk: int) -> HttpResponse:
    procurement = readable_procurement(request, pk)
    content = render_docx(tender_document(procurement))
    return docx_response(content, _filename(procurement, "docx"))


def document_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    procurement = readable_procurement(request, pk)
    content = render_pdf(tender_document(procurement))
    return pdf_response(content, _filename(procurement, "pdf"))
