"""Every write to report requests: asking for one, and each step of rendering it.

Asking (report_request_create) checks the permission and the filters, answers
at once with a finished report of the same inputs when there is one, and
otherwise queues the rendering once the transaction commits. Rendering
(report_run, called by reports.tasks) claims the request with a conditional
UPDATE, so that two deliveries of the task never both render it, writes the
file atomically under a name fixed per request, then marks the request done:
running it again once done changes nothing.
"""

import hashlib
import logging
import os
import socket
from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import F, Q
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext as _

from initiatives.filtersets import InitiativeFilterSet
from initiatives.permissions import SYSTEM
from initiatives.selectors import current_plan
from reports.choices import ReportKind, ReportState
from reports.fingerprint import normalize_query, report_fingerprint
from reports.models import CLAIM_LEASE_SECONDS, ReportRequest
from reports.selectors import can_request_reports, finished_twin, in_progress_twin

logger = logging.getLogger(__name__)


def report_request_create(*, user, kind: str, query="", version=None) -> ReportRequest:
    """Record ``user``'s request for a report; reuse a finished one or queue the rendering."""
    if user is not SYSTEM and not can_request_reports(user):
        raise PermissionDenied(_("Vous ne pouvez pas demander de rapport."))
    if kind not in ReportKind.values:
        raise ValidationError({"kind": _("Choisissez un des rapports proposés.")})
    plan = version.plan if version is not None else current_plan()
    if plan is None:
        raise ValidationError(_("Aucun plan n’est en vigueur : il n’y a rien à mettre en page."))
    query = _valid_query(query)
    with transaction.atomic():
        request = ReportRequest(
            kind=kind,
            query=query,
            plan=plan,
            version=version,
            requested_by=None if user is SYSTEM else user,
            fingerprint=report_fingerprint(
                kind=kind, query=query, plan_id=plan.pk, version_id=getattr(version, "pk", None)
            ),
        )
        twin = finished_twin(request.fingerprint)
        if twin is not None:
            _answer_with(request, twin)
        request.save()
        if twin is None:
            from reports.tasks import render_report

            render_report.delay_on_commit(request.pk)
    return request


def _valid_query(query) -> str:
    query = normalize_query(query)
    filterset = InitiativeFilterSet(QueryDict(query))
    if not filterset.is_valid():
        raise ValidationError(dict(filterset.errors) or _("Les filtres sont invalides."))
    return query


def _answer_with(request: ReportRequest, twin: ReportRequest) -> None:
    """Give ``request`` the file of ``twin``, a finished report of the same inputs."""
    now = timezone.now()
    request.state = ReportState.DONE
    request.started_at = request.finished_at = now
    request.reused_from = twin.reused_from or twin
    for field in ("file", "pages", "size", "checksum"):
        setattr(request, field, getattr(twin, field))


# The standard reports of the current state, rendered ahead of time.

STANDARD_KINDS = (
    ReportKind.ROADMAP_MCC,
    ReportKind.ROADMAP_MCN,
    ReportKind.ANNEX_DATA,
    ReportKind.ANNEX_AI,
    ReportKind.ANNEX_FULL,
)


def standard_reports_refresh() -> list[ReportRequest]:
    """Ask, as the application, for each standard report that is neither finished nor under way.

    A report whose inputs did not change is reused at once (no rendering); the
    others are queued, so that an analyst's request finds them finished.
    """
    plan = current_plan()
    if plan is None:
        return []
    requests = []
    for kind in STANDARD_KINDS:
        fingerprint = report_fingerprint(kind=kind, query="", plan_id=plan.pk, version_id=None)
        if finished_twin(fingerprint) or in_progress_twin(fingerprint):
            continue
        requests.append(report_request_create(user=SYSTEM, kind=kind))
    return requests


# Rendering steps (called by reports.tasks) -------------------------------------


def claimable(token: str) -> Q:
    """Match requests a delivery holding ``token`` may take: queued, its own, or abandoned.

    A claim by another delivery younger than the lease is left alone: that
    delivery is alive (its hard time limit is shorter than the lease), or it
    died and its message will be delivered again, with the same token.
    """
    stale = timezone.now() - timezone.timedelta(seconds=CLAIM_LEASE_SECONDS)
    running = Q(state=ReportState.RUNNING)
    return (
        Q(state=ReportState.QUEUED)
        | (running & Q(claim_token=token))
        | (running & Q(started_at__lt=stale))
    )


def report_claim(request_id: int, *, token: str) -> ReportRequest | None:
    """Mark the request running for ``token``; return it, or None if it is not ours to render."""
    claimed = ReportRequest.objects.filter(claimable(token), pk=request_id).update(
        state=ReportState.RUNNING,
        started_at=timezone.now(),
        claim_token=token,
        claimed_by=worker_name(),
        attempts=F("attempts") + 1,
    )
    if not claimed:
        return None
    return ReportRequest.objects.select_related("plan", "version", "requested_by").get(
        pk=request_id
    )


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def report_reuse_twin(request: ReportRequest, *, token: str) -> bool:
    """Finish ``request`` with an identical finished report, if one appeared meanwhile."""
    twin = finished_twin(request.fingerprint, exclude=request.pk)
    if twin is None:
        return False
    _answer_with(request, twin)
    return _finish(request, token=token)


def report_complete(request: ReportRequest, pdf: bytes, pages: int, *, token: str) -> bool:
    """Write the PDF under the request's own name, then mark the request done.

    The name is fixed per request: a second rendering (a delivery again after
    its worker died) replaces the file instead of adding one.
    """
    name = report_file_name(request)
    write_atomically(name, pdf)
    request.file.name = name
    request.pages, request.size = pages, len(pdf)
    request.checksum = hashlib.sha256(pdf).hexdigest()
    request.finished_at = timezone.now()
    request.state = ReportState.DONE
    return _finish(request, token=token)


def _finish(request: ReportRequest, *, token: str) -> bool:
    """Save the outcome if ``token`` still holds the claim; return whether it did."""
    fields = ("state", "file", "pages", "size", "checksum", "finished_at", "reused_from")
    saved = ReportRequest.objects.filter(
        pk=request.pk, state=ReportState.RUNNING, claim_token=token
    ).update(
        error=request.error,
        started_at=request.started_at,
        **{field: getattr(request, field) for field in fields},
    )
    if not saved:
        logger.warning("Report request %s was finished by another delivery.", request.pk)
    return bool(saved)


def report_fail(request_id: int, message: str, *, token: str | None = None) -> bool:
    """Mark the request failed with ``message`` (French, for its requester)."""
    running = ReportRequest.objects.filter(
        pk=request_id, state__in=[ReportState.QUEUED, ReportState.RUNNING]
    )
    if token is not None:
        running = running.filter(claim_token=token)
    return bool(
        running.update(state=ReportState.FAILED, error=message[:2000], finished_at=timezone.now())
    )


def report_file_name(request: ReportRequest) -> str:
    day = request.created_at
    return f"reports/{day:%Y/%m}/{request.pk}-{request.fingerprint[:12]}.pdf"


def write_atomically(name: str, data: bytes) -> None:
    """Write ``data`` to storage name ``name``: readers see the old file or the whole new one."""
    path = Path(default_storage.path(name))
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with open(temporary, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, path)


def read_file(name: str) -> bytes:
    with default_storage.open(name, "rb") as handle:
        return handle.read()


def delete_file(name: str) -> None:
    if name and default_storage.exists(name):
        default_storage.delete(name)
