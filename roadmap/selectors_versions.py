"""Reads of plan versions: the list, and the baseline the roadmap draws under each bar."""

from collections.abc import Iterable

from django.db.models import Count, Q, QuerySet

from initiatives.fiscal import FiscalQuarter
from roadmap.models import PlanVersion, PlanVersionEntry

VIEW_PERMISSION = "initiatives.view_initiative"


def can_view_versions(user) -> bool:
    """A version is a copy of initiatives: whoever may read initiatives may read it."""
    return user.has_perm(VIEW_PERMISSION)


def plan_versions(plan=None) -> QuerySet[PlanVersion]:
    """Return the published versions, newest first, with their number of initiatives."""
    versions = (
        PlanVersion.objects.filter(published_at__isnull=False)
        .select_related("plan", "published_by")
        .annotate(
            entry_count=Count("entries"),
            demo_count=Count("entries", filter=Q(entries__is_demo=True)),
        )
        .order_by("-published_on", "-pk")
    )
    return versions if plan is None else versions.filter(plan=plan)


def with_previous(versions: Iterable[PlanVersion]) -> list[tuple[PlanVersion, PlanVersion | None]]:
    """Pair each version (newest first) with the one published before it in the same plan."""
    versions = list(versions)
    pairs = []
    for index, version in enumerate(versions):
        older = (v for v in versions[index + 1 :] if v.plan_id == version.plan_id)
        pairs.append((version, next(older, None)))
    return pairs


def baseline_schedules(
    version: PlanVersion | None, initiative_ids: Iterable[int]
) -> dict[int, tuple[FiscalQuarter, FiscalQuarter]]:
    """Return the schedule ``version`` gave each of ``initiative_ids`` (one query).

    Initiatives absent from the version, or without a schedule in it, are left
    out. ``initiative_ids`` may be a list or a ``values("pk")`` queryset.
    """
    if version is None:
        return {}
    rows = PlanVersionEntry.objects.filter(
        version=version,
        initiative_id__in=initiative_ids,
        start_quarter__isnull=False,
        end_quarter__isnull=False,
    ).values_list("initiative_id", "start_quarter", "end_quarter")
    return {initiative_id: (start, end) for initiative_id, start, end in rows.order_by()}
