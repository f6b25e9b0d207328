"""Lay out the quarterly roadmap: groups of rows, each row one bar on the plan's window.

Pure computation on plain dicts (from ``values()``), shared by the HTML page and
the PDF reports, so that both draw one bar per row instead of 24 quarter cells.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import groupby

from django.template import engines
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from initiatives.choices import Status
from initiatives.fiscal import FiscalQuarter, FiscalYear, schedule_label
from initiatives.models.initiative import INCONSISTENCY_MESSAGES, schedule_inconsistency

GROUPINGS = {
    "organization": gettext_lazy("Organisation puis orientation"),
    "ambition": gettext_lazy("Ambition puis thème"),
    "mutualisation": gettext_lazy("Niveau de mutualisation"),
}
DEFAULT_GROUPING = "organization"


@dataclass
class Window:
    """The plan's quarters: where a quarter sits on the timeline, in percent."""

    first: FiscalQuarter
    last: FiscalQuarter

    @property
    def size(self) -> int:
        return self.last - self.first + 1

    @property
    def years(self) -> list[FiscalYear]:
        return [FiscalYear(year) for year in range(self.first.year, self.last.year + 1)]

    @property
    def quarters(self) -> list[FiscalQuarter]:
        return [self.first + offset for offset in range(self.size)]

    def span(self, start: FiscalQuarter, end: FiscalQuarter) -> tuple[float, float]:
        """Return (left, width) in percent of the window, clipped to it."""
        origin, size = self.first.index, self.size
        first = max(start.index - origin, 0)
        last = min(end.index - origin, size - 1)
        return round(first * 100 / size, 3), round((last - first + 1) * 100 / size, 3)

    def position(self, quarter: FiscalQuarter) -> float | None:
        """Return where a quarter starts, in percent, or None outside the window."""
        if not self.first <= quarter <= self.last:
            return None
        return round((quarter - self.first) * 100 / self.size, 3)


@dataclass
class Row:
    pk: int
    code: str
    title: str
    organization: str
    ambition: int
    theme: str
    status: str
    status_label: str
    is_3pgtn: bool
    level: int | None
    partners: str
    schedule: str
    is_demo: bool
    bar: str = ""  # inline style of the bar: "left:..%;width:..%"
    baseline: str = ""  # inline style of the planned bar, when a version is chosen
    baseline_schedule: str = ""
    warning: str = ""
    first_inconsistent: bool = False


@dataclass
class Group:
    label: str
    subgroups: list["Group"] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    rows_html: str = ""  # the rows rendered by render_rows()

    @property
    def count(self) -> int:
        return len(self.rows) + sum(group.count for group in self.subgroups)


@dataclass
class Roadmap:
    window: Window
    current: FiscalQuarter
    grouping: str
    groups: list[Group]
    total: int
    demo: int
    inconsistent: int

    @property
    def current_position(self) -> float | None:
        return self.window.position(self.current)

    @property
    def table_style(self) -> str:
        """Return the CSS variables of the table (built here: templates localise decimals)."""
        style = f"--quarters:{self.window.size}"
        if self.current_position is not None:
            style += f";--now:{self.current_position}%"
        return style


def render_rows(roadmap: Roadmap, context: dict) -> None:
    """Render every group's rows with the Jinja2 row template (see ptn.jinja2)."""
    template = engines["jinja2"].get_template("roadmap/rows.html")
    for group in roadmap.groups:
        for part in group.subgroups or [group]:
            # Jinja2 autoescapes every value: the result is safe HTML.
            part.rows_html = mark_safe(template.render({**context, "rows": part.rows}))


@dataclass
class Texts:
    """The words of every row, translated once per page rather than once per row."""

    statuses: dict
    warnings: dict
    range: str

    @classmethod
    def current(cls) -> "Texts":
        return cls(
            statuses={value: str(label) for value, label in Status.choices},
            warnings={key: str(text) for key, text in INCONSISTENCY_MESSAGES.items()},
            range=_("%(start)s à %(end)s"),
        )

    def schedule(self, start, end) -> str:
        if start is None:
            return schedule_label(start, end)
        return (
            start.label if start == end else self.range % {"start": start.label, "end": end.label}
        )


