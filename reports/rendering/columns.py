"""The columns of every report template, declared here and nowhere else.

A column names the ReportRow attribute it shows, its header, the header group
it sits under (the seed's "Plan stratégique", "Plan de transformation
numérique"...), its width and how its cells are drawn. The Jinja2 templates
loop over these declarations: to add, remove, rename or widen a column, edit
the tuples below (and the template's CSS for anything else).
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

# Cell kinds and their class (short: it is written in every cell of every row).
# "row" is the row header (the initiative); "timeline" the bar on the plan's
# quarters, which takes the width the other columns leave.
CELL_CLASSES = {"text": "", "center": "c", "row": "r", "timeline": "tl", "money": "m"}


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    width: str = ""  # a CSS length; empty for the timeline
    group: str = ""  # header group; empty: the header spans both header rows
    kind: str = "text"
    abbr: str = ""  # full name of an abbreviated header, for screen readers

    @property
    def css(self) -> str:
        return CELL_CLASSES[self.kind]


PLAN_STRATEGIQUE = _("Plan stratégique")
PLAN_TN = _("Plan de transformation numérique")
THEMATIQUE = _("Thématique de l’initiative")
STATUS = Column("status_label", _("Statut"), "15mm")
TIMELINE = Column("schedule", _("Échéancier"), kind="timeline")

# The seed's table (gabarit MCC), in its order.
MCC_COLUMNS = (
    Column("organization", _("Org."), "11mm", PLAN_STRATEGIQUE, "center", _("Organisation")),
    Column("orientation", _("Or."), "7mm", PLAN_STRATEGIQUE, "center", _("Orientation")),
    Column("objective", _("Obj."), "8mm", PLAN_STRATEGIQUE, "center", _("Objectif stratégique")),
    Column("ambition", _("Amb."), "7mm", PLAN_TN, "center", _("Ambition d’affaires")),
    Column("title", _("Initiative"), "56mm", PLAN_TN, "row"),
    Column("three_pgtn", "3PGTN", "9mm", PLAN_TN, "center"),
    Column("theme", _("Thème - Sous-thème"), "40mm", THEMATIQUE),
    TIMELINE,
    STATUS,
)

# The government-wide layout (gabarit MCN): see the README, "The MCN template".
MCN_COLUMNS = (
    Column("title", _("Initiative"), "60mm", kind="row"),
    Column("organization", _("Responsable"), "14mm", kind="center"),
    Column("partners", _("Partenaires"), "24mm"),
    Column("level", _("Mutu."), "9mm", kind="center", abbr=_("Niveau de mutualisation")),
    Column("three_pgtn", "3PGTN", "9mm", kind="center"),
    TIMELINE,
    STATUS,
)

ANNEX_COLUMNS = (
    Column("title", _("Initiative"), "62mm", kind="row"),
    Column("ambition", _("Amb."), "9mm", kind="center", abbr=_("Ambition d’affaires")),
    Column("tags", _("Axes"), "38mm"),
    Column("schedule", _("Échéancier"), "36mm"),
    Column("status_label", _("Statut"), "17mm"),
)

ANNEX_FULL_COLUMNS = (
    Column("title", _("Initiative"), "58mm", kind="row"),
    Column("orientation_label", _("Orientation"), "46mm"),
    Column("ambition", _("Amb."), "8mm", kind="center", abbr=_("Ambition d’affaires")),
    Column("schedule", _("Échéancier"), "30mm"),
    Column("status_label", _("Statut"), "15mm"),
    Column("benefit_label", _("Bénéfice financier estimé"), "24mm", kind="money"),
    Column("service_benefit", _("Amélioration de service"), ""),
)


@dataclass(frozen=True)
class HeaderCell:
    label: str
    colspan: int = 1
    rowspan: int = 1
    abbr: str = ""
    css: str = ""


def header_rows(columns, window) -> tuple[list[HeaderCell], list[HeaderCell]]:
    """Return the two header rows: groups (and years) above, columns (and quarters) below.

    A column without a group spans both rows; consecutive columns of one group share it.
    """
    top, bottom = [], []
    for column in columns:
        if column.kind == "timeline":
            top += [HeaderCell(year.label, 4, css="year") for year in window.years]
            bottom += [
                HeaderCell(q.short_label, abbr=q.label, css="quarter") for q in window.quarters
            ]
        elif not column.group:
            top.append(
                HeaderCell(str(column.label), rowspan=2, abbr=str(column.abbr), css=column.css)
            )
        elif top and top[-1].label == str(column.group) and top[-1].css == "group":
            top[-1] = HeaderCell(top[-1].label, top[-1].colspan + 1, css="group")
            bottom.append(HeaderCell(str(column.label), abbr=str(column.abbr), css=column.css))
        else:
            top.append(HeaderCell(str(column.group), css="group"))
            bottom.append(HeaderCell(str(column.label), abbr=str(column.abbr), css=column.css))
    return top, bottom
