"""The MCN template's cover page: the plan's identity and headline counts, with a chart."""

from collections import Counter

from django.utils.translation import gettext as _

from initiatives.choices import Status
from initiatives.templatetags.ptn_format import money


def cover_context(content) -> dict:
    """Return the cover's figures, computed from the report's own rows."""
    rows = content.rows
    statuses = Counter(row.status for row in rows)
    benefit = sum(row.financial_benefit or 0 for row in rows)
    return {
        "window": content.plan.window_label,
        "figures": [
            (_("Initiatives"), len(rows)),
            (_("Mutualisées avec des partenaires"), sum(bool(row.level) for row in rows)),
            (_("Inscrites au 3PGTN"), sum(bool(row.three_pgtn) for row in rows)),
            (_("Bénéfice financier estimé"), money(benefit)),
        ],
        "statuses": [(label, statuses[value]) for value, label in Status.choices],
        "chart": status_by_ambition_chart(rows),
    }


def status_by_ambition_chart(rows) -> str:
    """Draw the initiatives by ambition and status with the dashboard's SVG charts, if present."""
    try:
        from roadmap.charts import STATUS_COLOURS, Row, Series, stacked_bar_chart
    except ImportError:  # the dashboard's charts are optional here
        return ""
    counts = Counter((row.ambition, row.status) for row in rows)
    ambitions = sorted({row.ambition for row in rows})
    series = [Series(value, str(label), STATUS_COLOURS[value]) for value, label in Status.choices]
    bars = [
        Row(_("Ambition %(n)s") % {"n": n}, tuple(counts[n, s.key] for s in series))
        for n in ambitions
    ]
    return stacked_bar_chart(
        bars,
        series,
        title=_("Initiatives par ambition d’affaires et par statut"),
        description=_("%(total)s initiatives, réparties par ambition puis par statut.")
        % {"total": len(rows)},
        id_prefix="couverture-ambitions",
    )
