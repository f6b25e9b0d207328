"""The quarterly Gantt roadmap page."""

from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from initiatives.choices import Status
from initiatives.filtersets import InitiativeFilterSet
from initiatives.selectors import current_plan, initiatives_visible_to
from roadmap.gantt import DEFAULT_GROUPING, GROUPINGS, render_rows
from roadmap.models import PlanVersion
from roadmap.selectors_gantt import roadmap_for
from roadmap.selectors_versions import baseline_schedules

FIXED_COLUMNS = 7  # title, organisation, ambition, theme, 3PGTN, mutualisation, status


@require_GET
def roadmap(request):
    """Show the initiatives against the plan's fiscal quarters, grouped as the reader chose."""
    plan = current_plan()
    if plan is None:
        return render(request, "roadmap/no_plan.html", status=404)
    grouping = request.GET.get("group", DEFAULT_GROUPING)
    grouping = grouping if grouping in GROUPINGS else DEFAULT_GROUPING
    filterset = InitiativeFilterSet(
        request.GET or None, queryset=initiatives_visible_to(request.user), request=request
    )
    versions = list(PlanVersion.objects.filter(plan=plan, published_at__isnull=False))
    version = _chosen_version(request, versions)
    baseline = baseline_schedules(version, filterset.qs.values("pk")) if version else None
    layout = roadmap_for(initiatives=filterset.qs, plan=plan, grouping=grouping, baseline=baseline)
    render_rows(layout, _row_context(layout))
    context = {
        "plan": plan,
        "roadmap": layout,
        "filterset": filterset,
        "filtered": _is_filtered(filterset),
        "grouping": grouping,
        "grouping_label": str(GROUPINGS[grouping]).lower(),
        "groupings": [(key, str(label)) for key, label in GROUPINGS.items()],
        "statuses": Status.choices,
        "versions": versions,
        "version": version,
        "column_count": FIXED_COLUMNS + layout.window.size,
    }
    return render(request, "roadmap/roadmap.html", context)


def _chosen_version(request, versions):
    """Return the published version picked for the planned bars, or None."""
    chosen = request.GET.get("version", "")
    return next((v for v in versions if str(v.pk) == chosen), None)


def _row_context(layout) -> dict:
    return {
        "quarter_count": layout.window.size,
        "detail_prefix": reverse("initiatives:list"),
        "demo_label": _("démo"),
        "planned_label": _("prévu :"),
    }


def _is_filtered(filterset) -> bool:
    if not filterset.is_bound or not filterset.form.is_valid():
        return False
    return any(
        value not in (None, "", [])
        for name, value in filterset.form.cleaned_data.items()
        if name != "ordering"
    )
