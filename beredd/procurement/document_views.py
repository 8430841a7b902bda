"""Tender document views: open to everyone once published, to the organisation's buyers before.

A draft is 404 for anyone outside the organisation (anonymous users included), so that
nobody learns that it exists.
"""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.text import slugify

from beredd.procurement.documents.content import (
    example_headers,
    requirement_headers,
    tender_document,
)
from beredd.procurement.documents.docx import render_docx
from beredd.procurement.documents.pdf import render_pdf
from beredd.procurement.models import Procurement

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def readable_procurement(request: HttpRequest, pk: int) -> Procurement:
    procurement = get_object_or_404(Procurement.objects.select_related("organisation"), pk=pk)
    if procurement.is_public:
        return procurement
    user = request.user
    organisation = getattr(user, "organisation", None) if user.is_authenticated else None
    if organisation is None or organisation.pk != procurement.organisation_id:
        raise Http404
    return procurement


def _attachment(
    procurement: Procurement, content: bytes, extension: str, kind: str
) -> HttpResponse:
    response = HttpResponse(content, content_type=kind)
    name = slugify(procurement.title) or "procurement"
    response["Content-Disposition"] = f'attachment; filename="{name}.{extension}"'
    return response


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
    return _attachment(procurement, content, "docx", DOCX_TYPE)


def document_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    procurement = readable_procurement(request, pk)
    content = render_pdf(tender_document(procurement))
    return _attachment(procurement, content, "pdf", "application/pdf")
