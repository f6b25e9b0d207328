"""The standard reports are rendered again in the background after the initiatives change."""

import pytest
from django.core.cache import cache

from initiatives.services import initiative_update
from reports import signals, tasks

pytestmark = pytest.mark.django_db


@pytest.fixture
def queued(monkeypatch, settings):
    """Record the refreshes queued instead of sending them to a broker."""
    settings.PTN_REPORTS_PRERENDER = True
    cache.delete(signals.CACHE_KEY)
    calls = []
    monkeypatch.setattr(
        tasks.refresh_standard_reports, "apply_async", lambda **kwargs: calls.append(kwargs)
    )
    yield calls
    cache.delete(signals.CACHE_KEY)


def test_a_change_queues_one_refresh_once_its_transaction_commits(
    portfolio, coordinator, queued, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        initiative_update(user=coordinator, initiative=portfolio["online"], data={"title": "A"})
        assert queued == []  # nothing before the commit

    assert callbacks
    assert queued == [{"countdown": signals.DEBOUNCE_SECONDS}]


def test_changes_within_the_debounce_window_queue_a_single_refresh(
    portfolio, coordinator, tags, queued, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        initiative_update(user=coordinator, initiative=portfolio["online"], data={"title": "A"})
    with django_capture_on_commit_callbacks(execute=True):
        portfolio["security"].tags.add(tags["ai"])

    assert len(queued) == 1


def test_nothing_is_queued_when_tasks_run_in_the_web_process(
    portfolio, coordinator, queued, settings, django_capture_on_commit_callbacks
):
    settings.PTN_REPORTS_PRERENDER = None  # eager tests: the default turns it off

    with django_capture_on_commit_callbacks(execute=True):
        initiative_update(user=coordinator, initiative=portfolio["online"], data={"title": "A"})

    assert queued == []
