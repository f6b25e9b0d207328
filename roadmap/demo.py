"""Two demonstration versions of the plan: the initial version of 2023 and the June 2024 update.

Both are derived, with a seeded generator, from the plan's current initiatives
(the seed's and the demonstration's), so the same database always gives the
same versions:

- "Mise à jour de juin 2024" is today's state before a handful of later
  changes: a few initiatives added since, a few slipped, one advanced, some
  suspended, abandoned or finished since, and two dropped since (entries whose
  code names no initiative any more);
- "PTN 2023-2027 — version initiale" is the June 2024 state one year earlier:
  the initiatives added in 2024 are absent, many schedules slipped since, a few
  were advanced, statuses are those of spring 2023, and a few initiatives of
  2023 were dropped before June 2024.

A version that exists already (by name) is left alone: a second run writes nothing.
"""

import datetime
import random
from dataclasses import dataclass, replace

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from initiatives.choices import Status
from initiatives.demo_catalogue import PLAN_NAME
from initiatives.fiscal import FiscalQuarter
from initiatives.models import Ambition, Initiative, Organization, Plan, Theme
from initiatives.permissions import SYSTEM
from roadmap.models import PlanVersion, PlanVersionEntry
from roadmap.services import plan_version_record

SEED = 20230615


@dataclass(frozen=True)
class VersionSpec:
    name: str
    published_on: datetime.date
    as_of: FiscalQuarter  # the quarter its statuses describe
    description: str


INITIAL = VersionSpec(
    name="PTN 2023-2027 — version initiale",
    published_on=datetime.date(2023, 6, 15),
    as_of=FiscalQuarter(2023, 1),
    description="Version initiale du plan, adoptée au printemps 2023 (démonstration).",
)
JUNE_2024 = VersionSpec(
    name="Mise à jour de juin 2024",
    published_on=datetime.date(2024, 6, 15),
    as_of=FiscalQuarter(2024, 1),
    description="Mise à jour annuelle du plan (démonstration).",
)
PLAN_LAST = FiscalQuarter(2027, 4)
PLAN_FIRST = FiscalQuarter(2022, 1)


@dataclass(frozen=True)
class Dropped:
    """An initiative of an earlier version that no longer exists."""

    code: str
    lead: str  # organisation acronym
    title: str
    ambition: int
    theme: str  # sub-theme name
    start: str
    end: str
    until_june_2024: bool  # still in the June 2024 update, dropped after it


DROPPED = (
    Dropped(
        "DEMO-MCC-R01",
        "MCC",
        "Portail unifié des demandes de subvention (intégré à la refonte des services en ligne)",
        1,
        "Aide financière",
        "2023-2024 T2",
        "2025-2026 T1",
        False,
    ),
    Dropped(
        "DEMO-BANQ-R01",
        "BAnQ",
        "Numérisation des registres paroissiaux sur microfilm",
        1,
        "Numérisation des collections",
        "2022-2023 T2",
        "2024-2025 T1",
        False,
    ),
    Dropped(
        "DEMO-MNBAQ-R01",
        "MNBAQ",
        "Billetterie en ligne propre au musée (remplacée par la billetterie mutualisée)",
        1,
        "Billetterie et commerce en ligne",
        "2023-2024 T1",
        "2024-2025 T2",
        False,
    ),
    Dropped(
        "DEMO-SODEC-R01",
        "SODEC",
        "Application mobile de suivi des demandes d’aide",
        1,
        "Aide financière",
        "2023-2024 T3",
        "2024-2025 T4",
        False,
    ),
    Dropped(
        "DEMO-CALQ-R02",
        "CALQ",
        "Registre numérique des résidences d’artistes",
        3,
        "Gouvernance des données",
        "2024-2025 T2",
        "2025-2026 T3",
        True,
    ),
    Dropped(
        "DEMO-MAC-R02",
        "MAC",
        "Visite virtuelle immersive de la collection permanente",
        1,
        "Collections en ligne et visites virtuelles",
        "2024-2025 T3",
        "2026-2027 T1",
        True,
    ),
)


