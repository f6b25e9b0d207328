"""Render the standard reports again shortly after the initiatives change.

Decoupled wiring only (the services of initiatives know nothing of reports):
a change queues, once its transaction commits, one refresh for the next
DEBOUNCE_SECONDS whatever the number of changes meanwhile. The refresh asks
for the standard reports of the current state: whatever the fingerprint says
is unchanged is reused, the rest renders in the background, so that an
analyst's download is served at once and never stale.

Off when tasks run eagerly (no broker): rendering five reports inside the web
request that saved an initiative would make every save slow. The setting
PTN_REPORTS_PRERENDER (True/False) overrides that choice.
"""

from celery import current_app
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from initiatives.models import Initiative

DEBOUNCE_SECONDS = 30
CACHE_KEY = "reports:standard-refresh-scheduled"


def prerender_enabled() -> bool:
    setting = getattr(settings, "PTN_REPORTS_PRERENDER", None)
    return (not current_app.conf.task_always_eager) if setting is None else bool(setting)


def schedule_refresh() -> None:
    """Queue one refresh of the standard reports, unless one is already due."""
    if cache.add(CACHE_KEY, True, DEBOUNCE_SECONDS):
        from reports.tasks import refresh_standard_reports

        refresh_standard_reports.apply_async(countdown=DEBOUNCE_SECONDS)


@receiver(post_save, sender=Initiative, dispatch_uid="reports-initiative-saved")
@receiver(post_delete, sender=Initiative, dispatch_uid="reports-initiative-deleted")
def initiative_changed(sender, raw=False, **kwargs):
    if not raw and prerender_enabled():
        transaction.on_commit(schedule_refresh, robust=True)


@receiver(m2m_changed, sender=Initiative.partners.through, dispatch_uid="reports-partners")
@receiver(m2m_changed, sender=Initiative.tags.through, dispatch_uid="reports-tags")
def initiative_links_changed(sender, action, **kwargs):
    if action.startswith("post_") and prerender_enabled():
        transaction.on_commit(schedule_refresh, robust=True)
