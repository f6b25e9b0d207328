"""Celery tasks of the reports: thin, they take ids and own their retry policy.

Every task is acknowledged late and rejected (so delivered again) when its
worker process dies; its hard time limit stays below the Redis
visibility_timeout (3600 s, see settings), so a message is never delivered
twice while its first delivery still runs. A delivered-again task holds the
same id, which is the claim token the rendering steps check.
"""

import gc
import logging
from contextlib import contextmanager

from celery import shared_task
from celery.contrib.django.task import DjangoTask
from celery.exceptions import SoftTimeLimitExceeded
from celery.signals import task_postrun
from django.db import InterfaceError, OperationalError
from django.utils.translation import gettext as _

from reports import services
from reports.models import ReportSection
from reports.rendering import run

logger = logging.getLogger(__name__)

SOFT_TIME_LIMIT = 900
HARD_TIME_LIMIT = 960  # < CLAIM_LEASE_SECONDS < the broker's visibility_timeout
TRANSIENT_ERRORS = (OperationalError, InterfaceError)
POLICY = {
    "bind": True,
    "acks_late": True,
    "reject_on_worker_lost": True,
    "soft_time_limit": SOFT_TIME_LIMIT,
    "time_limit": HARD_TIME_LIMIT,
    "autoretry_for": TRANSIENT_ERRORS,
    "retry_backoff": 5,
    "retry_backoff_max": 120,
    "retry_jitter": True,
    "max_retries": 5,
}


class ReportTask(DjangoTask):
    """Mark the request failed when retries run out."""

    abstract = True

    def on_failure(self, exc, task_id, args, kwargs, einfo):
        if not args:  # refresh_standard_reports: nothing to mark
            return
        services.report_fail(
            _request_id(self.name, args[0]),
            _(
                "La base de données est restée indisponible pendant la production du rapport ; "
                "demandez-le de nouveau."
            ),
        )


def _request_id(task_name: str, object_id: int) -> int:
    if task_name.endswith("render_report_section"):
        return ReportSection.objects.values_list("request_id", flat=True).get(pk=object_id)
    return object_id


@contextmanager
def failures_reported(request_id_of):
    """Turn a rendering error into a failed request with a French message.

    Transient database errors propagate: the task retries them with backoff.
    """
    try:
        yield
    except TRANSIENT_ERRORS:
        raise
    except SoftTimeLimitExceeded:
        services.report_fail(
            request_id_of(),
            _("La production du rapport a dépassé %(minutes)s minutes ; ajoutez des filtres.")
            % {"minutes": SOFT_TIME_LIMIT // 60},
        )
    except Exception as error:
        logger.exception("Report rendering failed")
        services.report_fail(
            request_id_of(),
            _("La mise en page du rapport a échoué : %(error)s") % {"error": error},
        )


@shared_task(base=ReportTask, name="reports.render_report", **POLICY)
def render_report(self, request_id: int) -> str | None:
    """Render report request ``request_id``; nothing once it is done."""
    with failures_reported(lambda: request_id):
        return run.run_request(request_id, token=self.request.id)


@shared_task(base=ReportTask, name="reports.render_report_section", **POLICY)
def render_report_section(self, section_id: int) -> str | None:
    """Render one section of a large report."""
    with failures_reported(lambda: _request_id(self.name, section_id)):
        return run.run_section(section_id, token=self.request.id)


@shared_task(base=ReportTask, name="reports.assemble_report", **POLICY)
def assemble_report(self, request_id: int) -> str | None:
    """Join the sections of a large report into its file."""
    with failures_reported(lambda: request_id):
        return run.run_assembly(request_id, token=self.request.id)


@shared_task(base=ReportTask, name="reports.refresh_standard_reports", **POLICY)
def refresh_standard_reports(self) -> None:
    """Ask again for the standard reports of the current state (reused when unchanged)."""
    services.standard_reports_refresh()


RENDERING_TASKS = {render_report.name, render_report_section.name, assemble_report.name}


@task_postrun.connect
def collect_render_garbage(sender=None, **kwargs) -> None:
    """Free the cycles a render left, once its request (or section) is recorded.

    Renders run with the cyclic collector mostly idle (see
    reports.rendering.pdf.fewer_gc_collections): collecting here, after the
    outcome is saved, keeps a worker's memory flat from one render to the next
    without making anyone wait for it.
    """
    if getattr(sender, "name", None) in RENDERING_TASKS:
        gc.collect()
