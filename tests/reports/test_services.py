"""Asking for reports and rendering them: reuse, idempotence, claims, failures, permissions."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from initiatives.selectors import current_plan
from initiatives.services import initiative_update
from reports import services
from reports.choices import ReportKind, ReportState
from reports.fingerprint import normalize_query, report_fingerprint
from reports.models import ReportRequest
from reports.rendering import run

pytestmark = pytest.mark.django_db


@pytest.fixture
def renders(monkeypatch):
    """Count the WeasyPrint renders."""
    calls = []
    original = run.html_to_pdf

    def counting(html, stylesheets, **kwargs):
        calls.append(len(html))
        return original(html, stylesheets, **kwargs)

    monkeypatch.setattr(run, "html_to_pdf", counting)
    return calls


@pytest.fixture
def ask(django_capture_on_commit_callbacks):
    def ask(user, kind=ReportKind.ROADMAP_MCC, query="", version=None):
        with django_capture_on_commit_callbacks(execute=True):
            report = services.report_request_create(
                user=user, kind=kind, query=query, version=version
            )
        report.refresh_from_db()
        return report

    return ask


def files_in(media) -> list:
    return sorted(path.name for path in media.rglob("*.pdf"))


def test_a_reader_gets_the_report_rendered(portfolio, manager, ask, renders):
    report = ask(manager, query="status=in_progress")

    assert report.state == ReportState.DONE
    assert report.requested_by == manager
    assert report.pages == 1 and report.size > 10_000 and len(report.checksum) == 64
    assert report.started_at <= report.finished_at
    assert len(renders) == 1


def test_it_answers_unchanged_inputs_with_the_finished_report_at_once(
    portfolio, manager, mcc_officer, ask, renders, media
):
    first = ask(manager, query="status=in_progress&organization=MCC")
    second = ask(mcc_officer, query="organization=MCC&status=in_progress&ordering=title")

    assert second.state == ReportState.DONE
    assert second.reused_from == first
    assert second.file.name == first.file.name and second.checksum == first.checksum
    assert len(renders) == 1
    assert len(files_in(media)) == 1


def test_it_renders_again_once_the_data_changed(portfolio, manager, coordinator, ask, renders):
    first = ask(manager)
    initiative_update(user=coordinator, initiative=portfolio["online"], data={"title": "Nouveau"})

    second = ask(manager)

    assert second.reused_from is None and second.fingerprint != first.fingerprint
    assert len(renders) == 2


def test_the_fingerprint_ignores_the_order_of_the_filters_but_not_their_values(portfolio):
    assert normalize_query("b=2&status=done&organization=MCC&status=in_progress") == (
        "organization=MCC&status=done&status=in_progress"
    )
    common = {"kind": ReportKind.ROADMAP_MCC, "plan_id": 1, "version_id": None}
    assert report_fingerprint(query="status=done", **common) != report_fingerprint(
        query="status=in_progress", **common
    )


def test_a_new_tag_on_an_initiative_changes_the_fingerprint(portfolio, tags):
    common = {"kind": ReportKind.ANNEX_AI, "query": "", "plan_id": 1, "version_id": None}
    before = report_fingerprint(**common)

    portfolio["security"].tags.add(tags["ai"])

    assert report_fingerprint(**common) != before


def test_running_a_done_request_again_changes_nothing_and_writes_no_second_file(
    portfolio, manager, ask, renders, media
):
    report = ask(manager)
    before = ReportRequest.objects.values().get(pk=report.pk)

    outcome = run.run_request(report.pk, token="another-delivery")

    assert outcome == "skipped"
    assert ReportRequest.objects.values().get(pk=report.pk) == before
    assert len(renders) == 1 and len(files_in(media)) == 1


def test_a_delivery_again_after_its_worker_died_renders_in_place(
    portfolio, manager, renders, media
):
    report = _queued(manager)
    assert services.report_claim(report.pk, token="task-1")  # ...then the worker dies

    outcome = run.run_request(report.pk, token="task-1")

    report.refresh_from_db()
    assert outcome == "rendered" and report.state == ReportState.DONE
    assert report.attempts == 2
    assert len(files_in(media)) == 1


def test_another_delivery_leaves_a_live_claim_alone(portfolio, manager, renders):
    report = _queued(manager)
    services.report_claim(report.pk, token="task-1")

    assert run.run_request(report.pk, token="task-2") == "skipped"
    assert renders == []


def test_an_abandoned_claim_is_taken_over(portfolio, manager, renders):
    report = _queued(manager)
    services.report_claim(report.pk, token="task-1")
    long_ago = timezone.now() - timezone.timedelta(hours=2)
    ReportRequest.objects.filter(pk=report.pk).update(started_at=long_ago)

    assert run.run_request(report.pk, token="task-2") == "rendered"


def test_a_rendering_error_marks_the_request_failed_with_its_message(
    portfolio, manager, ask, monkeypatch
):
    def broken(*args, **kwargs):
        raise ValueError("police introuvable")

    monkeypatch.setattr(run, "html_to_pdf", broken)

    report = ask(manager)

    assert report.state == ReportState.FAILED
    assert report.error == "La mise en page du rapport a échoué : police introuvable"
    assert report.finished_at is not None and not report.file


def test_it_refuses_invalid_filters(portfolio, manager):
    with pytest.raises(ValidationError) as error:
        services.report_request_create(user=manager, kind="roadmap_mcc", query="status=perdu")

    assert "status" in error.value.message_dict


def test_it_refuses_an_unknown_kind(portfolio, manager):
    with pytest.raises(ValidationError):
        services.report_request_create(user=manager, kind="annexe_9")


def test_it_refuses_a_user_without_a_role(portfolio, outsider):
    with pytest.raises(PermissionDenied):
        services.report_request_create(user=outsider, kind=ReportKind.ROADMAP_MCC)


def test_the_standard_reports_are_asked_for_once_each_and_then_reused(portfolio, renders):
    first = services.standard_reports_refresh()

    assert sorted(r.kind for r in first) == sorted(ReportKind.values)
    assert all(r.requested_by is None for r in first)
    assert services.standard_reports_refresh() == []  # queued: not asked twice


def _queued(user) -> ReportRequest:
    """Record a request without running its task (as when the broker holds it)."""
    plan = current_plan()
    return ReportRequest.objects.create(
        kind=ReportKind.ROADMAP_MCC,
        plan=plan,
        requested_by=user,
        fingerprint=report_fingerprint(
            kind=ReportKind.ROADMAP_MCC, query="", plan_id=plan.pk, version_id=None
        ),
    )
