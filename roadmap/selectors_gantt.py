"""Reads behind the roadmap: a constant number of queries whatever the portfolio's size."""

from collections import defaultdict

from django.db.models import QuerySet

from initiatives.fiscal import FiscalQuarter
from initiatives.models import Initiative, Plan
from roadmap.gantt import (
    SORT_FIELDS,
    VALUE_FIELDS,
    Roadmap,
    RowBuilder,
    Texts,
    Window,
    group_rows,
)


def plan_window(plan: Plan) -> Window:
    return Window(first=plan.first_quarter, last=plan.last_quarter)


def partner_acronyms(initiatives: QuerySet) -> dict[int, list[str]]:
    """Return the partners' acronyms of each initiative of ``initiatives``, in one query."""
    through = Initiative.partners.through
    rows = (
        through.objects.filter(initiative__in=initiatives.values("pk"))
        .order_by("organization__sort_order", "organization__acronym")
        .values_list("initiative_id", "organization__acronym")
    )
    partners = defaultdict(list)
    for initiative_id, acronym in rows:
        partners[initiative_id].append(acronym)
    return partners


def roadmap_for(
    *,
    initiatives: QuerySet,
    plan: Plan,
    grouping: str,
    current: FiscalQuarter | None = None,
    baseline: dict | None = None,
) -> Roadmap:
    """Lay out ``initiatives`` as the roadmap of ``plan``, grouped by ``grouping``.

    ``baseline`` maps initiative ids to a planned (start, end), drawn under each bar.
    """
    current = current or FiscalQuarter.current()
    window = plan_window(plan)
    values = list(
        initiatives.order_by(*SORT_FIELDS[grouping]).values(*VALUE_FIELDS).prefetch_related(None)
    )
    build_row = RowBuilder(
        window, current, partner_acronyms(initiatives), baseline or {}, Texts.current()
    )
    pairs = [(v, build_row(v)) for v in values]
    inconsistent = [row for _v, row in pairs if row.warning]
    if inconsistent:
        inconsistent[0].first_inconsistent = True
    return Roadmap(
        window=window,
        current=current,
        grouping=grouping,
        groups=group_rows(pairs, grouping),
        total=len(pairs),
        demo=sum(row.is_demo for _v, row in pairs),
        inconsistent=len(inconsistent),
    )
