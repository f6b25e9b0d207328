"""Draw the demonstration portfolio from the catalogue, without touching the database.

The same seed always gives the same initiatives, codes included, whatever the
database holds: initiatives.demo can then skip the codes that already exist.
"""

import itertools
import math
import random
import re
import unicodedata
from dataclasses import dataclass

from initiatives import demo_archetypes as archetypes
from initiatives import demo_catalogue as catalogue
from initiatives.choices import Status
from initiatives.fiscal import FiscalQuarter


@dataclass
class DemoInitiative:
    """One initiative to create, described by the reference data's natural keys."""

    code: str
    title: str
    lead: str  # organisation acronym
    theme: str  # sub-theme name
    ambition: int
    orientation: int  # orientation number within the lead organisation
    status: str
    start: FiscalQuarter
    end: FiscalQuarter
    tags: tuple[str, ...]
    service_benefit: str
    financial_benefit: int | None
    is_3pgtn: bool
    contact_name: str
    contact_email: str
    shared: bool = False
    programme: str | None = None
    phase: int | None = None
    level: int | None = None
    partners: tuple[str, ...] = ()


def build_portfolio(seed: int = catalogue.SEED) -> list[DemoInitiative]:
    """Return the demonstration initiatives of every organisation, mutualised ones included."""
    rng = random.Random(seed)
    items = []
    for acronym in catalogue.ORG_PROFILES:
        items.extend(_organisation_items(rng, acronym))
    _mutualise(rng, items)
    return items


def code_prefix(acronym: str) -> str:
    """Return ``acronym`` as it appears in codes: "Télé-Québec" gives "TELEQUEBEC"."""
    return re.sub(r"[^A-Z0-9]", "", _ascii(acronym).upper())


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def _organisation_items(rng: random.Random, acronym: str) -> list[DemoInitiative]:
    numbers = itertools.count(1)
    items = [
        _phase_item(rng, programme, phase, next(numbers))
        for programme in catalogue.DEMO_PROGRAMMES
        if programme.lead == acronym
        for phase in range(1, len(programme.phases) + 1)
    ]
    quota = catalogue.QUOTAS.get(acronym, catalogue.DEFAULT_QUOTA) - len(items)
    for archetype in _pick_archetypes(rng, acronym, quota):
        status = _weighted(rng, catalogue.STATUS_WEIGHTS)
        start, end = schedule_for(rng, status)
        items.append(_item(rng, acronym, archetype, next(numbers), status, start, end))
    return items


