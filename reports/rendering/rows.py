"""The rows of a report, from today's initiatives or from a plan version's entries.

Rows are built from ``values()`` dicts, as the roadmap's are (roadmap.gantt), in
a constant number of queries. A version's entries carry what a version freezes
(title, organisation, ambition, theme, status, schedule, level, 3PGTN); the
rest (orientation, objective, partners, tags, benefits) is read from the
initiative the entry stands for, as it is today.
"""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from initiatives.models import Initiative
from initiatives.models.initiative import schedule_inconsistency
from initiatives.templatetags.ptn_format import money
from roadmap.gantt import SORT_FIELDS, VALUE_FIELDS, Texts, Window
from roadmap.models import PlanVersion, PlanVersionEntry
from roadmap.selectors_gantt import partner_acronyms

EXTRA_FIELDS = [
    "lead_organization__sort_order",
    "objective__code",
    "financial_benefit",
    "service_benefit",
]
# Entry field path <- initiative field path, for the fields a version does not freeze.
FROM_INITIATIVE = {
    "pk": "initiative_id",
    "orientation__number": "initiative__orientation__number",
    "orientation__title": "initiative__orientation__title",
    "objective__code": "initiative__objective__code",
    "financial_benefit": "initiative__financial_benefit",
    "service_benefit": "initiative__service_benefit",
}


@dataclass
class ReportRow:
    pk: int | None
    code: str
    title: str
    organization: str
    orientation: str
    orientation_label: str
    objective: str
    ambition: int
    theme: str
    three_pgtn: str
    level: str
    partners: str
    status: str
    status_label: str
    schedule: str
    bar: tuple[int, int] | None  # first and last quarter offsets in the window
    warning: str
    tags: str
    financial_benefit: int | None
    benefit_label: str
    service_benefit: str
    is_demo: bool


def entry_values(version: PlanVersion, within: QuerySet | None, order: list[str]) -> list[dict]:
    """Return the entries of ``version`` as initiative ``values()`` dicts, in ``order``."""
    entries = PlanVersionEntry.objects.filter(version=version)
    if within is not None:
        kept = within.order_by()
        entries = entries.filter(
            Q(initiative__in=kept.values("pk")) | Q(code__in=kept.values("code"))
        )
    paths = {name: FROM_INITIATIVE.get(name, name) for name in VALUE_FIELDS + EXTRA_FIELDS}
    rows = entries.order_by(*(paths.get(f, f) for f in order)).values(*set(paths.values()))
    return [{name: row[path] for name, path in paths.items()} for row in rows]


def initiative_values(initiatives: QuerySet, order: list[str]) -> list[dict]:
    return list(
        initiatives.order_by(*order).values(*VALUE_FIELDS, *EXTRA_FIELDS).prefetch_related(None)
    )


def sort_fields(grouping: str) -> list[str]:
    return SORT_FIELDS[grouping]


def tag_names(initiative_ids, category: str | None = None) -> dict[int, list[str]]:
    """Return the names of each initiative's tags (of ``category``), in one query."""
    links = Initiative.tags.through.objects.filter(initiative_id__in=initiative_ids)
    if category:
        links = links.filter(tag__category=category)
    names = defaultdict(list)
    for initiative_id, name in links.order_by("tag__name").values_list(
        "initiative_id", "tag__name"
    ):
        names[initiative_id].append(name)
    return names


@dataclass
class RowFactory:
    """Build the rows of one document: its window, today's quarter, partners and tags."""

    window: Window
    current: object
    partners: dict
    tags: dict
    texts: Texts
    demo_label: str

    @classmethod
    def for_ids(cls, *, window, current, ids, demo_label, tag_category=None):
        return cls(
            window=window,
            current=current,
            partners=partner_acronyms(Initiative.objects.filter(pk__in=ids)),
            tags=tag_names(ids, tag_category),
            texts=Texts.current(),
            demo_label=demo_label,
        )

    def __call__(self, values: dict) -> ReportRow:
        start, end, status = values["start_quarter"], values["end_quarter"], values["status"]
        inconsistency = schedule_inconsistency(status, start, end, self.current)
        benefit = values["financial_benefit"]
        return ReportRow(
            pk=values["pk"],
            code=values["code"],
            title=values["title"] + (f" ({self.demo_label})" if values["is_demo"] else ""),
            organization=values["lead_organization__acronym"],
            orientation=_or_blank(values["orientation__number"]),
            orientation_label=_orientation_label(values),
            objective=values["objective__code"] or "",
            ambition=values["ambition__number"],
            theme=_theme(values),
            three_pgtn="x" if values["is_3pgtn"] else "",
            level=_or_blank(values["mutualisation_level__rank"]),
            partners=", ".join(self.partners.get(values["pk"], ())),
            status=status,
            status_label=self.texts.statuses.get(status, status),
            schedule=self.texts.schedule(start, end),
            bar=self._bar(start, end),
            warning=self.texts.warnings[inconsistency] if inconsistency else "",
            tags=", ".join(self.tags.get(values["pk"], ())),
            financial_benefit=benefit,
            benefit_label=money(benefit) if benefit is not None else "",
            service_benefit=values["service_benefit"] or "",
            is_demo=values["is_demo"],
        )

    def _bar(self, start, end) -> tuple[int, int] | None:
        if start is None or end < self.window.first or start > self.window.last:
            return None
        first = max(start - self.window.first, 0)
        return first, min(end - self.window.first, self.window.size - 1)


def _or_blank(value) -> str:
    return "" if value is None else str(value)


def _theme(values: dict) -> str:
    parent, name = values["theme__parent__name"], values["theme__name"]
    if not name:
        return ""
    return f"{parent} - {name}" if parent else name


def _orientation_label(values: dict) -> str:
    number = values["orientation__number"]
    return "" if number is None else f"{number}. {values['orientation__title']}"
