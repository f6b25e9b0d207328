"""The input fingerprint of a report: two requests with the same one get the same PDF.

It covers what a report is made of: its kind, its normalised filters, the plan
and version, the data (initiatives, their history and links, the reference
data), today's fiscal quarter (the "current quarter" marks and the flags), and
the templates. Whatever changes one of them changes the fingerprint, so a reused
file is never stale.
"""

import hashlib
import json
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.db.models import Count, Max
from django.http import QueryDict
from django.utils.http import urlencode

from initiatives.filtersets import InitiativeFilterSet
from initiatives.fiscal import FiscalQuarter
from initiatives.models import (
    Ambition,
    Initiative,
    MutualisationLevel,
    Objective,
    Organization,
    Orientation,
    Plan,
    Tag,
    Theme,
)

# Bump when the rendering code changes what a PDF shows (the template and CSS
# files are hashed on their own, see template_stamp).
TEMPLATE_VERSION = 1
TEMPLATE_DIRS = ("templates/jinja2/reports", "static/css/reports")
# Filters of the roadmap a report keeps; "ordering" is left out: each template sorts its rows.
FILTER_KEYS = tuple(name for name in InitiativeFilterSet.base_filters if name != "ordering")
REFERENCE_FIELDS = (
    (Organization, ("acronym", "name", "sort_order")),
    (Orientation, ("organization_id", "number", "title")),
    (Objective, ("orientation_id", "code", "title")),
    (Ambition, ("number", "title", "short_title")),
    (Theme, ("parent_id", "name")),
    (MutualisationLevel, ("rank", "name")),
    (Tag, ("slug", "name", "category")),
    (Plan, ("name", "title", "first_fiscal_year", "years", "is_current")),
)


def normalize_query(query) -> str:
    """Return the filters of ``query`` (a string or a QueryDict) in one canonical order.

    Unknown keys, "ordering" and empty values are dropped, so that two ways of
    writing the same filters give the same string.
    """
    data = QueryDict(query or "") if isinstance(query, str) else query
    pairs = {
        (key, value.strip())
        for key in FILTER_KEYS
        for value in data.getlist(key)
        if value and value.strip()
    }
    return urlencode(sorted(pairs))


def report_fingerprint(*, kind: str, query: str, plan_id: int, version_id: int | None) -> str:
    """Return the hex SHA-256 of everything the report of these inputs is made of."""
    inputs = {
        "kind": kind,
        "query": query,
        "plan": plan_id,
        "version": version_id,
        "quarter": FiscalQuarter.current().index,
        "data": data_stamp(),
        "templates": template_stamp(),
    }
    return hashlib.sha256(json.dumps(inputs, sort_keys=True).encode()).hexdigest()


def data_stamp() -> str:
    """Return a digest that changes whenever a report's data may have changed (12 queries)."""
    parts = [
        _table_stamp(Initiative.objects, "updated_at"),
        _table_stamp(Initiative.history.model.objects, "history_id"),
        _table_stamp(Initiative.partners.through.objects, "pk"),
        _table_stamp(Initiative.tags.through.objects, "pk"),
    ]
    for model, fields in REFERENCE_FIELDS:
        rows = model.objects.order_by("pk").values_list("pk", *fields)
        parts.append(hashlib.sha256(repr(list(rows)).encode()).hexdigest())
    return hashlib.sha256("|".join(parts).encode()).hexdigest()


def _table_stamp(manager, latest_field: str) -> str:
    figures = manager.order_by().aggregate(count=Count("pk"), latest=Max(latest_field))
    return f"{figures['count']}:{figures['latest']}"


@lru_cache(maxsize=1)
def template_stamp() -> str:
    """Return a digest of the report templates and style sheets (read once per process)."""
    digest = hashlib.sha256(str(TEMPLATE_VERSION).encode())
    for folder in TEMPLATE_DIRS:
        for path in sorted((Path(settings.BASE_DIR) / folder).rglob("*")):
            if path.is_file():
                digest.update(path.name.encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()
