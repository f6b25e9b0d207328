"""Reads behind the roadmap pages and the dashboard.

portfolio_headline_figures runs eight queries whatever the size of the portfolio:
the totals, status x ambition, the ambitions, the organisations, starts and ends
by fiscal year, the current plan, and two for the mutualisation matrix.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, ExpressionWrapper, F, IntegerField, Q, Sum
from django.utils import timezone

from initiatives.choices import Status
from initiatives.fiscal import QUARTERS_PER_YEAR, FiscalQuarter, FiscalYear
from initiatives.models import Ambition, Initiative, Organization
from initiatives.models.initiative import inconsistent_schedule_q
from initiatives.selectors import current_plan, initiatives_visible_to


@dataclass
class Bar:
    label: str
    count: int
    key: str = ""
    percent: int = 0  # share of the largest bar of its breakdown, 0-100
    amount: int | None = None  # a sum of money tied to the bar (estimated benefits)


@dataclass
class AmbitionRow:
    """One ambition's initiatives counted by status (in Status order)."""

    label: str
    short_label: str
    key: str  # the ambition's number, as the roadmap's filter takes it
    counts: list[int]

    @property
    def total(self) -> int:
        return sum(self.counts)


@dataclass
class StatusByAmbition:
    statuses: list[tuple[str, str]]  # (value, label), the columns
    rows: list[AmbitionRow]

    @property
    def totals(self) -> list[int]:
        return [sum(row.counts[i] for row in self.rows) for i in range(len(self.statuses))]

    @property
    def total(self) -> int:
        return sum(row.total for row in self.rows)


@dataclass
class YearCount:
    """How many initiatives start, and how many end, in one fiscal year."""

    label: str
    year: int  # the calendar year of its 1 April
    starts: int = 0
    ends: int = 0


@dataclass
class StartsAndEnds:
    years: list[YearCount]
    unscheduled: int = 0  # no schedule at all
    outside: int = 0  # a start or an end outside the plan's window


@dataclass
class MatrixRow:
    label: str  # the organisation's name
    key: str  # its acronym
    cells: list[int | None]  # None on the diagonal


@dataclass
class MutualisationMatrix:
    """Organisation x organisation: how many initiatives the two share.

    Two organisations share an initiative when one leads it and the other is a
    partner, or when both are partners of it.
    """

    rows: list[MatrixRow]

    @property
    def largest(self) -> int:
        return max((cell or 0 for row in self.rows for cell in row.cells), default=0)


@dataclass
class HeadlineFigures:
    total: int = 0
    mutualised: int = 0
    three_pgtn: int = 0
    demo: int = 0
    financial_benefit: int = 0
    inconsistent: int = 0
    unscheduled: int = 0
    as_of: datetime.date = field(default_factory=timezone.localdate)
    by_status: list[Bar] = field(default_factory=list)
    by_ambition: list[Bar] = field(default_factory=list)
    by_organization: list[Bar] = field(default_factory=list)
    status_by_ambition: StatusByAmbition = field(
        default_factory=lambda: StatusByAmbition(list(Status.choices), [])
    )
    starts_and_ends: StartsAndEnds = field(default_factory=lambda: StartsAndEnds([]))
    matrix: MutualisationMatrix = field(default_factory=lambda: MutualisationMatrix([]))

    @property
    def largest_organization_count(self) -> int:
        return max((bar.count for bar in self.by_organization), default=0)


def portfolio_headline_figures(*, user) -> HeadlineFigures:
    """Count the visible, non-archived initiatives every way the dashboard shows them."""
    initiatives = initiatives_visible_to(user).order_by()
    totals = initiatives.aggregate(
        total=Count("pk"),
        mutualised=Count("pk", filter=Q(mutualisation_level__isnull=False)),
        three_pgtn=Count("pk", filter=Q(is_3pgtn=True)),
        demo=Count("pk", filter=Q(is_demo=True)),
        financial_benefit=Sum("financial_benefit", default=0),
        inconsistent=Count("pk", filter=inconsistent_schedule_q(FiscalQuarter.current())),
        unscheduled=Count("pk", filter=Q(start_quarter__isnull=True)),
    )
    cross = status_by_ambition(initiatives)
    organizations = organizations_with_counts(initiatives)
    return HeadlineFigures(
        **totals,
        by_status=_scaled(
            Bar(str(label), count, value)
            for (value, label), count in zip(cross.statuses, cross.totals, strict=True)
        ),
        by_ambition=_scaled(Bar(row.label, row.total, row.key) for row in cross.rows),
        by_organization=_scaled(organizations),
        status_by_ambition=cross,
        starts_and_ends=starts_and_ends(initiatives, unscheduled=totals["unscheduled"]),
        matrix=mutualisation_matrix(initiatives, organizations),
    )


