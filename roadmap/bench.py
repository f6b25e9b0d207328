"""Time the main pages on synthetic portfolios of growing size.

The `bench` management command runs `run_benchmark` in a throwaway database;
tests call `measure_current_database` on the test database. Each target page is
requested by a logged-in persona: once to warm up and count the SQL queries,
then ``repeat`` times to take the median wall time.
"""

import io
import random
import statistics
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass

import django
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings

from initiatives.choices import Status
from initiatives.fiscal import FiscalQuarter
from initiatives.models import (
    Ambition,
    Initiative,
    MutualisationLevel,
    Organization,
    Orientation,
    Plan,
    Tag,
    Theme,
)
from initiatives.roles import COORDINATOR, READER, sync_role_groups
from initiatives.selectors import current_plan

DEFAULT_SIZES = (200, 2000, 10000)
DEFAULT_REPEAT = 5
MUTUALISED_SHARE = 0.45
BATCH_SIZE = 1000
CODE_PREFIX = "BANC-"
SEED = 2023

# Persona name -> role group of the user who requests the page.
PERSONA_GROUPS = {"reader": READER, "coordinator": COORDINATOR}


@dataclass(frozen=True)
class Target:
    """A page to time, as ``persona`` sees it."""

    name: str
    url: str
    persona: str = "reader"


# Later work appends its pages here (lists, roadmap, API, reference views).
TARGETS: list[Target] = [
    Target("Tableau de bord", "/"),
    Target("Initiatives (liste)", "/initiatives/"),
    Target("Feuille de route", "/roadmap/"),
    Target("Feuille de route, vue nue (values())", "/roadmap/_bench/bare/"),
    Target("API initiatives (100)", "/api/v1/initiatives/?page_size=100", "coordinator"),
    Target(
        "API initiatives, vue nue (values())",
        "/api/v1/_bench/initiatives/?page_size=100",
        "coordinator",
    ),
]


@dataclass(frozen=True)
class Measurement:
    target: str
    url: str
    persona: str
    size: int
    median_ms: float
    queries: int
    status: int


@dataclass
class ReferenceChoices:
    """The reference rows synthetic initiatives are spread over."""

    plan: Plan
    organizations: list[Organization]
    ambitions: list[Ambition]
    themes: list[Theme]
    levels: list[MutualisationLevel]
    tags: list[Tag]
    orientations: dict[int, list[Orientation]]  # by organisation id


# Running ------------------------------------------------------------------


def run_benchmark(
    *, sizes: Sequence[int], repeat: int, targets: Sequence[Target] = TARGETS
) -> list[Measurement]:
    """Measure ``targets`` in a throwaway database of the configured engine."""
    with throwaway_database():
        call_command("load_reference_data", verbosity=0, stdout=io.StringIO())
        return measure_current_database(sizes=sizes, repeat=repeat, targets=targets)


@contextmanager
def throwaway_database() -> Iterator[None]:
    """Point the default connection at a new, migrated test database; drop it after."""
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False, keepdb=False)
    try:
        yield
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0, keepdb=False)


def measure_current_database(
    *, sizes: Sequence[int], repeat: int, targets: Sequence[Target] = TARGETS
) -> list[Measurement]:
    """Grow the portfolio of the current database to each size and time every target.

    Sizes are taken in increasing order and each portfolio extends the previous
    one, so the largest size is built only once.
    """
    measurements = []
    rng = random.Random(SEED)
    with override_settings(
        DEBUG=False, PTN_BENCH_VIEWS=True, ALLOWED_HOSTS=[*settings.ALLOWED_HOSTS, "testserver"]
    ):
        clients = {persona: persona_client(persona) for persona in {t.persona for t in targets}}
        for size in sorted(set(sizes)):
            grow_portfolio(size, rng=rng)
            for target in targets:
                measurements.append(time_target(clients[target.persona], target, size, repeat))
    return measurements