@dataclass(frozen=True)
class Row:
    """One initiative in one state of the plan, by ids: what an entry holds."""

    code: str
    title: str
    initiative_id: int | None
    lead_organization_id: int
    ambition_id: int
    theme_id: int | None
    status: str
    start_quarter: FiscalQuarter | None
    end_quarter: FiscalQuarter | None
    mutualisation_level_id: int | None
    is_3pgtn: bool
    is_demo: bool

    def moved(self, start: int = 0, end: int = 0) -> "Row":
        """Return the row with its start and end moved by so many quarters, kept in the plan."""
        if self.start_quarter is None:
            return self
        new_start = min(max(self.start_quarter + start, PLAN_FIRST), PLAN_LAST)
        new_end = min(max(self.end_quarter + end, new_start), PLAN_LAST)
        return replace(self, start_quarter=new_start, end_quarter=new_end)

    def as_entry(self) -> PlanVersionEntry:
        return PlanVersionEntry(**self.__dict__)


def load_demo_versions() -> list[str]:
    """Publish the demonstration versions that do not exist yet; return their names."""
    plan = Plan.objects.filter(name=PLAN_NAME).first()
    if plan is None:
        raise CommandError(
            _("Chargez d’abord les données de référence (manage.py load_reference_data).")
        )
    existing = set(plan.versions.values_list("name", flat=True))
    missing = [spec for spec in (INITIAL, JUNE_2024) if spec.name not in existing]
    if not missing:
        return []
    rng = random.Random(SEED)
    dropped = dropped_rows()
    june = june_2024_rows(current_rows(plan), dropped, rng)
    states = {JUNE_2024.name: june, INITIAL.name: initial_rows(june, dropped, rng)}
    for spec in missing:
        _publish(plan, spec, states[spec.name])
    return [spec.name for spec in missing]


def _publish(plan: Plan, spec: VersionSpec, rows: list[Row]) -> PlanVersion:
    return plan_version_record(
        user=SYSTEM,
        plan=plan,
        name=spec.name,
        published_on=spec.published_on,
        description=spec.description,
        entries=[row.as_entry() for row in rows],
        is_demo=True,
    )


def current_rows(plan: Plan) -> list[Row]:
    """Return the plan's non-archived initiatives as rows, by code (one query)."""
    fields = [name for name in Row.__dataclass_fields__ if name != "initiative_id"]
    values = Initiative.objects.active().filter(plan=plan).order_by("code").values("pk", *fields)
    return [Row(initiative_id=value.pop("pk"), **value) for value in values]


def status_as_of(start: FiscalQuarter | None, end: FiscalQuarter | None, as_of) -> str:
    """Return the status a schedule implies in quarter ``as_of``."""
    if start is None or start > as_of:
        return Status.NOT_STARTED
    return Status.DONE if end < as_of else Status.IN_PROGRESS


def with_status_as_of(row: Row, as_of: FiscalQuarter) -> Row:
    return replace(row, status=status_as_of(row.start_quarter, row.end_quarter, as_of))


def _pick(rng: random.Random, rows: list[Row], count: int, keep, taken: set[str]) -> list[Row]:
    """Return up to ``count`` rows that ``keep`` accepts, not yet taken; take them."""
    candidates = [row for row in rows if row.code not in taken and keep(row)]
    picked = rng.sample(candidates, min(count, len(candidates)))
    taken.update(row.code for row in picked)
    return picked


# June 2024: today's state before the handful of changes made since -------------


def june_2024_rows(
    current: list[Row], dropped: dict[bool, list[Row]], rng: random.Random
) -> list[Row]:
    """Return the plan as it stood in June 2024.

    The seed's rows come from that very update: only demonstration rows changed since.
    """
    taken: set[str] = set()
    demo = [row for row in current if row.is_demo]
    later = [r for r in demo if r.start_quarter and r.start_quarter >= JUNE_2024.as_of + 2]
    added = _pick(rng, later, 3, lambda r: r.status == Status.NOT_STARTED, taken)
    added_codes = {row.code for row in added}
    rows = {row.code: row for row in current if row.code not in added_codes}
    for row in _pick(rng, demo, 4, lambda r: _slack_after_june(r) >= 1, taken):
        rows[row.code] = row.moved(end=-min(rng.randint(1, 2), _slack_after_june(row)))
    for row in _pick(rng, demo, 1, _can_advance_after, taken):
        rows[row.code] = row.moved(end=+1)
    for row in _pick(rng, demo, 3, _changed_status_after, taken):
        rows[row.code] = replace(row, status=Status.IN_PROGRESS)
    for row in dropped[True]:
        rows[row.code] = with_status_as_of(row, JUNE_2024.as_of)
    return sorted(rows.values(), key=lambda row: row.code)


