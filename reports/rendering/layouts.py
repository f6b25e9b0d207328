"""What each kind of report is: its template, style sheet, grouping, columns and rows."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from initiatives.choices import TagCategory
from reports.choices import ReportKind
from reports.rendering import columns as cols


@dataclass(frozen=True)
class Layout:
    kind: str
    title: str
    template: str  # Jinja2, under templates/jinja2/
    stylesheet: str  # static path
    grouping: str  # a roadmap.gantt grouping, or "organization_only"
    columns: tuple
    landscape: bool = True
    tag_category: str | None = None  # keep only the initiatives with a tag of this category
    cover: bool = False
    totals: bool = False


def _tag_annex(kind: str, title: str, category: str) -> Layout:
    """Annexes 2 and 3: the initiatives with a tag of ``category``, by organisation, portrait."""
    return Layout(
        kind=kind,
        title=title,
        template="reports/annex.html",
        stylesheet="css/reports/annex.css",
        grouping="organization_only",
        columns=cols.ANNEX_COLUMNS,
        landscape=False,
        tag_category=category,
    )


LAYOUTS = {
    ReportKind.ROADMAP_MCC: Layout(
        kind=ReportKind.ROADMAP_MCC,
        title=_("Feuille de route – gabarit MCC"),
        template="reports/mcc.html",
        stylesheet="css/reports/mcc.css",
        grouping="organization",
        columns=cols.MCC_COLUMNS,
    ),
    ReportKind.ROADMAP_MCN: Layout(
        kind=ReportKind.ROADMAP_MCN,
        title=_("Feuille de route – gabarit MCN"),
        template="reports/mcn.html",
        stylesheet="css/reports/mcn.css",
        grouping="ambition",
        columns=cols.MCN_COLUMNS,
        cover=True,
    ),
    ReportKind.ANNEX_DATA: _tag_annex(
        ReportKind.ANNEX_DATA,
        _("Annexe 2 – Initiatives liées à la valorisation des données"),
        TagCategory.DATA,
    ),
    ReportKind.ANNEX_AI: _tag_annex(
        ReportKind.ANNEX_AI,
        _("Annexe 3 – Initiatives liées à l’intelligence artificielle"),
        TagCategory.AI,
    ),
    ReportKind.ANNEX_FULL: Layout(
        kind=ReportKind.ANNEX_FULL,
        title=_("Annexe 4 – Liste complète des initiatives et de leurs bénéfices"),
        template="reports/annex.html",
        stylesheet="css/reports/annex.css",
        grouping="organization_only",
        columns=cols.ANNEX_FULL_COLUMNS,
        totals=True,
    ),
}
