"""Import (upload, preview, confirm) and .xlsx export of units and suppliers."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from beredd.accounts.access import (
    AuthenticatedHttpRequest,
    check_member,
    get_org_object,
    member_required,
)
from beredd.accounts.models import Organisation
from beredd.core.files import xlsx_response
from beredd.network import services
from beredd.network.forms import ImportUploadForm
from beredd.network.imports.reading import ImportFileError
from beredd.network.imports.workbooks import suppliers_workbook, units_workbook
from beredd.network.models import ImportBatch, ImportKind
from beredd.network.views.common import (
    SUPPLIER_EDITORS,
    UNIT_EDITORS,
    VIEWERS,
)

EDITORS = {ImportKind.UNITS: UNIT_EDITORS, ImportKind.SUPPLIERS: SUPPLIER_EDITORS}
LIST_URL = {ImportKind.UNITS: "network:unit_list", ImportKind.SUPPLIERS: "network:supplier_list"}
WORKBOOKS = {ImportKind.UNITS: units_workbook, ImportKind.SUPPLIERS: suppliers_workbook}
CONFIRMED_SESSION_KEY = "network_confirmed_imports"
FILENAMES = {ImportKind.UNITS: "maltidsenheter", ImportKind.SUPPLIERS: "leverantorer"}


def _check_editor(request: AuthenticatedHttpRequest, kind: str) -> None:
    check_member(request.user, roles=EDITORS[ImportKind(kind)])


@member_required(*VIEWERS)
def export(
    request: AuthenticatedHttpRequest, kind: str, *, organisation: Organisation
) -> HttpResponse:
    content = WORKBOOKS[ImportKind(kind)](organisation)
    return xlsx_response(content, f"{FILENAMES[ImportKind(kind)]}-{organisation.slug}.xlsx")


@member_required(*VIEWERS)
def template(
    request: AuthenticatedHttpRequest, kind: str, *, organisation: Organisation
) -> HttpResponse:
    content = WORKBOOKS[ImportKind(kind)](organisation, template=True)
    return xlsx_response(content, f"{FILENAMES[ImportKind(kind)]}-mall.xlsx")


@member_required(*VIEWERS)
def import_upload(
    request: AuthenticatedHttpRequest, kind: str, *, organisation: Organisation
) -> HttpResponse:
    kind = ImportKind(kind)
    _check_editor(request, kind)
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            batch = services.import_prepare(
                organisation=organisation,
                user=request.user,
                kind=kind,
                upload=form.cleaned_data["file"],
            )
        except ImportFileError as error:
            problems = error.messages
        else:
            return redirect("network:import_preview", pk=batch.pk)
    context = {"form": form, "kind": kind, "problems": problems, "list_url": LIST_URL[kind]}
    return render(request, "network/import_upload.html", context, status=400 if problems else 200)


def _batch(request: AuthenticatedHttpRequest, organisation: Organisation, pk: int) -> ImportBatch:
    batch = get_org_object(ImportBatch, organisation, pk=pk)
    if batch.created_by_id != request.user.pk:
        raise Http404
    _check_editor(request, batch.kind)
    return batch


def _confirmed_here(request: AuthenticatedHttpRequest, pk: int) -> str | None:
    """The list page of an import this session confirmed already (a double click), if any."""
    return request.session.get(CONFIRMED_SESSION_KEY, {}).get(str(pk))


def _remember_confirmed(request: AuthenticatedHttpRequest, pk: int, kind: str) -> None:
    confirmed = request.session.get(CONFIRMED_SESSION_KEY, {})
    confirmed = dict(list(confirmed.items())[-9:])  # the last few are enough for double clicks
    confirmed[str(pk)] = LIST_URL[ImportKind(kind)]
    request.session[CONFIRMED_SESSION_KEY] = confirmed


@member_required(*VIEWERS)
def import_preview(
    request: AuthenticatedHttpRequest, pk: int, *, organisation: Organisation
) -> HttpResponse:
    list_url = _confirmed_here(request, pk) if request.method == "POST" else None
    if list_url and not ImportBatch.objects.filter(pk=pk).exists():
        messages.info(request, str(services.IMPORT_GONE))
        return redirect(list_url)
    batch = _batch(request, organisation, pk)
    if request.method == "POST":
        try:
            count = services.import_commit(batch=batch)
        except ImportFileError as error:
            for message in error.messages:
                messages.error(request, message)
            return redirect("network:import_upload", kind=batch.kind)
        _remember_confirmed(request, pk, batch.kind)
        text = ngettext("%(count)d row is imported.", "%(count)d rows are imported.", count)
        messages.success(request, text % {"count": count})
        return redirect(LIST_URL[ImportKind(batch.kind)])
    context = {
        "batch": batch,
        "creates": sum(1 for row in batch.rows if row["action"] == "create"),
        "updates": sum(1 for row in batch.rows if row["action"] == "update"),
        "list_url": LIST_URL[ImportKind(batch.kind)],
    }
    return render(request, "network/import_preview.html", context)


@require_POST
@member_required(*VIEWERS)
def import_discard(
    request: AuthenticatedHttpRequest, pk: int, *, organisation: Organisation
) -> HttpResponse:
    batch = _batch(request, organisation, pk)
    services.import_discard(batch=batch)
    messages.info(request, _("The import is cancelled; nothing was saved."))
    return redirect(LIST_URL[ImportKind(batch.kind)])
