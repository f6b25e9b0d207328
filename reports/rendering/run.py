"""Carry out the rendering tasks: a whole report, one of its sections, their assembly.

Each step claims what it works on with a conditional UPDATE, writes files
under names fixed per request or section, and records its outcome only while
it still holds the claim: a step delivered twice (its worker died) redoes its
work in place, and a step whose work is done does nothing.
"""

import os
import time

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from reports import services
from reports.choices import ReportState
from reports.fingerprint import report_fingerprint
from reports.models import CLAIM_LEASE_SECONDS, ReportRequest, ReportSection
from reports.rendering.content import report_content
from reports.rendering.html import render_html
from reports.rendering.layouts import LAYOUTS
from reports.rendering.pdf import html_to_pdf
from reports.rendering.sections import can_assemble, plan_sections

ASSEMBLY = "assembly:"


def run_request(request_id: int, *, token: str) -> str:
    """Render request ``request_id`` (or split it into sections); return what was done."""
    request = services.report_claim(request_id, token=token)
    if request is None:
        return "skipped"
    _refresh_fingerprint(request)
    if services.report_reuse_twin(request, token=token):
        return "reused"
    content = report_content(request)
    pause_for_tests()
    sections = plan_sections(content.pairs, content.layout.grouping) if can_assemble() else []
    if sections:
        _queue_sections(request, content, sections)
        return "split"
    pdf, pages = html_to_pdf(render_html(content), stylesheets(request))
    services.report_complete(request, pdf, pages, token=token)
    return "rendered"


def stylesheets(request) -> list[str]:
    return [LAYOUTS[request.kind].stylesheet]


def _refresh_fingerprint(request: ReportRequest) -> None:
    """Fingerprint the inputs as they are now, before reading them.

    Read afterwards, the data are at least as new as the fingerprint says:
    a later request never gets a file older than its inputs.
    """
    request.fingerprint = report_fingerprint(
        kind=request.kind,
        query=request.query,
        plan_id=request.plan_id,
        version_id=request.version_id,
    )
    ReportRequest.objects.filter(pk=request.pk).update(fingerprint=request.fingerprint)


def _queue_sections(request: ReportRequest, content, sections) -> None:
    """Save each section's HTML (one snapshot for all), then queue those not done yet."""
    from reports.tasks import render_report_section

    with transaction.atomic():
        if not request.section_set.exists():
            ReportSection.objects.bulk_create(
                ReportSection(
                    request=request,
                    index=section.index,
                    first_row=section.first_row,
                    row_count=section.row_count,
                    html=render_html(content, section),
                )
                for section in sections
            )
            ReportRequest.objects.filter(pk=request.pk).update(sections=len(sections))
        for section_id in request.section_set.exclude(state=ReportState.DONE).values_list(
            "pk", flat=True
        ):
            render_report_section.delay_on_commit(section_id)


def run_section(section_id: int, *, token: str) -> str:
    """Render one section to its file; queue the assembly once every section is done."""
    claimed = ReportSection.objects.filter(services.claimable(token), pk=section_id).update(
        state=ReportState.RUNNING, claim_token=token, started_at=timezone.now()
    )
    if not claimed:
        return "skipped"
    section = ReportSection.objects.select_related("request").get(pk=section_id)
    pdf, pages = html_to_pdf(section.html, stylesheets(section.request))
    name = f"reports/sections/{section.request_id}/{section.index}.pdf"
    services.write_atomically(name, pdf)
    ReportSection.objects.filter(pk=section_id, claim_token=token).update(
        state=ReportState.DONE, file=name, pages=pages
    )
    # Committed already (autocommit): of two sections ending together, at least
    # the later one sees both done. Two assemblies queued are one: see run_assembly.
    if (
        not ReportSection.objects.filter(request_id=section.request_id)
        .exclude(state=ReportState.DONE)
        .exists()
    ):
        from reports.tasks import assemble_report

        assemble_report.delay_on_commit(section.request_id)
    return "rendered"


def run_assembly(request_id: int, *, token: str) -> str:
    """Join the sections of a request into its file, once."""
    claim = f"{ASSEMBLY}{token}"
    stale = timezone.now() - timezone.timedelta(seconds=CLAIM_LEASE_SECONDS)
    claimed = (
        ReportRequest.objects.filter(pk=request_id, state=ReportState.RUNNING)
        .filter(
            ~Q(claim_token__startswith=ASSEMBLY) | Q(claim_token=claim) | Q(started_at__lt=stale)
        )
        .update(claim_token=claim)
    )
    if not claimed:
        return "skipped"
    from reports.rendering.assembly import assemble

    request = ReportRequest.objects.get(pk=request_id)
    sections = list(request.section_set.order_by("index"))
    parts = [services.read_file(section.file) for section in sections]
    body_class = "" if LAYOUTS[request.kind].landscape else "portrait"
    pdf, pages = assemble(parts, stylesheets(request), body_class)
    if services.report_complete(request, pdf, pages, token=claim):
        _clean_up(sections)
    return "assembled"


def _clean_up(sections) -> None:
    for section in sections:
        services.delete_file(section.file)
    ReportSection.objects.filter(pk__in=[s.pk for s in sections]).update(html="")


def pause_for_tests() -> None:
    """Sleep PTN_REPORT_RENDER_DELAY seconds mid-render, in worker tests only.

    The worker test that kills a worker during a render needs a render slow
    enough to be caught; PTN_WORKER_TESTS=1 must be set too, so that a stray
    variable cannot slow down production.
    """
    delay = os.environ.get("PTN_REPORT_RENDER_DELAY")
    if delay and os.environ.get("PTN_WORKER_TESTS") == "1":
        time.sleep(float(delay))
