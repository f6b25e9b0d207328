"""Compare two states of the plan: two versions, or a version and today's initiatives.

Each side is a PlanVersion, or None for the current state (the plan's
non-archived initiatives). Initiatives are matched by code. Two queries in all,
whatever the size of the plan: one per side.

Filtering (the roadmap's filters): ``within`` is a queryset of initiatives,
typically the InitiativeFilterSet applied to every visible initiative, archived
ones included. The filters therefore judge each initiative on its current
attributes, on both sides:

- today's side keeps the non-archived initiatives of ``within``;
- a version's side keeps the entries whose initiative is in ``within``, matched
  by its link or, when the link was lost, by its code;
- an entry whose code no longer names any initiative (dropped from the plan
  before it was ever recorded, or deleted) has no current attributes to judge:
  it is shown when no filter is set (``within`` is None) and left out as soon
  as one is.
"""

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from initiatives.choices import Status
from initiatives.fiscal import FiscalQuarter, schedule_label
from initiatives.models import Initiative, Organization
from initiatives.selectors import current_plan
from roadmap.choices import ChangeKind
from roadmap.models import PlanVersion, PlanVersionEntry

MINUS = "\u2212"


class IncomparableStates(ValueError):
    """The two sides cannot be compared; the message is for users."""


@dataclass(frozen=True)
class State:
    """One initiative as one side of a comparison has it."""

    code: str
    title: str
    organization: Organization
    status: str
    start: FiscalQuarter | None
    end: FiscalQuarter | None
    initiative_id: int | None
    is_demo: bool

    @property
    def schedule_label(self) -> str:
        return schedule_label(self.start, self.end)

    @property
    def status_label(self) -> str:
        return Status(self.status).label if self.status in Status.values else self.status


@dataclass
class ChangeRow:
    """An initiative that differs between the two sides, with every way it differs."""

    code: str
    before: State | None
    after: State | None
    kinds: list[str]

    @property
    def shown(self) -> State:
        """Return the side whose title and organisation the row displays (the newer)."""
        return self.after or self.before

    @property
    def initiative_id(self) -> int | None:
        """Return the initiative the row stands for today, when it still exists."""
        ids = [state.initiative_id for state in (self.after, self.before) if state]
        return next((pk for pk in ids if pk is not None), None)

    @property
    def kind_labels(self) -> list[str]:
        return [ChangeKind(kind).label for kind in self.kinds]

    @property
    def start_shift(self) -> int | None:
        return _shift(self.before, self.after, "start")

    @property
    def end_shift(self) -> int | None:
        return _shift(self.before, self.after, "end")

    @property
    def end_shift_label(self) -> str:
        return shift_label(self.end_shift)

    @property
    def start_shift_label(self) -> str:
        return shift_label(self.start_shift)

    @property
    def status_changed(self) -> bool:
        return ChangeKind.STATUS_CHANGED in self.kinds

    @property
    def is_demo(self) -> bool:
        return any(state.is_demo for state in (self.before, self.after) if state)


@dataclass(frozen=True)
class KindCount:
    kind: str
    label: str
    count: int


@dataclass
class Comparison:
    """What changed from ``base`` to ``target`` (None: the current state)."""

    base: PlanVersion | None
    target: PlanVersion | None
    rows: list[ChangeRow] = field(default_factory=list)
    unchanged: int = 0
    filtered: bool = False

    @property
    def base_label(self) -> str:
        return side_label(self.base)

    @property
    def target_label(self) -> str:
        return side_label(self.target)

    @property
    def counts(self) -> list[KindCount]:
        """Return the number of rows of each kind (a row may count under two kinds)."""
        tally = Counter(kind for row in self.rows for kind in row.kinds)
        return [KindCount(kind, label, tally[kind]) for kind, label in ChangeKind.choices]

    def count(self, kind: str) -> int:
        return sum(kind in row.kinds for row in self.rows)

    @property
    def demo_count(self) -> int:
        return sum(row.is_demo for row in self.rows)


def side_label(version: PlanVersion | None) -> str:
    return version.name if version else _("État actuel")


