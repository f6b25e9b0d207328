"""Export and import of initiatives in spreadsheets: thin views over initiatives.exchange.

The export reads what the list shows (the same selector, FilterSet and order);
the import's writes go through initiatives.exchange.batches and, row by row,
through the initiative services.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRefresh

from initiatives.exchange import limits
from initiatives.exchange.batches import (
    can_import,
    import_batch_confirm,
    import_batch_create,
    import_batches_of,
)
from initiatives.exchange.errors import FileRejected
from initiatives.exchange.export import csv_response, dated_filename, export_queryset, xlsx_response
from initiatives.exchange.forms import ImportUploadForm
from initiatives.exchange.importer import UNCHANGED
from initiatives.exchange.layout import COLUMNS
from initiatives.exchange.references import References
from initiatives.listing import initiatives_listed
from initiatives.models import Initiative
from initiatives.models.import_batch import ImportStatus

VIEW_PERMISSION = "initiatives.view_initiative"
SEPARATORS = {"semicolon": ";", "comma": ",", "tab": "\t"}
REPORT_PAGE_SIZE = 100
TEMPLATE_STEM = "modele-import-initiatives"


def _require_reader(user) -> None:
    if not user.has_perm(VIEW_PERMISSION):
        raise PermissionDenied(_("Vous ne pouvez pas consulter les initiatives."))


def _require_importer(user) -> None:
    if not can_import(user):
        raise PermissionDenied(_("Vous ne pouvez pas importer d’initiatives."))


@require_GET
def initiative_export(request):
    """Download the list's initiatives, with its filters, as CSV or XLSX."""
    _require_reader(request.user)
    file_format = request.GET.get("format", "csv")
    if file_format not in ("csv", "xlsx"):
        return HttpResponseBadRequest(_("Format d’exportation inconnu : choisissez csv ou xlsx."))
    queryset = export_queryset(initiatives_listed(request).initiatives)
    filename = dated_filename("initiatives", file_format)
    if file_format == "xlsx":
        return xlsx_response(queryset, filename)
    separator = SEPARATORS.get(request.GET.get("separator", ""), ";")
    return csv_response(queryset, filename, separator)


@require_GET
def import_template(request, file_format):
    """Download an empty file in the layout (an XLSX also explains each column)."""
    _require_reader(request.user)
    if file_format not in ("csv", "xlsx"):
        raise Http404
    filename = f"{TEMPLATE_STEM}.{file_format}"
    empty = Initiative.objects.none()
    return (
        xlsx_response(empty, filename) if file_format == "xlsx" else csv_response(empty, filename)
    )


@require_GET
def import_layout(request):
    """Explain the layout column by column, with the values each accepts."""
    _require_reader(request.user)
    context = {
        "columns": COLUMNS,
        "refs": References(),
        "max_mb": f"{limits.max_upload_bytes() / limits.MEGABYTE:g}",
    }
    return render(request, "initiatives/import_layout.html", context)


@require_http_methods(["GET", "POST"])
def import_upload(request):
    """Upload a file; a dry run follows, and nothing is written before confirmation."""
    _require_importer(request.user)
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            batch = import_batch_create(user=request.user, upload=form.cleaned_data["file"])
        except FileRejected as error:
            form.add_error("file", error.message)
        else:
            return redirect(batch)
    context = {
        "form": form,
        "batches": import_batches_of(request.user)[:10],
        "max_mb": f"{limits.max_upload_bytes() / limits.MEGABYTE:g}",
        "async_rows": limits.async_rows(),
    }
    return render(request, "initiatives/import_form.html", context)


@require_GET
def import_batch_detail(request, pk):
    """Show a batch: its progress while it runs, then its report row by row."""
    batch = get_object_or_404(import_batches_of(request.user), pk=pk)
    show_all = request.GET.get("show") == "all"
    rows = batch.report.get("rows", [])
    if not show_all:
        rows = [row for row in rows if row["action"] != UNCHANGED]
    page = Paginator(rows, REPORT_PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"batch": batch, "page": page, "show_all": show_all, "statuses": ImportStatus}
    return render(request, "initiatives/import_batch.html", context)


@require_GET
def import_batch_progress(request, pk):
    """Return the progress region (htmx polls it); reload the page once the batch is done."""
    batch = get_object_or_404(import_batches_of(request.user), pk=pk)
    if request.htmx and not batch.is_running:
        return HttpResponseClientRefresh()
    return render(request, "initiatives/import_batch_progress.html", {"batch": batch})


@require_POST
def import_batch_confirm_view(request, pk):
    """Apply a simulated batch, or simulate it again if the data changed meanwhile."""
    batch = get_object_or_404(import_batches_of(request.user), pk=pk)
    try:
        applied = import_batch_confirm(user=request.user, batch=batch)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(batch)
    batch.refresh_from_db()
    level, text = _confirmation_message(batch, applied)
    messages.add_message(request, level, text)
    return redirect(batch)


def _confirmation_message(batch, applied: bool) -> tuple[int, str]:
    if not applied:
        return messages.WARNING, _(
            "Des initiatives ont changé depuis la simulation : elle a été refaite. Vérifiez le rapport, puis confirmez de nouveau."
        )
    if batch.status == ImportStatus.APPLIED:
        return messages.SUCCESS, _(
            "Importation appliquée : %(created)s initiative(s) créée(s), %(updated)s mise(s) à jour."
        ) % {"created": batch.created_count, "updated": batch.updated_count}
    if batch.status == ImportStatus.FAILED:
        return messages.ERROR, _(
            "L’importation a échoué : rien n’a été appliqué. Voyez le rapport."
        )
    return messages.INFO, _("L’importation est en cours d’application.")