def _pick_archetypes(rng: random.Random, acronym: str, count: int) -> list:
    """Return ``count`` distinct archetypes: about half proper to the organisation's work."""
    specific = [
        a for profile in catalogue.ORG_PROFILES[acronym] for a in archetypes.BY_PROFILE[profile]
    ]
    own = min(len(specific), (count + 1) // 2)
    picked = rng.sample(specific, own) + rng.sample(archetypes.COMMON, count - own)
    rng.shuffle(picked)
    return picked


def _phase_item(rng, programme, phase: int, number: int) -> DemoInitiative:
    status, start, end = programme.phases[phase - 1]
    item = _item(
        rng,
        programme.lead,
        programme.archetype,
        number,
        status,
        FiscalQuarter.parse(start),
        FiscalQuarter.parse(end),
    )
    item.title = f"{programme.name} - phase {phase}"
    item.programme, item.phase = programme.name, phase
    item.level, item.partners = programme.level, programme.partners
    return item


def _item(rng, acronym, archetype, number, status, start, end) -> DemoInitiative:
    """Return an initiative of ``acronym`` drawn from ``archetype``."""
    title = _fill(rng.choice(archetype.titles), acronym) if archetype.titles else ""
    contact_name, contact_email = _contact(rng, acronym)
    return DemoInitiative(
        code=f"DEMO-{code_prefix(acronym)}-{number:03d}",
        title=title,
        lead=acronym,
        theme=archetype.theme,
        ambition=archetype.ambition,
        orientation=rng.randint(1, _orientation_count(acronym)),
        status=status,
        start=start,
        end=end,
        tags=archetype.tags,
        service_benefit=_fill(archetype.benefit, acronym),
        financial_benefit=_financial_benefit(rng),
        is_3pgtn=rng.random() < catalogue.THREE_PGTN_SHARE,
        contact_name=contact_name,
        contact_email=contact_email,
        shared=archetype.shared,
    )


def _fill(text: str, acronym: str) -> str:
    museum = "museum" in catalogue.ORG_PROFILES[acronym]
    return text.format(
        public=catalogue.MUSEUM_AUDIENCE if museum else catalogue.AUDIENCES[acronym],
        offer=catalogue.MUSEUM_OFFER if museum else catalogue.OFFERS[acronym],
    )


def _orientation_count(acronym: str) -> int:
    # The ministry's three orientations are real reference data, not demonstration data.
    return len(catalogue.DEMO_ORIENTATIONS.get(acronym, ())) or 3


def _weighted(rng: random.Random, weights: dict):
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def schedule_for(rng: random.Random, status: str) -> tuple[FiscalQuarter, FiscalQuarter]:
    """Return a schedule that agrees with ``status`` as of catalogue.AS_OF, inside the plan."""
    now, first, last = catalogue.AS_OF, catalogue.PLAN_FIRST, catalogue.PLAN_LAST
    length = rng.randint(2, 8)
    if status == Status.DONE:
        end = now - rng.randint(0, now - first - 1)
        return max(first, end - (length - 1)), end
    if status == Status.IN_PROGRESS:
        start = now - rng.randint(0, now - first)
        return start, min(last, now + rng.randint(1, 8))
    if status == Status.NOT_STARTED:
        start = now + rng.randint(1, last - now - 2)
        return start, min(last, start + (length - 1))
    start = now - rng.randint(1, now - first)  # suspended or abandoned: started before
    return start, min(last, start + (length - 1) + rng.randint(0, 4))


def schedule_agrees_with_status(
    status: str, start: FiscalQuarter, end: FiscalQuarter, as_of: FiscalQuarter = catalogue.AS_OF
) -> bool:
    """Return whether a schedule tells the same story as ``status`` did in quarter ``as_of``.

    Done: ended by then; in progress: started by then and ends later; not started:
    starts later; suspended or abandoned: started before.
    """
    if status == Status.DONE:
        return end <= as_of
    if status == Status.IN_PROGRESS:
        return start <= as_of < end
    if status == Status.NOT_STARTED:
        return start > as_of
    return start < as_of


def _financial_benefit(rng: random.Random) -> int | None:
    """Return an estimated yearly saving in whole, rounded dollars, or nothing."""
    if rng.random() < catalogue.EMPTY_BENEFIT_SHARE:
        return None
    amount = rng.lognormvariate(math.log(120_000), 1.1)
    step = 1_000 if amount < 50_000 else 5_000 if amount < 500_000 else 25_000
    return max(step, min(round(amount / step) * step, 3_000_000))


def _contact(rng: random.Random, acronym: str) -> tuple[str, str]:
    first, last = rng.choice(catalogue.FIRST_NAMES), rng.choice(catalogue.LAST_NAMES)
    local = _ascii(f"{first}.{last}").lower().replace(" ", "")
    # The reserved .example domain: no message can ever reach a real mailbox.
    return f"{first} {last}", f"{local}@{code_prefix(acronym).lower()}.example"


def _mutualise(rng: random.Random, items: list[DemoInitiative]) -> None:
    """Give a level and partners to the items that make up catalogue.MUTUALISED_TARGET."""
    already = sum(1 for item in items if item.level is not None)
    candidates = [item for item in items if item.programme is None]
    scores = [item.shared + rng.random() for item in candidates]
    ranked = sorted(zip(scores, range(len(candidates)), strict=True), reverse=True)
    for _score, index in ranked[: catalogue.MUTUALISED_TARGET - already]:
        item = candidates[index]
        item.level = _weighted(rng, catalogue.LEVEL_WEIGHTS)
        item.partners = _partners(rng, item.lead, _weighted(rng, catalogue.PARTNER_COUNT_WEIGHTS))


def _partners(rng: random.Random, lead: str, count: int) -> tuple[str, ...]:
    """Return ``count`` partners of ``lead``, most often from its usual circle."""
    profile = catalogue.ORG_PROFILES[lead][0]
    close = [org for org in catalogue.CLOSE_PARTNERS[profile] if org != lead]
    others = [org for org in catalogue.ORG_PROFILES if org != lead and org not in close]
    rng.shuffle(close)
    rng.shuffle(others)
    pool = close + others
    if rng.random() < 0.2:
        rng.shuffle(pool)
    return tuple(pool[:count])