def shift_label(quarters: int | None) -> str:
    """Return a shift as users read it: "+2 trimestres", "−1 trimestre"; "" for none."""
    if not quarters:
        return ""
    sign = "+" if quarters > 0 else MINUS
    count = abs(quarters)
    return ngettext("%(sign)s%(count)s trimestre", "%(sign)s%(count)s trimestres", count) % {
        "sign": sign,
        "count": count,
    }


def compare(
    base: PlanVersion | None,
    target: PlanVersion | None,
    *,
    within: QuerySet[Initiative] | None = None,
    plan=None,
) -> Comparison:
    """Return what changed from ``base`` to ``target``, optionally only ``within`` some initiatives."""
    plan_id = _plan_id(base, target, plan)
    before = _states(base, plan_id, within)
    after = _states(target, plan_id, within)
    comparison = Comparison(base=base, target=target, filtered=within is not None)
    for code in before.keys() | after.keys():
        kinds = change_kinds(before.get(code), after.get(code))
        if kinds:
            comparison.rows.append(ChangeRow(code, before.get(code), after.get(code), kinds))
        else:
            comparison.unchanged += 1
    comparison.rows.sort(key=_row_order)
    return comparison


def change_kinds(before: State | None, after: State | None) -> list[str]:
    """Return every way an initiative changed between two states, in display order."""
    if before is None:
        return [ChangeKind.ADDED]
    if after is None:
        return [ChangeKind.REMOVED]
    kinds = _schedule_kinds(before, after)
    if before.status != after.status:
        kinds.append(ChangeKind.STATUS_CHANGED)
    return kinds


def _schedule_kinds(before: State, after: State) -> list[str]:
    """Slipped: ends later (or, same end, starts later); advanced: the reverse."""
    if (before.start, before.end) == (after.start, after.end):
        return []
    end_shift = _shift(before, after, "end")
    start_shift = _shift(before, after, "start")
    if end_shift is None or start_shift is None:
        return [ChangeKind.RESCHEDULED]  # a schedule set or removed: no shift to measure
    shift = end_shift or start_shift
    return [ChangeKind.SLIPPED if shift > 0 else ChangeKind.ADVANCED]


def _shift(before: State | None, after: State | None, bound: str) -> int | None:
    """Return how many quarters ``bound`` ("start" or "end") moved, or None if unknown."""
    if before is None or after is None:
        return None
    old, new = getattr(before, bound), getattr(after, bound)
    return None if old is None or new is None else new - old


def _plan_id(base, target, plan) -> int | None:
    versions = [side for side in (base, target) if side is not None]
    if len({version.plan_id for version in versions}) > 1:
        raise IncomparableStates(_("Les deux versions n’appartiennent pas au même plan."))
    if versions:
        return versions[0].plan_id
    plan = plan or current_plan()
    return plan.pk if plan else None


def _states(side: PlanVersion | None, plan_id, within) -> dict[str, State]:
    """Return the initiatives of one side by code (one query)."""
    if side is None:
        rows = Initiative.objects.active().filter(plan_id=plan_id)
        if within is not None:
            rows = rows.filter(pk__in=within.order_by().values("pk"))
        key = "pk"
    else:
        rows = PlanVersionEntry.objects.filter(version=side)
        if within is not None:
            kept = within.order_by()
            rows = rows.filter(
                Q(initiative__in=kept.values("pk")) | Q(code__in=kept.values("code"))
            )
        key = "initiative_id"
    rows = rows.select_related("lead_organization").order_by()
    return {row.code: _state(row, getattr(row, key)) for row in rows}


def _state(row, initiative_id) -> State:
    return State(
        code=row.code,
        title=row.title,
        organization=row.lead_organization,
        status=row.status,
        start=row.start_quarter,
        end=row.end_quarter,
        initiative_id=initiative_id,
        is_demo=row.is_demo,
    )


def _row_order(row: ChangeRow):
    organization = row.shown.organization
    return (organization.sort_order, organization.acronym, row.code)