def status_by_ambition(initiatives) -> StatusByAmbition:
    """Cross-count ``initiatives`` by ambition (rows) and status (columns): two queries."""
    counts = {
        (ambition_id, status): n
        for ambition_id, status, n in initiatives.order_by()
        .values_list("ambition_id", "status")
        .annotate(n=Count("pk"))
    }
    rows = [
        AmbitionRow(
            label=str(ambition),
            short_label=f"{ambition.number}. {ambition.short_title or ambition.title}",
            key=str(ambition.number),
            counts=[counts.get((ambition.pk, value), 0) for value in Status.values],
        )
        for ambition in Ambition.objects.all()
    ]
    return StatusByAmbition(statuses=list(Status.choices), rows=rows)


def organizations_with_counts(initiatives) -> list[Bar]:
    """Return every organisation with the initiatives it leads and their benefits: one query."""
    led = Q(led_initiatives__in=initiatives.values("pk"))
    # A grouped query drops Meta.ordering: order explicitly.
    organizations = Organization.objects.annotate(
        n=Count("led_initiatives", filter=led),
        benefit=Sum("led_initiatives__financial_benefit", filter=led, default=0),
    ).order_by("sort_order", "acronym")
    return [Bar(o.name, o.n, o.acronym, amount=o.benefit) for o in organizations]


def _fiscal_year_of(field_name: str) -> ExpressionWrapper:
    # Quarters are stored as year * 4 + quarter - 1: integer division gives the year.
    return ExpressionWrapper(F(field_name) / QUARTERS_PER_YEAR, output_field=IntegerField())


def starts_and_ends(initiatives, *, unscheduled: int = 0) -> StartsAndEnds:
    """Count starts and ends by fiscal year over the current plan's window: two queries.

    The pairs (start year, end year) are grouped in the database, so the rows
    read are at most the square of the plan's years, whatever the portfolio.
    """
    plan = current_plan()
    years = [FiscalYear(year) for year in _window_years(plan)]
    by_year = {year.start: YearCount(year.label, year.start) for year in years}
    pairs = (
        initiatives.order_by()
        .filter(start_quarter__isnull=False)
        .annotate(
            start_year=_fiscal_year_of("start_quarter"), end_year=_fiscal_year_of("end_quarter")
        )
        .values_list("start_year", "end_year")
        .annotate(n=Count("pk"))
    )
    outside = 0
    for start_year, end_year, n in pairs:
        if start_year in by_year:
            by_year[start_year].starts += n
        if end_year in by_year:
            by_year[end_year].ends += n
        if start_year not in by_year or end_year not in by_year:
            outside += n
    return StartsAndEnds(list(by_year.values()), unscheduled=unscheduled, outside=outside)


def _window_years(plan) -> list[int]:
    if plan is None:
        return []
    return [year.start for year in plan.fiscal_years]


def mutualisation_matrix(initiatives, organizations: list[Bar]) -> MutualisationMatrix:
    """Count the initiatives each pair of organisations shares: two queries.

    One query pairs each initiative's lead with its partners, the other pairs the
    partners of one initiative among themselves (each pair once, the smaller id
    first); the matrix is their symmetric sum, with nothing on the diagonal.
    """
    links = Initiative.partners.through.objects.filter(initiative__in=initiatives.values("pk"))
    lead_partner = links.values_list(
        "initiative__lead_organization__acronym", "organization__acronym"
    )
    partner_partner = (
        links.annotate(other=F("initiative__partners"))
        .filter(organization_id__lt=F("other"))
        .values_list("organization__acronym", "initiative__partners__acronym")
    )
    shared: dict[tuple[str, str], int] = {}
    for pairs in (lead_partner, partner_partner):
        for first, second, n in pairs.order_by().annotate(n=Count("pk")):
            shared[first, second] = shared.get((first, second), 0) + n
            shared[second, first] = shared.get((second, first), 0) + n
    keys = [bar.key for bar in organizations]
    return MutualisationMatrix(
        [
            MatrixRow(
                bar.label,
                bar.key,
                [None if key == bar.key else shared.get((bar.key, key), 0) for key in keys],
            )
            for bar in organizations
        ]
    )


def _scaled(bars) -> list[Bar]:
    """Set each bar's percent against the largest of the breakdown (for drawing)."""
    bars = list(bars)
    largest = max((bar.count for bar in bars), default=0)
    for bar in bars:
        bar.percent = round(100 * bar.count / largest) if largest else 0
    return bars
