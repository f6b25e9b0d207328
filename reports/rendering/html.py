"""Render a report's HTML with its Jinja2 template (see templates/jinja2/reports/)."""

from dataclasses import dataclass
from urllib.parse import quote

from django.template import engines
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from initiatives.choices import Status
from initiatives.templatetags.ptn_format import money, quantieme
from reports.rendering.columns import header_rows
from reports.rendering.content import ReportContent
from reports.rendering.cover import cover_context

AUTHOR = "Ministère de la Culture et des Communications"
LATE_BAR = 0.6  # a bar starting past this share of the window has its label end at its end


@dataclass(frozen=True)
class Section:
    """A slice of the rows, rendered as its own document (see reports.rendering.sections)."""

    index: int
    first_row: int
    row_count: int
    numbered: bool = False  # False: "Page X de Y" is stamped at assembly


WHOLE = Section(index=0, first_row=0, row_count=-1, numbered=True)


def render_html(content: ReportContent, section: Section = WHOLE) -> str:
    """Return the HTML of ``section`` of the report (the whole report by default)."""
    layout = content.layout
    end = None if section.row_count < 0 else section.first_row + section.row_count
    pairs = content.pairs[section.first_row : end]
    rows = [row for _values, row in pairs]
    top, bottom = header_rows(layout.columns, content.window)
    doc = _document(content)
    context = {
        "doc": doc,
        "layout": layout,
        "columns": layout.columns,
        "column_count": len(bottom) + sum(cell.rowspan == 2 for cell in top),
        "header_top": top,
        "header_bottom": bottom,
        "quarters": content.window.size,
        "window": content.window,
        "groups": content.groups(pairs),
        "counts": group_counts(content) if section.row_count >= 0 else {},
        "first": section.index == 0,
        "last": end is None or end >= len(content.pairs),
        "page_css": mark_safe(page_css(content, rows, doc["footer"], numbered=section.numbered)),
        "legend": legend(),
        "totals": totals(content) if layout.totals else None,
    }
    if layout.cover and section.index == 0:
        context["cover"] = cover_context(content)
    return engines["jinja2"].get_template(layout.template).render(context)


def group_counts(content: ReportContent) -> dict:
    """Return the size of every group of the whole report, for sections that show a part."""
    counts = {}
    for group in content.groups():
        counts[group.label, None] = group.count
        for subgroup in group.subgroups:
            counts[group.label, subgroup.label] = subgroup.count
    return counts


def _document(content: ReportContent) -> dict:
    version = content.version
    state = (
        _("Version « %(name)s » du %(date)s")
        % {"name": version.name, "date": quantieme(version.published_on).removeprefix("le ")}
        if version
        else _("État actuel des initiatives")
    )
    generated = _("Généré %(date)s") % {"date": quantieme(content.generated_at)}
    return {
        "title": f"{content.plan.name} – {content.layout.title}",
        "plan": content.plan,
        "state": state,
        "generated": generated,
        "generated_on": quantieme(content.generated_at),
        "created": content.generated_at.isoformat(timespec="seconds"),
        "author": AUTHOR,
        "filters": content.filters,
        "total": len(content.pairs),
        "demo": sum(row.is_demo for row in content.rows),
        "inconsistent": sum(bool(row.warning) for row in content.rows),
        "footer": f"{content.plan.name} · {state} · {generated}",
    }


def legend() -> dict:
    return {
        "statuses": [(value, str(label)) for value, label in Status.choices],
        "now": _("Trimestre en cours"),
        "warning": _("Statut incohérent avec l’échéancier"),
        "three_pgtn": _("Inscrite au 3PGTN (portefeuille de projets prioritaires gouvernemental)"),
    }


def totals(content: ReportContent) -> dict:
    benefits = [row.financial_benefit for row in content.rows if row.financial_benefit]
    return {"count": len(content.pairs), "benefit": money(sum(benefits)), "with": len(benefits)}


def page_css(content: ReportContent, rows, footer: str, *, numbered: bool) -> str:
    """Return the document's own CSS: its footer, its bars, the current quarter."""
    rules = [f"@page {{ @bottom-left {{ content: {css_string(footer)} }} }}"]
    if not numbered:
        rules.append("@page { @bottom-right { content: none } }")
    window = content.window
    for first, last in sorted({row.bar for row in rows if row.bar}):
        rules.append(bar_rules(first, last, window.size))
    now = content.current - window.first if window.position(content.current) is not None else None
    svg = quote(grid_svg(window.size, now))
    rules.append(f'colgroup.timeline {{ background-image: url("data:image/svg+xml,{svg}") }}')
    return "\n".join(rules)


def bar_rules(first: int, last: int, size: int) -> str:
    """Return the rules of a bar on quarters ``first`` to ``last`` and of its label.

    The label starts where the bar starts, or, for a late bar, ends where it
    ends, so that it stays inside the timeline.
    """
    bar = (
        f".b{first}-{last}{{margin-left:{_pct(first, size)};width:{_pct(last - first + 1, size)}}}"
    )
    if first <= size * LATE_BAR:
        return bar + f".w{first}-{last}{{margin-left:{_pct(first, size)}}}"
    return bar + f".w{first}-{last}{{width:{_pct(last + 1, size)};text-align:right}}"


def grid_svg(size: int, current: int | None) -> str:
    """Return the timeline's background: a line between fiscal years, the current quarter."""
    parts = (
        [f'<rect x="{current * 10}" y="0" width="10" height="10" fill="#f7d6cf"/>']
        if (current is not None)
        else []
    )
    for quarter in range(1, size):
        colour, width = ("#8a96a6", 0.8) if quarter % 4 == 0 else ("#e3e7ec", 0.4)
        parts.append(
            f'<line x1="{quarter * 10}" y1="0" x2="{quarter * 10}" y2="10" '
            f'stroke="{colour}" stroke-width="{width}"/>'
        )
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 '
        f'{size * 10} 10" preserveAspectRatio="none">{"".join(parts)}</svg>'
    )


def _pct(part: float, whole: float) -> str:
    return f"{part * 100 / whole:.3f}%"


def css_string(text: str) -> str:
    """Quote ``text`` as a CSS string that cannot close the <style> element."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ")
    return '"' + escaped.replace("<", "\\3c ") + '"'