def time_target(client: Client, target: Target, size: int, repeat: int) -> Measurement:
    """Request ``target`` once to warm up and count queries, then ``repeat`` times."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(target.url)
    # Read now: the next request clears the connection's query log.
    queries = len(captured.captured_queries)
    durations = []
    for _run in range(max(repeat, 1)):
        started = time.perf_counter()
        client.get(target.url)
        durations.append((time.perf_counter() - started) * 1000)
    return Measurement(
        target=target.name,
        url=target.url,
        persona=target.persona,
        size=size,
        median_ms=round(statistics.median(durations), 1),
        queries=queries,
        status=response.status_code,
    )


def persona_client(persona: str) -> Client:
    """Return a test client logged in as a benchmark user of ``persona``'s role."""
    group_name = PERSONA_GROUPS[persona]
    if not Group.objects.filter(name=group_name).exists():
        sync_role_groups()
    user, _created = get_user_model().objects.get_or_create(username=f"banc.{persona}")
    user.groups.add(Group.objects.get(name=group_name))
    # A failing page becomes a row with status 500 (its traceback is logged),
    # so that one broken page does not hide the others' figures.
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client


# Synthetic portfolio -------------------------------------------------------


def grow_portfolio(size: int, *, rng: random.Random) -> int:
    """Add synthetic initiatives until the database holds ``size``; return how many.

    Benchmark data needs no history: rows go in with bulk_create.
    """
    missing = size - Initiative.objects.count()
    if missing <= 0:
        return 0
    choices = reference_choices()
    first_number = Initiative.objects.filter(code__startswith=CODE_PREFIX).count() + 1
    for start in range(0, missing, BATCH_SIZE):
        numbers = range(first_number + start, first_number + min(start + BATCH_SIZE, missing))
        rows = [synthetic_initiative(number, choices, rng) for number in numbers]
        _insert(rows)
    return missing


def reference_choices() -> ReferenceChoices:
    plan = current_plan()
    ambitions = list(Ambition.objects.all())
    organizations = list(Organization.objects.all())
    if plan is None or not ambitions or not organizations:
        raise RuntimeError(
            "Un plan, des ambitions et des organisations sont nécessaires : "
            "chargez les données de référence (load_reference_data)."
        )
    orientations: dict[int, list[Orientation]] = {}
    for orientation in Orientation.objects.all():
        orientations.setdefault(orientation.organization_id, []).append(orientation)
    return ReferenceChoices(
        plan=plan,
        organizations=organizations,
        ambitions=ambitions,
        themes=list(Theme.objects.filter(parent__isnull=False)) or list(Theme.objects.all()),
        levels=list(MutualisationLevel.objects.all()),
        tags=list(Tag.objects.all()),
        orientations=orientations,
    )


def synthetic_initiative(number: int, choices: ReferenceChoices, rng: random.Random):
    """Return an unsaved initiative with its partners and tags."""
    lead = rng.choice(choices.organizations)
    start, end = _schedule(choices.plan, rng)
    level, partners = _mutualisation(lead, choices, rng)
    initiative = Initiative(
        code=f"{CODE_PREFIX}{number:05d}",
        title=f"Initiative synthétique {number}",
        plan=choices.plan,
        lead_organization=lead,
        orientation=rng.choice(choices.orientations.get(lead.pk, [None])),
        ambition=rng.choice(choices.ambitions),
        theme=rng.choice(choices.themes) if choices.themes else None,
        status=_status(start, end, rng),
        is_3pgtn=rng.random() < 0.3,
        mutualisation_level=level,
        start_quarter=start,
        end_quarter=end,
        financial_benefit=rng.choice([None, rng.randrange(10_000, 5_000_000, 1_000)]),
        is_demo=True,
    )
    tags = rng.sample(choices.tags, k=min(len(choices.tags), rng.choice([0, 0, 1, 2])))
    return initiative, partners, tags


