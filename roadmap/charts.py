"""Server-side SVG charts of the dashboard, for the browser and the PDF reports alike.

Every function is pure: figures in, markup out. A chart is an inline ``<svg>``
with ``role="img"``, a ``<title>`` and a ``<desc>`` named by ``aria-labelledby``,
a ``viewBox`` so that it scales and prints crisp, literal colours (WeasyPrint
draws SVG without the page's CSS variables), its numbers written on the bars,
and no script. Pages put the chart's data table right after it.

A chart fills the width of its container (``width: 100%; height: auto``, which
WeasyPrint honours, unlike ``max-width``): size the container, 10-14 cm in a PDF.
Pass another ``id_prefix`` to draw the same chart twice in one document.

Text goes through format_html, which escapes what XML needs escaped; characters
XML forbids (control characters) are dropped first.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass

from django.contrib.humanize.templatetags.humanize import intcomma
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from initiatives.choices import Status

# The roadmap's status colours: keep equal to the --status-* custom properties
# of static/css/roadmap.css. White text on each passes 4.5:1.
STATUS_COLOURS = {
    Status.NOT_STARTED: "#5c6b7d",
    Status.IN_PROGRESS: "#095797",
    Status.DONE: "#3f7031",
    Status.SUSPENDED: "#a34f00",
    Status.ABANDONED: "#8c1d1d",
}

# Design-system tokens (qc-trousse-sdg, light theme) the charts draw with.
TOKENS = {
    "blue-piv": "#095797",
    "blue-dark": "#223654",  # --qc-color-text-primary
    "blue-regular": "#1472bf",
    "blue-pale": "#dae6f0",
    "blue-medium-pale": "#adcdeb",
    "purple": "#6b4fa1",
    "grey-light": "#c5cad2",
    "grey-dark": "#4e5662",
    "white": "#ffffff",
}

# Shades of the mutualisation matrix, lightest first: (background, text colour).
# Every pair passes 4.5:1; a count's shade is its share of the largest count.
HEAT_SHADES = (
    (TOKENS["blue-pale"], TOKENS["blue-dark"]),
    (TOKENS["blue-medium-pale"], TOKENS["blue-dark"]),
    (TOKENS["blue-regular"], TOKENS["white"]),
    (TOKENS["blue-piv"], TOKENS["white"]),
    (TOKENS["blue-dark"], TOKENS["white"]),
)
NO_SHADE = (TOKENS["white"], TOKENS["grey-dark"])

# The charts' width in SVG units: narrow, so that their text stays legible when a
# phone scales them down; the page caps how far they grow.
WIDTH = 420
FONT_SIZE = 13
FONT_FAMILY = "Open Sans, Helvetica, Arial, sans-serif"
CHAR_WIDTH = 0.56  # of the font size: a generous average, so that labels fit
LABEL_WIDTH = 160  # widest label left of a bar; longer ones are shortened
_NBSP = "\u00a0"
_XML_FORBIDDEN = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclass(frozen=True)
class Series:
    """One coloured part of every bar (a status, "starts", "ends")."""

    key: str
    label: str
    colour: str


@dataclass(frozen=True)
class Row:
    """A bar, or a group of columns: its label and one value per series."""

    label: str
    values: tuple[int, ...]

    @property
    def total(self) -> int:
        return sum(self.values)


@dataclass(frozen=True)
class HeatCell:
    """A cell of the mutualisation matrix; count None on the diagonal."""

    count: int | None
    background: str
    colour: str

    @property
    def style(self) -> str:
        return f"background-color: {self.background}; color: {self.colour}"


# Dashboard charts ---------------------------------------------------------------


def status_by_ambition_svg(figures, *, id_prefix: str = "graphique-ambitions") -> SafeString:
    """Draw one bar per ambition, split by status (figures.status_by_ambition)."""
    cross = figures.status_by_ambition
    series = [Series(value, str(label), STATUS_COLOURS[value]) for value, label in cross.statuses]
    rows = [Row(row.short_label, tuple(row.counts)) for row in cross.rows]
    summary = "; ".join(f"{row.label}{_NBSP}: {intcomma(row.total)}" for row in rows)
    description = _("%(total)s. %(summary)s. Chaque barre est divisée par statut.") % {
        "total": _initiatives(cross.total),
        "summary": summary,
    }
    return stacked_bar_chart(
        rows,
        series,
        title=_("Initiatives par ambition d’affaires et par statut"),
        description=description,
        id_prefix=id_prefix,
        labels_above=True,
    )


def starts_and_ends_svg(figures, *, id_prefix: str = "graphique-annees") -> SafeString:
    """Draw, per fiscal year of the plan, the initiatives that start and that end."""
    years = figures.starts_and_ends.years
    series = [
        Series("starts", _("Débuts"), TOKENS["blue-piv"]),
        Series("ends", _("Fins"), TOKENS["purple"]),
    ]
    rows = [Row(year.label, (year.starts, year.ends)) for year in years]
    summary = "; ".join(
        _("%(year)s : débuts %(starts)s, fins %(ends)s")
        % {"year": year.label, "starts": intcomma(year.starts), "ends": intcomma(year.ends)}
        for year in years
    )
    return column_chart(
        rows,
        series,
        title=_("Débuts et fins d’initiatives par année financière"),
        description=f"{summary}." if summary else _("Aucune année à afficher."),
        id_prefix=id_prefix,
    )


def organizations_svg(figures, *, id_prefix: str = "graphique-organisations") -> SafeString:
    """Draw one bar per organisation: the initiatives it leads (figures.by_organization)."""
    rows = [Row(bar.key or bar.label, (bar.count,)) for bar in figures.by_organization]
    summary = "; ".join(f"{row.label}{_NBSP}: {intcomma(row.total)}" for row in rows)
    return stacked_bar_chart(
        rows,
        [Series("led", _("Initiatives"), TOKENS["blue-piv"])],
        title=_("Initiatives par organisation responsable"),
        description=f"{summary}." if summary else _("Aucune organisation à afficher."),
        id_prefix=id_prefix,
        legend=False,
    )


def heat_matrix(matrix) -> list[tuple[object, list[HeatCell]]]:
    """Pair each row of the mutualisation matrix with its shaded cells."""
    largest = matrix.largest
    return [
        (row, [HeatCell(count, *heat_shade(count, largest)) for count in row.cells])
        for row in matrix.rows
    ]


def heat_shade(count: int | None, largest: int) -> tuple[str, str]:
    """Return the (background, text colour) of a count against the largest one."""
    if not count or not largest:
        return NO_SHADE
    step = min(len(HEAT_SHADES) - 1, (count * len(HEAT_SHADES) - 1) // largest)
    return HEAT_SHADES[step]


def status_legend(figures) -> list[tuple[str, str, str]]:
    """Return (value, label, colour) of each status, for the tables beside the charts."""
    return [
        (value, str(label), STATUS_COLOURS[value])
        for value, label in figures.status_by_ambition.statuses
    ]


def dashboard_charts(figures) -> dict:
    """Return everything the dashboard template draws, by name."""
    return {
        "status_by_ambition": status_by_ambition_svg(figures),
        "starts_and_ends": starts_and_ends_svg(figures),
        "organizations": organizations_svg(figures),
        "status_legend": status_legend(figures),
        "matrix": heat_matrix(figures.matrix),
    }


def _initiatives(count: int) -> str:
    return ngettext("%(count)s initiative", "%(count)s initiatives", count) % {
        "count": intcomma(count)
    }


# Generic charts -------------------------------------------------------------------


def stacked_bar_chart(
    rows: Sequence[Row],
    series: Sequence[Series],
    *,
    title: str,
    description: str,
    id_prefix: str,
    legend: bool = True,
    width: int = WIDTH,
    labels_above: bool = False,
) -> SafeString:
    """Draw horizontal bars, each split into one segment per series, total at its end.

    Labels sit left of their bar, or above it (``labels_above``) when they are long.
    Segments carry their value when it fits; with one series only the total is written.
    """
    top, legend_markup = 8, SafeString()
    if legend:
        legend_markup, legend_height = _legend(series, x=8, y=top, width=width)
        top += legend_height + 8
    label_width = 0 if labels_above else _label_column(rows)
    label_line = _LABEL_LINE if labels_above else 0
    plot = _Plot(x=label_width + 8, width=width - label_width - 64, largest=_largest(rows))
    pitch = _ROW_PITCH + label_line
    bars = [
        _stacked_bar(row, series, plot, y=top + index * pitch, label_line=label_line)
        for index, row in enumerate(rows)
    ]
    height = top + len(rows) * pitch + 4
    axis = _line(plot.x, top + label_line - 4, plot.x, height - 4, TOKENS["grey-dark"])
    return _svg(
        width=width,
        height=height,
        id_prefix=id_prefix,
        title=title,
        description=description,
        body=_join([legend_markup, *bars, axis]),
    )


_BAR_HEIGHT = 24
_ROW_PITCH = 34
_LABEL_LINE = 20


def _label_column(rows: Sequence[Row]) -> float:
    return min(LABEL_WIDTH, max((_text_width(row.label) for row in rows), default=0)) + 8


@dataclass(frozen=True)
class _Plot:
    x: float
    width: float
    largest: int

    def length(self, value: int) -> float:
        return self.width * value / self.largest if self.largest else 0


def _stacked_bar(row, series, plot: _Plot, *, y: float, label_line: float) -> SafeString:
    if label_line:
        label = _text(_fit(row.label, plot.width + 48), plot.x, y + FONT_SIZE, weight="bold")
    else:
        label = _text(
            _fit(row.label, LABEL_WIDTH), plot.x - 8, _baseline(y + _BAR_HEIGHT / 2), anchor="end"
        )
    y += label_line
    parts = [label]
    x, labelled = plot.x, len(series) > 1
    for part, value in zip(series, row.values, strict=True):
        length = plot.length(value)
        if length:
            parts.append(_segment(row, part, value, x, y, length, labelled=labelled))
        x += length
    total = _text(intcomma(row.total), x + 6, _baseline(y + _BAR_HEIGHT / 2), weight="bold")
    return _join([*parts, total])


def _segment(row, part, value, x, y, length, *, labelled=True) -> SafeString:
    tooltip = f"{row.label} – {part.label}{_NBSP}: {intcomma(value)}"
    rect = format_html(
        '<rect x="{}" y="{}" width="{}" height="{}" fill="{}" stroke="{}" stroke-width="1">'
        "<title>{}</title></rect>",
        _n(x),
        _n(y),
        _n(length),
        _BAR_HEIGHT,
        part.colour,
        TOKENS["white"],
        _clean(tooltip),
    )
    label = intcomma(value)
    if not labelled or length < _text_width(label) + 8:
        return rect
    centre = _text(
        label, x + length / 2, _baseline(y + _BAR_HEIGHT / 2), anchor="middle", fill=TOKENS["white"]
    )
    return _join([rect, centre])


def column_chart(
    groups: Sequence[Row],
    series: Sequence[Series],
    *,
    title: str,
    description: str,
    id_prefix: str,
) -> SafeString:
    """Draw vertical columns side by side for each group, with values above them."""
    legend_markup, legend_height = _legend(series, x=8, y=8, width=WIDTH)
    plot_top = 8 + legend_height + 24  # room for the tallest column's value
    plot_height = 160
    baseline = plot_top + plot_height
    group_width = (WIDTH - 16) / max(len(groups), 1)
    largest = max((max(group.values, default=0) for group in groups), default=0)
    parts = [legend_markup]
    for index, group in enumerate(groups):
        x = 8 + index * group_width
        parts.append(_column_group(group, series, x, group_width, baseline, plot_height, largest))
    parts.append(_line(8, baseline, WIDTH - 8, baseline, TOKENS["grey-dark"]))
    return _svg(
        width=WIDTH,
        height=baseline + 28,
        id_prefix=id_prefix,
        title=title,
        description=description,
        body=_join(parts),
    )


def _column_group(group, series, x, width, baseline, plot_height, largest) -> SafeString:
    bar_width = min(36, width * 0.8 / max(len(series), 1))
    left = x + (width - bar_width * len(series)) / 2
    parts = []
    for index, (part, value) in enumerate(zip(series, group.values, strict=True)):
        height = plot_height * value / largest if largest else 0
        bar_x = left + index * bar_width
        tooltip = f"{group.label} – {part.label}{_NBSP}: {intcomma(value)}"
        parts.append(
            format_html(
                '<rect x="{}" y="{}" width="{}" height="{}" fill="{}" stroke="{}" '
                'stroke-width="1"><title>{}</title></rect>',
                _n(bar_x),
                _n(baseline - height),
                _n(bar_width),
                _n(height),
                part.colour,
                TOKENS["white"],
                _clean(tooltip),
            )
        )
        value_y = baseline - height - 6
        parts.append(_text(intcomma(value), bar_x + bar_width / 2, value_y, anchor="middle"))
    size = min(FONT_SIZE - 1, width / max(len(group.label) * CHAR_WIDTH, 1))
    parts.append(
        _text(group.label, x + width / 2, baseline + 18, anchor="middle", size=round(size, 1))
    )
    return _join(parts)


# SVG pieces --------------------------------------------------------------------------


def _svg(*, width, height, id_prefix, title, description, body) -> SafeString:
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        'aria-labelledby="{0}-title {0}-desc" viewBox="0 0 {1} {2}" width="{1}" height="{2}" '
        'style="width: 100%; height: auto" font-family="{3}" font-size="{4}" fill="{5}">'
        '<title id="{0}-title">{6}</title><desc id="{0}-desc">{7}</desc>{8}</svg>',
        id_prefix,
        _n(width),
        _n(height),
        FONT_FAMILY,
        FONT_SIZE,
        TOKENS["blue-dark"],
        _clean(title),
        _clean(description),
        body,
    )


def _legend(series: Sequence[Series], *, x: float, y: float, width: float):
    """Lay the series' swatches and labels out in lines; return them and their height."""
    parts, left, top = [], x, y
    for part in series:
        item_width = 14 + 6 + _text_width(part.label) + 18
        if left + item_width > width and left > x:
            left, top = x, top + 20
        parts.append(
            format_html(
                '<rect x="{}" y="{}" width="14" height="14" fill="{}"/>',
                _n(left),
                _n(top),
                part.colour,
            )
        )
        parts.append(_text(part.label, left + 20, _baseline(top + 7)))
        left += item_width
    return _join(parts), top - y + 16