def _slack_after_june(row: Row) -> int:
    """Return by how much the end of an ongoing or future initiative may have slipped since June.

    Its June end stays after the update's quarter and not before its start, so
    that its status of then still agrees with its schedule of then.
    """
    if row.status not in (Status.IN_PROGRESS, Status.NOT_STARTED) or row.end_quarter is None:
        return 0
    return row.end_quarter - max(row.start_quarter, JUNE_2024.as_of + 1)


def _can_advance_after(row: Row) -> bool:
    return (
        row.status == Status.NOT_STARTED
        and row.end_quarter is not None
        and row.end_quarter < PLAN_LAST
    )


def _changed_status_after(row: Row) -> bool:
    """Suspended, abandoned, or finished during the quarter of the update: since June."""
    if row.status in (Status.SUSPENDED, Status.ABANDONED):
        return True
    return row.status == Status.DONE and row.end_quarter == JUNE_2024.as_of


# 2023: the June 2024 state one year earlier -------------------------------------


def initial_rows(june: list[Row], dropped: dict[bool, list[Row]], rng: random.Random) -> list[Row]:
    """Return the plan as it stood in spring 2023.

    The seed's rows keep their schedule (the seed tells nothing of 2023); their
    status is the one that schedule implied then.
    """
    as_of = INITIAL.as_of
    rows = [with_status_as_of(row, as_of) for row in dropped[True] + dropped[False]]
    taken = {row.code for row in rows}
    new_in_2024 = [
        r for r in june if r.is_demo and r.start_quarter and r.start_quarter >= as_of + 3
    ]
    _pick(rng, new_in_2024, 18, lambda r: True, taken)
    for row in june:
        if row.code not in taken:
            earlier = _schedule_in_2023(row, rng) if row.is_demo else row
            rows.append(with_status_as_of(earlier, as_of))
    return sorted(rows, key=lambda row: row.code)


def _schedule_in_2023(row: Row, rng: random.Random) -> Row:
    """Return ``row`` with the schedule it had in 2023: 30 % slipped since, 8 % advanced.

    What was past in spring 2023 stays as it was: an initiative finished by then
    keeps its schedule, and a start already reached does not move.
    """
    as_of = INITIAL.as_of
    if row.end_quarter is None or row.end_quarter <= as_of:
        return row
    roll = rng.random()
    if roll < 0.3:  # it used to end earlier, and sometimes to start earlier
        shift = min(rng.randint(1, 4), row.end_quarter - as_of)
        start_moves = row.start_quarter - shift > as_of and rng.random() < 0.5
        return row.moved(start=-shift if start_moves else 0, end=-shift)
    if roll < 0.38:
        return row.moved(end=rng.randint(1, 2))
    return row


def dropped_rows() -> dict[bool, list[Row]]:
    """Return the dropped initiatives as rows, by whether they lasted until June 2024.

    Their statuses are set per version (with_status_as_of); an initiative whose
    organisation is missing from the reference data is left out.
    """
    organizations = dict(Organization.objects.values_list("acronym", "pk"))
    ambitions = dict(Ambition.objects.values_list("number", "pk"))
    themes = dict(Theme.objects.filter(parent__isnull=False).values_list("name", "pk"))
    rows: dict[bool, list[Row]] = {True: [], False: []}
    for item in DROPPED:
        if item.lead not in organizations or item.ambition not in ambitions:
            continue
        row = Row(
            code=item.code,
            title=item.title,
            initiative_id=None,
            lead_organization_id=organizations[item.lead],
            ambition_id=ambitions[item.ambition],
            theme_id=themes.get(item.theme),
            status=Status.NOT_STARTED,
            start_quarter=FiscalQuarter.parse(item.start),
            end_quarter=FiscalQuarter.parse(item.end),
            mutualisation_level_id=None,
            is_3pgtn=False,
            is_demo=True,
        )
        rows[item.until_june_2024].append(row)
    return rows
