"""Reports rendered by a real Celery worker over the real Redis, killed mid-render or not.

Skipped unless PTN_WORKER_TESTS=1, with PostgreSQL (DATABASE_URL: the worker,
another process, must see the rows this test commits) and a broker
(CELERY_BROKER_URL). CI runs them once more after the suite (see
the README, "Worker tests"):

    PTN_WORKER_TESTS=1 DATABASE_URL=postgres://postgres@127.0.0.1:5432/ptn_ci \\
        CELERY_BROKER_URL=redis://127.0.0.1:6379/14 .venv/bin/pytest -m worker
"""

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.db import connection

from ptn.celery import app
from reports.choices import ReportKind, ReportState
from reports.models import ReportRequest
from reports.services import report_request_create
from tests.reports.conftest import pdf_pages_text

pytestmark = [
    pytest.mark.worker,
    pytest.mark.skipif(
        os.environ.get("PTN_WORKER_TESTS") != "1", reason="PTN_WORKER_TESTS=1 not set"
    ),
    pytest.mark.django_db(transaction=True),
]
VENV_BIN = Path(sys.executable).parent
LAUNCHER = Path(__file__).with_name("worker_main.py")
RENDER_DELAY = 6  # seconds each render sleeps in the kill tests, to be caught mid-render


@pytest.fixture
def broker(db):
    """Send tasks to Redis from this process; skip where there is no PostgreSQL or broker."""
    if connection.vendor != "postgresql":
        pytest.skip("the worker tests need PostgreSQL (DATABASE_URL)")
    if not settings.CELERY_BROKER_URL:
        pytest.skip("the worker tests need a broker (CELERY_BROKER_URL)")
    eager = app.conf.task_always_eager
    app.conf.task_always_eager = False
    app.control.purge()
    yield app
    app.conf.task_always_eager = eager


@pytest.fixture
def workers(broker, media):
    """Start workers on demand; stop them all (and their pool) after the test."""
    started = []

    def start(*, delay: float = 0, visibility_timeout: int | None = None) -> subprocess.Popen:
        name = f"reports-test-{os.getpid()}-{len(started)}@{socket.gethostname()}"
        process = subprocess.Popen(
            _command(name, visibility_timeout),
            env=_worker_env(media, delay, visibility_timeout),
            start_new_session=True,  # its own process group: killable with its pool
        )
        started.append(process)
        _wait_until(lambda: broker.control.ping(destination=[name], timeout=0.5), 60)
        return process

    yield start
    for process in started:
        _kill_group(process, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            _kill_group(process, signal.SIGKILL)
            process.wait()


def _command(name: str, visibility_timeout: int | None) -> list[str]:
    options = ["--pool=prefork", "--concurrency=1", "--loglevel=info", "-n", name]
    options += ["--without-gossip", "--without-mingle"]
    if visibility_timeout:
        return [sys.executable, str(LAUNCHER), *options]
    return [str(VENV_BIN / "celery"), "-A", "ptn", "worker", *options]


def _worker_env(media, delay: float, visibility_timeout: int | None) -> dict:
    database = settings.DATABASES["default"]  # inside a test: the test database
    credentials = quote(database["USER"]) + (
        f":{quote(database['PASSWORD'])}" if database["PASSWORD"] else ""
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "ptn.settings.local",
        "DATABASE_URL": (
            f"postgres://{credentials}@{database['HOST'] or '127.0.0.1'}:"
            f"{database['PORT'] or 5432}/{database['NAME']}"
        ),
        "CELERY_BROKER_URL": settings.CELERY_BROKER_URL,
        "DJANGO_MEDIA_ROOT": str(media),
        "PTN_WORKER_TESTS": "1",
        "PTN_REPORT_RENDER_DELAY": str(delay),
    }
    if visibility_timeout:
        env["PTN_TEST_VISIBILITY_TIMEOUT"] = str(visibility_timeout)
    return env


def _kill_group(process: subprocess.Popen, signum: int) -> None:
    with contextlib.suppress(ProcessLookupError):  # already gone
        os.killpg(process.pid, signum)


def _wait_until(condition, seconds: float):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        result = condition()
        if result:
            return result
        time.sleep(0.2)
    raise AssertionError(f"still waiting after {seconds} s")


def _state(report) -> ReportRequest:
    return ReportRequest.objects.get(pk=report.pk)


def _ask(user) -> ReportRequest:
    """Ask for a report in a transaction of its own: the task is queued when it commits."""
    return report_request_create(user=user, kind=ReportKind.ROADMAP_MCC, query="organization=MCC")


def _rendered_files(media) -> list[Path]:
    return sorted((Path(media) / "reports").rglob("*.pdf"))


def test_a_worker_renders_a_report_queued_on_commit(portfolio, manager, workers, media):
    workers()

    report = _ask(manager)

    done = _wait_until(lambda: _state(report).state == ReportState.DONE, 60)
    report = _state(report)
    assert done and report.attempts == 1 and report.pages == 1
    assert [path.name for path in _rendered_files(media)] == [Path(report.file.name).name]


def test_a_report_whose_worker_process_is_killed_mid_render_completes_once(
    portfolio, manager, workers, media
):
    workers(delay=RENDER_DELAY)
    report = _ask(manager)
    claimed = _wait_until(lambda: _state(report).claimed_by, 60)
    killed_pid = int(claimed.rsplit(":", 1)[1])

    os.kill(killed_pid, signal.SIGKILL)  # the pool process rendering it, as the OOM killer would

    _wait_until(lambda: _state(report).state == ReportState.DONE, 90)
    report = _state(report)
    assert report.attempts == 2
    assert int(report.claimed_by.rsplit(":", 1)[1]) != killed_pid
    assert len(_rendered_files(media)) == 1
    assert ReportRequest.objects.count() == 1


def test_a_report_whose_whole_worker_is_killed_completes_once_on_another_worker(
    portfolio, manager, workers, media
):
    first = workers(delay=RENDER_DELAY)
    report = _ask(manager)
    _wait_until(lambda: _state(report).claimed_by, 60)

    _kill_group(first, signal.SIGKILL)  # the node dies: its message stays unacknowledged
    first.wait()
    # Redis gives an unacknowledged message back after the visibility timeout,
    # shortened for this second worker only.
    workers(visibility_timeout=3)

    _wait_until(lambda: _state(report).state == ReportState.DONE, 90)
    report = _state(report)
    assert report.attempts == 2
    assert len(_rendered_files(media)) == 1


def test_two_worker_processes_share_a_report_in_sections_numbered_as_one(
    two_sections_of_initiatives, manager, workers, media
):
    workers()
    workers()

    report = report_request_create(user=manager, kind=ReportKind.ROADMAP_MCC, query="")

    _wait_until(lambda: _state(report).state == ReportState.DONE, 120)
    report = _state(report)
    sections = list(report.section_set.order_by("index"))
    assert report.sections == 2 and len(sections) == 2
    assert all(section.state == ReportState.DONE for section in sections)
    pages = pdf_pages_text(Path(report.file.path).read_bytes())
    assert len(pages) == report.pages
    assert f"Page {report.pages} de {report.pages}" in pages[-1]
    text = "\n".join(pages)
    assert all(i.title in text for i in two_sections_of_initiatives)
