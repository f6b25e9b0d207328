"""The floor the API list is measured against (``make bench``): same rows, no formatting.

Served at ``/api/v1/_bench/initiatives/`` to coordinators only (it skips the
API's labels and filters, not its scope); it is not part of the documented API.
"""

from django.core.exceptions import PermissionDenied
from django.core.serializers.json import DjangoJSONEncoder
from django.http import JsonResponse
from django.views.decorators.http import require_GET

from initiatives.api.pagination import ApiPagination
from initiatives.fiscal import FiscalQuarter
from initiatives.models import Initiative
from initiatives.selectors import initiatives_visible_to

COLUMNS = [field.attname for field in Initiative._meta.concrete_fields]


class BareEncoder(DjangoJSONEncoder):
    def default(self, o):
        return o.label if isinstance(o, FiscalQuarter) else super().default(o)


@require_GET
def initiative_list_bare(request):
    """Return the first ``page_size`` visible initiatives straight from ``values()``."""
    if not request.user.has_perm("initiatives.manage_all_initiatives"):
        raise PermissionDenied
    size = _page_size(request)
    rows = initiatives_visible_to(request.user).order_by("lead_organization__sort_order", "code")
    rows = list(rows.prefetch_related(None).values(*COLUMNS)[:size])
    return JsonResponse({"count": len(rows), "results": rows}, encoder=BareEncoder)


def _page_size(request) -> int:
    try:
        size = int(request.GET.get("page_size", ""))
    except ValueError:
        return ApiPagination.page_size
    return min(max(size, 1), ApiPagination.max_page_size)
