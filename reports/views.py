"""The report pages: ask for a report, follow its progress, download it. Thin: see services."""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from initiatives.filtersets import InitiativeFilterSet
from reports.choices import ReportKind, ReportState
from reports.forms import ReportRequestForm
from reports.models import ReportRequest
from reports.naming import download_name
from reports.rendering.filters import describe_query, filter_labels
from reports.selectors import (
    can_request_reports,
    is_stale,
    report_request_for,
    report_requests_of,
)
from reports.services import report_request_create

RECENT_REQUESTS = 30


@require_http_methods(["GET", "POST"])
def report_list(request):
    """Show the request form (filters pre-filled from the query string) and past requests."""
    if not can_request_reports(request.user):
        raise PermissionDenied(_("Vous ne pouvez pas demander de rapport."))
    data = request.POST if request.method == "POST" else request.GET
    form = ReportRequestForm(data if request.method == "POST" else None, initial=_initial(data))
    filterset = InitiativeFilterSet(data or None, request=request)
    if request.method == "POST" and form.is_valid() and filterset.is_valid():
        try:
            report = report_request_create(
                user=request.user,
                kind=form.cleaned_data["kind"],
                query=data,
                version=form.cleaned_data["plan_version"],
            )
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            return redirect("reports:detail", pk=report.pk)
    status = 400 if request.method == "POST" else 200
    context = {
        "form": form,
        "filterset": filterset,
        "reports": _with_filters_named(report_requests_of(request.user)[:RECENT_REQUESTS]),
    }
    return render(request, "reports/report_list.html", context, status=status)


def _with_filters_named(reports) -> list[ReportRequest]:
    """Name the filters of each request (labels only: no query per request)."""
    reports = list(reports)
    for report in reports:
        report.filter_labels = filter_labels(report.query)
    return reports


def _initial(data) -> dict:
    kind = data.get("kind")
    return {"kind": kind} if kind else {}


@require_GET
def report_detail(request, pk: int):
    report = report_request_for(request.user, pk)
    return render(request, "reports/report_detail.html", _status_context(report))


@require_GET
def report_status(request, pk: int):
    """Answer the status partial that the detail page polls every second."""
    report = report_request_for(request.user, pk)
    return render(request, "reports/report_status.html", _status_context(report))


def _status_context(report: ReportRequest) -> dict:
    return {
        "report": report,
        "filters": describe_query(report.query),
        "stale": is_stale(report),
        "sections_done": report.section_set.filter(state=ReportState.DONE).count()
        if report.sections
        else 0,
    }


@require_GET
def report_download(request, pk: int):
    """Send the PDF as an attachment with a French file name; requester and coordinators only."""
    report = report_request_for(request.user, pk)
    if report.state != ReportState.DONE:
        raise Http404
    try:
        handle = report.file.open("rb")
    except FileNotFoundError as error:  # removed from the disk since
        raise Http404 from error
    return FileResponse(
        handle, as_attachment=True, filename=download_name(report), content_type="application/pdf"
    )


@require_GET
def bench_standard_download(request):
    """Ask for the current MCC roadmap and download it at once: what `make bench` times.

    404 unless settings.PTN_BENCH_VIEWS is true (the bench turns it on): a GET
    that records a request is not part of the product.
    """
    if not getattr(settings, "PTN_BENCH_VIEWS", False):
        raise Http404
    if not can_request_reports(request.user):
        raise PermissionDenied
    report = report_request_create(user=request.user, kind=ReportKind.ROADMAP_MCC)
    return report_download(request, report.pk)
