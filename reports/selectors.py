"""Permission-scoped reads of report requests."""

from django.core.files.storage import default_storage
from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from reports.choices import ReportState
from reports.models import CLAIM_LEASE_SECONDS, ReportRequest

REQUEST_PERMISSION = "reports.request_report"
DOWNLOAD_ANY_PERMISSION = "reports.download_any_report"


def can_request_reports(user) -> bool:
    """Any reader may ask for reports: they show what they may read."""
    return user.has_perm(REQUEST_PERMISSION) and user.has_perm("initiatives.view_initiative")


def can_see_request(user, request: ReportRequest) -> bool:
    """The requester sees (and downloads) a report; coordinators see every report."""
    if request.requested_by_id is not None and request.requested_by_id == user.pk:
        return True
    return user.has_perm(DOWNLOAD_ANY_PERMISSION)


def report_requests_of(user) -> QuerySet[ReportRequest]:
    """Return ``user``'s requests, newest first, with what the list shows."""
    return ReportRequest.objects.filter(requested_by=user).select_related("version", "plan")


def report_request_for(user, pk: int) -> ReportRequest:
    """Return request ``pk`` if ``user`` may see it; 404 otherwise (existence is not leaked)."""
    request = get_object_or_404(
        ReportRequest.objects.select_related("version", "plan", "requested_by"), pk=pk
    )
    if not can_see_request(user, request):
        raise Http404
    return request


def finished_twin(fingerprint: str, *, exclude: int | None = None) -> ReportRequest | None:
    """Return the latest finished report of these inputs whose file still exists."""
    done = ReportRequest.objects.filter(fingerprint=fingerprint, state=ReportState.DONE)
    if exclude is not None:
        done = done.exclude(pk=exclude)
    for twin in done.order_by("-finished_at", "-pk")[:3]:
        if default_storage.exists(twin.file.name):
            return twin
    return None


def in_progress_twin(fingerprint: str) -> ReportRequest | None:
    """Return a queued or running (not stale) request of these inputs."""
    stale = timezone.now() - timezone.timedelta(seconds=CLAIM_LEASE_SECONDS)
    under_way = ReportRequest.objects.filter(
        fingerprint=fingerprint, state__in=[ReportState.QUEUED, ReportState.RUNNING]
    ).exclude(state=ReportState.RUNNING, started_at__lt=stale)
    return under_way.first()


def is_stale(request: ReportRequest) -> bool:
    """Return whether a running request has outlived any worker that could finish it."""
    if request.state != ReportState.RUNNING or request.started_at is None:
        return False
    return timezone.now() - request.started_at > timezone.timedelta(seconds=CLAIM_LEASE_SECONDS)
