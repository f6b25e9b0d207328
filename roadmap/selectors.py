"""Reads behind the roadmap pages and the dashboard."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Q, Sum
from django.utils import timezone

from initiatives.choices import Status
from initiatives.fiscal import FiscalQuarter
from initiatives.models import Ambition, Organization
from initiatives.models.initiative import inconsistent_schedule_q
from initiatives.selectors import initiatives_visible_to


@dataclass
class Bar:
    label: str
    count: int
    key: str = ""
    percent: int = 0  # share of the largest bar of its breakdown, 0-100


@dataclass
class HeadlineFigures:
    total: int = 0
    mutualised: int = 0
    three_pgtn: int = 0
    demo: int = 0
    financial_benefit: int = 0
    inconsistent: int = 0
    as_of: datetime.date = field(default_factory=timezone.localdate)
    by_status: list[Bar] = field(default_factory=list)
    by_ambition: list[Bar] = field(default_factory=list)
    by_organization: list[Bar] = field(default_factory=list)

    @property
    def largest_organization_count(self) -> int:
        return max((bar.count for bar in self.by_organization), default=0)


def portfolio_headline_figures(*, user) -> HeadlineFigures:
    """Count the visible, non-archived initiatives by status, ambition and organisation.

    Four queries whatever the size of the portfolio.
    """
    initiatives = initiatives_visible_to(user).order_by()
    totals = initiatives.aggregate(
        total=Count("pk"),
        mutualised=Count("pk", filter=Q(mutualisation_level__isnull=False)),
        three_pgtn=Count("pk", filter=Q(is_3pgtn=True)),
        demo=Count("pk", filter=Q(is_demo=True)),
        financial_benefit=Sum("financial_benefit", default=0),
        inconsistent=Count("pk", filter=inconsistent_schedule_q(FiscalQuarter.current())),
    )
    status_counts = dict(initiatives.values_list("status").annotate(n=Count("pk")))
    ambition_counts = Ambition.objects.annotate(
        n=Count("initiatives", filter=Q(initiatives__in=initiatives))
    )
    organization_counts = Organization.objects.annotate(
        n=Count("led_initiatives", filter=Q(led_initiatives__in=initiatives))
    )
    return HeadlineFigures(
        **totals,
        by_status=_scaled(
            Bar(label, status_counts.get(value, 0), value) for value, label in Status.choices
        ),
        by_ambition=_scaled(Bar(str(a), a.n, str(a.number)) for a in ambition_counts),
        by_organization=_scaled(Bar(o.name, o.n, o.acronym) for o in organization_counts),
    )


def _scaled(bars) -> list[Bar]:
    """Set each bar's percent against the largest of the breakdown (for drawing)."""
    bars = list(bars)
    largest = max((bar.count for bar in bars), default=0)
    for bar in bars:
        bar.percent = round(100 * bar.count / largest) if largest else 0
    return bars
