"""Reference views for `make bench`: the same rows as the roadmap, with no formatting.

They answer 404 unless settings.PTN_BENCH_VIEWS is true (the bench turns it on),
so they are never part of the product.
"""

from django.conf import settings
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET

from initiatives.filtersets import InitiativeFilterSet
from initiatives.selectors import initiatives_visible_to
from roadmap.gantt import SORT_FIELDS, VALUE_FIELDS


@require_GET
def bare_roadmap(request):
    """Render the roadmap's rows straight from values(): the floor the roadmap is measured against."""
    if not getattr(settings, "PTN_BENCH_VIEWS", False):
        raise Http404
    filterset = InitiativeFilterSet(
        request.GET or None, queryset=initiatives_visible_to(request.user), request=request
    )
    rows = filterset.qs.order_by(*SORT_FIELDS["organization"]).values(*VALUE_FIELDS)
    return render(request, "roadmap/bench_bare.html", {"rows": rows})