def _text(content, x, y, *, anchor="start", fill=None, weight=None, size=None) -> SafeString:
    extra = _join(
        format_html(' {}="{}"', name, value)
        for name, value in (("fill", fill), ("font-weight", weight), ("font-size", size))
        if value is not None
    )
    return format_html(
        '<text x="{}" y="{}" text-anchor="{}"{}>{}</text>',
        _n(x),
        _n(y),
        anchor,
        extra,
        _clean(str(content)),
    )


def _line(x1, y1, x2, y2, colour) -> SafeString:
    return format_html(
        '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" stroke-width="1"/>',
        _n(x1),
        _n(y1),
        _n(x2),
        _n(y2),
        colour,
    )


def _join(parts) -> SafeString:
    return format_html_join("", "{}", ((part,) for part in parts)) or mark_safe("")


def _baseline(middle: float) -> float:
    # Centre the text on ``middle`` without dominant-baseline, which WeasyPrint ignores.
    return middle + FONT_SIZE * 0.35


def _largest(rows: Sequence[Row]) -> int:
    return max((row.total for row in rows), default=0)


def _text_width(text: str, size: float = FONT_SIZE) -> float:
    return len(text) * size * CHAR_WIDTH


def _fit(text: str, width: float) -> str:
    """Shorten ``text`` with an ellipsis until it fits ``width`` (the table has it whole)."""
    if _text_width(text) <= width:
        return text
    keep = max(1, int(width / (FONT_SIZE * CHAR_WIDTH)) - 1)
    return text[:keep].rstrip() + "…"


def _clean(text: str) -> str:
    return _XML_FORBIDDEN.sub("", str(text))


def _n(value: float) -> str:
    """Write a coordinate briefly: 12, 12.5."""
    return f"{value:.1f}".removesuffix(".0")
