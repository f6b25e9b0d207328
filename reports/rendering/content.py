"""Gather what one report shows: its plan, version, filters and rows, grouped."""

import datetime
from dataclasses import dataclass, field
from itertools import groupby

from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext as _

from initiatives.filtersets import InitiativeFilterSet
from initiatives.fiscal import FiscalQuarter
from initiatives.models import Initiative, Plan
from initiatives.permissions import SYSTEM
from initiatives.selectors import initiatives_visible_to
from reports.rendering import rows as row_data
from reports.rendering.filters import describe_filters, has_filters
from reports.rendering.layouts import LAYOUTS, Layout
from roadmap.gantt import Group, Window, group_rows
from roadmap.models import PlanVersion


class ReportInputError(ValueError):
    """The request cannot be rendered as asked; the message is for users."""


@dataclass
class ReportContent:
    layout: Layout
    plan: Plan
    version: PlanVersion | None
    window: Window
    current: FiscalQuarter
    pairs: list  # (values, ReportRow), in the template's order
    filters: list[tuple[str, str]] = field(default_factory=list)
    generated_at: datetime.datetime = field(default_factory=timezone.now)

    @property
    def rows(self):
        return [row for _values, row in self.pairs]

    def groups(self, pairs=None) -> list[Group]:
        pairs = self.pairs if pairs is None else pairs
        if self.layout.grouping == "organization_only":
            return _organization_groups(pairs)
        return group_rows(pairs, self.layout.grouping)


def report_content(request) -> ReportContent:
    """Read the rows of ``request`` (a ReportRequest) as its requester may see them."""
    layout = LAYOUTS[request.kind]
    plan = request.version.plan if request.version_id else request.plan
    window = Window(first=plan.first_quarter, last=plan.last_quarter)
    filterset = _filterset(request)
    values = _values(request, layout, filterset, plan)
    ids = [v["pk"] for v in values if v["pk"] is not None]
    build = row_data.RowFactory.for_ids(
        window=window,
        current=FiscalQuarter.current(),
        ids=ids,
        demo_label=_("démo"),
        tag_category=layout.tag_category,
    )
    return ReportContent(
        layout=layout,
        plan=plan,
        version=request.version,
        window=window,
        current=build.current,
        pairs=[(v, build(v)) for v in values],
        filters=describe_filters(filterset),
    )


def _filterset(request) -> InitiativeFilterSet:
    user = request.requested_by or SYSTEM
    visible = initiatives_visible_to(user, include_archived=request.version_id is not None)
    filterset = InitiativeFilterSet(QueryDict(request.query), queryset=visible)
    if not filterset.is_valid():
        raise ReportInputError(
            _("Les filtres de la demande ne sont plus valides : %(errors)s")
            % {"errors": "; ".join(str(e) for errors in filterset.errors.values() for e in errors)}
        )
    return filterset


def _values(request, layout: Layout, filterset, plan) -> list[dict]:
    order = row_data.sort_fields(
        "organization" if layout.grouping == "organization_only" else layout.grouping
    )
    within = filterset.qs if has_filters(filterset) else None
    if layout.tag_category:
        base = filterset.qs if within is not None else filterset.queryset
        tagged = Initiative.tags.through.objects.filter(tag__category=layout.tag_category)
        within = base.filter(pk__in=tagged.values("initiative_id"))
    if request.version_id:
        return row_data.entry_values(request.version, within, order)
    initiatives = filterset.queryset if within is None else within
    return row_data.initiative_values(initiatives.filter(plan=plan), order)


def _organization_groups(pairs) -> list[Group]:
    groups = []
    for _acronym, members in groupby(pairs, key=lambda pair: pair[0]["lead_organization__acronym"]):
        members = list(members)
        values = members[0][0]
        label = f"{values['lead_organization__acronym']} – {values['lead_organization__name']}"
        groups.append(Group(label=label, rows=[row for _v, row in members]))
    return groups
