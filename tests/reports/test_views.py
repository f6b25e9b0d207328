"""The pages at /reports/: the form, the live status, the download, who may see what."""

from functools import partial

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from initiatives.roles import COORDINATOR, OFFICER, READER, ROLE_PERMISSIONS
from reports.choices import ReportKind, ReportState
from reports.models import ReportRequest
from reports.services import report_fail
from tests.reports.conftest import pdf_pages_text

pytestmark = pytest.mark.django_db
REPORTS = reverse("reports:list")


@pytest.fixture
def submit(client, django_capture_on_commit_callbacks):
    def submit(user, data):
        client.force_login(user)
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(REPORTS, data)

    return submit


def test_a_reader_requests_a_report_and_lands_on_its_page(portfolio, manager, submit, client):
    response = submit(manager, {"kind": "roadmap_mcc", "organization": ["MCC"]})

    report = ReportRequest.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("reports:detail", args=[report.pk])
    assert report.query == "organization=MCC" and report.requested_by == manager
    page = client.get(response["Location"])
    assert "Votre rapport est prêt." in page.content.decode()
    assert reverse("reports:download", args=[report.pk]) in page.content.decode()


def test_the_form_is_prefilled_from_the_roadmaps_query_string(portfolio, manager, client):
    client.force_login(manager)

    page = client.get(REPORTS + "?status=done&organization=BAnQ&group=ambition&kind=roadmap_mcn")

    html = page.content.decode()
    assert page.status_code == 200
    assert 'value="done" checked' in html.replace(
        'checked value="done"', 'value="done" checked'
    ) or ('name="status" value="done"' in html and "checked" in html)
    assert 'value="roadmap_mcn"' in html and "Produire le rapport" in html


def test_an_invalid_filter_shows_the_form_again(portfolio, manager, submit):
    response = submit(manager, {"kind": "roadmap_mcc", "status": "perdu"})

    assert response.status_code == 400
    assert not ReportRequest.objects.exists()


def test_the_status_polls_every_second_until_the_report_is_finished(portfolio, manager, client):
    report = _queued(manager)
    client.force_login(manager)
    status_url = reverse("reports:status", args=[report.pk])

    queued = client.get(status_url).content.decode()
    report_fail(report.pk, "Le gabarit est introuvable.")
    failed = client.get(status_url).content.decode()

    assert 'hx-trigger="every 1s"' in queued and 'hx-swap="outerHTML"' in queued
    assert f'hx-get="{status_url}"' in queued
    assert "Actualiser" in queued  # without JavaScript
    assert "hx-trigger" not in failed
    assert "La production du rapport a échoué." in failed
    assert "Le gabarit est introuvable." in failed


def test_the_owner_downloads_the_pdf_under_a_french_name(portfolio, manager, submit, client):
    submit(manager, {"kind": "annex_full"})
    report = ReportRequest.objects.get()

    response = client.get(reverse("reports:download", args=[report.pk]))

    body = b"".join(response.streaming_content)
    disposition = response["Content-Disposition"]
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert disposition.startswith("attachment;")
    assert "annexe-4-liste-complete_PTN-2023-2027_etat-actuel_" in disposition
    assert "Annexe 4" in pdf_pages_text(body)[0]


def test_another_reader_gets_a_404_and_a_coordinator_the_file(
    portfolio, manager, mcc_officer, coordinator, submit, client
):
    submit(manager, {"kind": "roadmap_mcc"})
    download = reverse("reports:download", args=[ReportRequest.objects.get().pk])

    client.force_login(mcc_officer)
    assert client.get(download).status_code == 404
    client.force_login(coordinator)
    assert client.get(download).status_code == 200


def test_someone_without_a_role_cannot_use_the_reports(portfolio, outsider, client):
    client.force_login(outsider)

    assert client.get(REPORTS).status_code == 403


def test_the_list_shows_the_users_own_requests_only(portfolio, manager, mcc_officer, client):
    mine, theirs = _queued(manager), _queued(mcc_officer)
    client.force_login(manager)

    html = client.get(REPORTS).content.decode()

    assert reverse("reports:detail", args=[mine.pk]) in html
    assert reverse("reports:detail", args=[theirs.pk]) not in html


def test_the_role_groups_grant_the_report_permissions():
    """initiatives/roles.py gives READER, OFFICER and COORDINATOR the report permissions."""
    assert "reports.request_report" in ROLE_PERMISSIONS[READER]
    assert "reports.request_report" in ROLE_PERMISSIONS[OFFICER]
    assert {"reports.request_report", "reports.download_any_report"} <= set(
        ROLE_PERMISSIONS[COORDINATOR]
    )


def _queued(user) -> ReportRequest:
    from initiatives.selectors import current_plan

    return ReportRequest.objects.create(
        kind=ReportKind.ROADMAP_MCC, plan=current_plan(), requested_by=user, fingerprint="x" * 64
    )


def test_a_done_request_says_when_it_was_reused(portfolio, manager, submit, client):
    submit(manager, {"kind": "roadmap_mcc"})
    submit(manager, {"kind": "roadmap_mcc"})

    second = ReportRequest.objects.order_by("pk").last()
    html = client.get(reverse("reports:detail", args=[second.pk])).content.decode()

    assert second.state == ReportState.DONE and second.reused_from_id
    assert "Les données n’ont pas changé" in html


def test_the_bench_view_serves_an_unchanged_report_without_rendering_it_again(
    portfolio, manager, client, settings, django_capture_on_commit_callbacks
):
    settings.PTN_BENCH_VIEWS = True
    client.force_login(manager)
    url = reverse("reports:bench-download")

    with django_capture_on_commit_callbacks(execute=True):
        client.get(url)  # renders it (once the test's transaction would commit)
    response = client.get(url)

    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert ReportRequest.objects.filter(reused_from__isnull=False).count() == 1


def test_the_bench_view_is_not_part_of_the_product(portfolio, manager, client):
    client.force_login(manager)

    assert client.get(reverse("reports:bench-download")).status_code == 404


def test_the_request_says_its_filters_in_words_and_the_list_names_them(
    portfolio, manager, submit, client
):
    submit(manager, {"kind": "roadmap_mcc", "organization": ["MCC"], "status": ["in_progress"]})
    report = ReportRequest.objects.get()

    page = client.get(reverse("reports:detail", args=[report.pk])).content.decode()
    listed = client.get(REPORTS).content.decode()

    assert "Organisation (responsable ou partenaire)\u00a0: MCC<br>Statut\u00a0: En cours" in page
    assert "<td>Organisation (responsable ou partenaire), Statut</td>" in listed
    assert "organization=MCC" not in page + listed


def test_the_list_reads_as_many_queries_whatever_its_requests_filter(
    portfolio, manager, client, django_assert_max_num_queries
):
    client.force_login(manager)
    ask = partial(ReportRequest.objects.create, kind="roadmap_mcc", requested_by=manager)
    ask(plan=portfolio["online"].plan, query="organization=MCC")
    with CaptureQueriesContext(connection) as one:
        client.get(REPORTS)
    for query in ("organization=BAnQ", "organization=MCC&status=done", "tags=donnees"):
        ask(plan=portfolio["online"].plan, query=query)

    with django_assert_max_num_queries(len(one)):
        client.get(REPORTS)