@dataclass
class RowBuilder:
    """Build the rows of one page: its window, today's quarter, partners and baseline."""

    window: Window
    current: FiscalQuarter
    partners: dict
    baseline: dict
    texts: Texts

    def __call__(self, values: dict) -> Row:
        start, end, status = values["start_quarter"], values["end_quarter"], values["status"]
        inconsistency = schedule_inconsistency(status, start, end, self.current)
        row = Row(
            pk=values["pk"],
            code=values["code"],
            title=values["title"],
            organization=values["lead_organization__acronym"],
            ambition=values["ambition__number"],
            theme=_theme(values),
            status=status,
            status_label=self.texts.statuses.get(status, status),
            is_3pgtn=values["is_3pgtn"],
            level=values["mutualisation_level__rank"],
            partners=", ".join(self.partners.get(values["pk"], ())),
            schedule=self.texts.schedule(start, end),
            is_demo=values["is_demo"],
            warning=self.texts.warnings[inconsistency] if inconsistency else "",
        )
        if start is not None:
            row.bar = "left:{}%;width:{}%".format(*self.window.span(start, end))
        planned = self.baseline.get(values["pk"])
        if planned:
            row.baseline = "left:{}%;width:{}%".format(*self.window.span(*planned))
            row.baseline_schedule = self.texts.schedule(*planned)
        return row


def _theme(values: dict) -> str:
    parent, name = values["theme__parent__name"], values["theme__name"]
    if not name:
        return ""
    return f"{parent} - {name}" if parent else name


def group_rows(rows: Iterable[tuple[dict, Row]], grouping: str) -> list[Group]:
    """Group rows (already sorted by the grouping's keys) in two levels at most."""
    levels = GROUP_LEVELS[grouping]
    return _groups(list(rows), levels)


def _groups(pairs: list, levels: tuple) -> list[Group]:
    (fields, label), deeper = levels[0], levels[1:]
    groups = []
    for _key, members in groupby(pairs, key=lambda pair: tuple(pair[0][f] for f in fields)):
        members = list(members)
        group = Group(label=label(members[0][0]))
        if deeper:
            group.subgroups = _groups(members, deeper)
        else:
            group.rows = [row for _values, row in members]
        groups.append(group)
    return groups


def _organization_label(values):
    return f"{values['lead_organization__acronym']} – {values['lead_organization__name']}"


def _orientation_label(values):
    number = values["orientation__number"]
    if number is None:
        return _("Sans orientation")
    return _("Orientation %(number)s : %(title)s") % {
        "number": number,
        "title": values["orientation__title"],
    }


def _ambition_label(values):
    return f"{values['ambition__number']}. {values['ambition__title']}"


def _theme_label(values):
    return _theme(values) or _("Sans thème")


def _level_label(values):
    rank = values["mutualisation_level__rank"]
    if rank is None:
        return _("Non mutualisées")
    return _("Niveau %(rank)s – %(name)s") % {
        "rank": rank,
        "name": values["mutualisation_level__name"],
    }


# Each grouping: its levels, each the fields that change the group and its label.
GROUP_LEVELS = {
    "organization": (
        (("lead_organization__acronym",), _organization_label),
        (("orientation__number",), _orientation_label),
    ),
    "ambition": (
        (("ambition__number",), _ambition_label),
        (("theme__parent__name", "theme__name"), _theme_label),
    ),
    "mutualisation": ((("mutualisation_level__rank",), _level_label),),
}
SORT_FIELDS = {
    "organization": [
        "lead_organization__sort_order",
        "lead_organization__acronym",
        "orientation__number",
        "code",
    ],
    "ambition": ["ambition__number", "theme__parent__name", "theme__name", "code"],
    "mutualisation": ["mutualisation_level__rank", "code"],
}
VALUE_FIELDS = [
    "pk",
    "code",
    "title",
    "status",
    "is_3pgtn",
    "is_demo",
    "start_quarter",
    "end_quarter",
    "lead_organization__acronym",
    "lead_organization__name",
    "orientation__number",
    "orientation__title",
    "ambition__number",
    "ambition__title",
    "theme__name",
    "theme__parent__name",
    "mutualisation_level__rank",
    "mutualisation_level__name",
]
