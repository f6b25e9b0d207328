"""What the initiatives list shows for a request: the same rows for the page and the export."""

from dataclasses import dataclass

from django.db.models import QuerySet

from initiatives.filtersets import InitiativeFilterSet
from initiatives.selectors import initiatives_visible_to

DEFAULT_ORDER = ["lead_organization__sort_order", "code"]


@dataclass
class Listing:
    filterset: InitiativeFilterSet
    initiatives: QuerySet  # filtered and ordered
    archived: bool


def initiatives_listed(request) -> Listing:
    """Apply the request's filters (archived ones on demand) and its order, or the default one."""
    archived = request.GET.get("archived") == "1"
    queryset = initiatives_visible_to(request.user, include_archived=archived)
    if archived:
        queryset = queryset.filter(archived_at__isnull=False)
    filterset = InitiativeFilterSet(request.GET or None, queryset=queryset, request=request)
    filtered = filterset.qs
    # Keep the reader's chosen order, with the primary key as a stable tie-breaker.
    chosen = list(filtered.query.order_by) or DEFAULT_ORDER
    return Listing(filterset, filtered.order_by(*chosen, "pk"), archived)
