"""The WeasyPrint wrapper: what one render leaves behind in the process."""

import gc

import pytest

from reports.choices import ReportKind, ReportState
from reports.models import ReportRequest
from reports.rendering.pdf import RENDER_GC_THRESHOLD, fewer_gc_collections, html_to_pdf
from reports.services import report_request_create

HTML = (
    '<!DOCTYPE html><html lang="fr"><head><title>Essai</title></head><body><p>Un</p></body></html>'
)


@pytest.fixture
def thresholds():
    before = gc.get_threshold()
    yield before
    gc.set_threshold(*before)


def test_a_render_collects_cycles_rarely_and_then_as_before(thresholds):
    seen = []
    with fewer_gc_collections():
        seen.append(gc.get_threshold())

    assert seen == [(RENDER_GC_THRESHOLD, *thresholds[1:])]
    assert gc.get_threshold() == thresholds
    assert gc.isenabled()


def test_a_failed_render_restores_the_thresholds_too(thresholds):
    with pytest.raises(RuntimeError), fewer_gc_collections():
        raise RuntimeError("la mise en page a échoué")

    assert gc.get_threshold() == thresholds


def test_a_process_already_collecting_more_rarely_keeps_its_threshold(thresholds):
    gc.set_threshold(RENDER_GC_THRESHOLD * 2, *thresholds[1:])
    with fewer_gc_collections():
        assert gc.get_threshold()[0] == RENDER_GC_THRESHOLD * 2


def test_html_to_pdf_returns_a_pdf_and_its_page_count_with_the_thresholds_back(thresholds):
    pdf, pages = html_to_pdf(HTML, ["css/reports/mcc.css"])

    assert pdf.startswith(b"%PDF-") and pages == 1
    assert gc.get_threshold() == thresholds


@pytest.mark.django_db
def test_a_worker_collects_the_cycles_of_a_render_once_the_report_is_saved(
    portfolio, manager, monkeypatch, django_capture_on_commit_callbacks
):
    states = []
    monkeypatch.setattr(
        gc, "collect", lambda: states.append(ReportRequest.objects.get().state) or 0
    )
    with django_capture_on_commit_callbacks(execute=True):
        report_request_create(user=manager, kind=ReportKind.ANNEX_DATA, query="")

    assert states == [ReportState.DONE]