def _schedule(plan, rng: random.Random) -> tuple[FiscalQuarter, FiscalQuarter]:
    first, last = plan.first_quarter.index, plan.last_quarter.index
    start = rng.randint(first, last)
    end = min(start + rng.randint(0, 7), last)
    return FiscalQuarter.from_index(start), FiscalQuarter.from_index(end)


def _status(start: FiscalQuarter, end: FiscalQuarter, rng: random.Random) -> str:
    """Mostly the status the schedule implies today; a few suspended, abandoned or off."""
    roll = rng.random()
    if roll < 0.05:
        return Status.SUSPENDED
    if roll < 0.08:
        return Status.ABANDONED
    if roll < 0.12:
        return rng.choice(Status.values)
    current = FiscalQuarter.current()
    if end < current:
        return Status.DONE
    return Status.NOT_STARTED if start > current else Status.IN_PROGRESS


def _mutualisation(lead, choices: ReferenceChoices, rng: random.Random):
    others = [org for org in choices.organizations if org.pk != lead.pk]
    if not choices.levels or not others or rng.random() >= MUTUALISED_SHARE:
        return None, []
    partners = rng.sample(others, k=min(len(others), rng.randint(1, 3)))
    return rng.choice(choices.levels), partners


def _insert(rows) -> None:
    """Bulk-insert initiatives, then their partners and tags through the M2M tables."""
    initiatives = Initiative.objects.bulk_create([row[0] for row in rows], batch_size=BATCH_SIZE)
    if initiatives and initiatives[0].pk is None:  # no RETURNING: read the keys back
        ids = dict(
            Initiative.objects.filter(code__in=[i.code for i in initiatives]).values_list(
                "code", "pk"
            )
        )
        for initiative in initiatives:
            initiative.pk = ids[initiative.code]
    partner_link = Initiative.partners.through
    tag_link = Initiative.tags.through
    partner_rows, tag_rows = [], []
    for initiative, (_initiative, partners, tags) in zip(initiatives, rows, strict=True):
        partner_rows += [
            partner_link(initiative_id=initiative.pk, organization=p) for p in partners
        ]
        tag_rows += [tag_link(initiative_id=initiative.pk, tag=t) for t in tags]
    partner_link.objects.bulk_create(partner_rows, batch_size=BATCH_SIZE)
    tag_link.objects.bulk_create(tag_rows, batch_size=BATCH_SIZE)


# Reporting -----------------------------------------------------------------

TABLE_HEADERS = ("Cible", "URL", "N", "Médiane (ms)", "Requêtes", "Statut")


def format_table(measurements: Sequence[Measurement]) -> str:
    """Return the measurements as an aligned text table, one row per target and size."""
    rows = [TABLE_HEADERS] + [
        (m.target, m.url, str(m.size), f"{m.median_ms:.1f}", str(m.queries), str(m.status))
        for m in measurements
    ]
    widths = [max(len(row[col]) for row in rows) for col in range(len(TABLE_HEADERS))]
    numeric = {2, 3, 4, 5}
    lines = []
    for row in rows:
        cells = [
            cell.rjust(width) if col in numeric else cell.ljust(width)
            for col, (cell, width) in enumerate(zip(row, widths, strict=True))
        ]
        lines.append("  ".join(cells).rstrip())
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(lines)


def as_json(measurements: Sequence[Measurement], *, repeat: int) -> dict:
    """Return the measurements with what is needed to compare two runs."""
    return {
        "engine": connection.vendor,
        "django": django.get_version(),
        "repeat": repeat,
        "measurements": [asdict(m) for m in measurements],
    }


# Reports (appended by the reports app) ---------------------------------------
# An analyst asks for the MCC roadmap of the current state and downloads it: the
# first request of each size renders it, the timed ones reuse it (fingerprint).
# The rendering itself is timed by `manage.py bench_reports` (reports/bench.py).
TARGETS.append(Target("Rapport MCC déjà produit (demande + PDF)", "/reports/_bench/mcc/"))
