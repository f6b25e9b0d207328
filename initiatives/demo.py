"""Write the demonstration portfolio on top of the reference data.

Every demonstration initiative is created through initiative_create() by the
system actor, so it passes the model's rules and has its history record. A
second run creates only what is missing: it skips the codes that exist and
never touches an initiative, an orientation or a programme someone has edited.
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from initiatives import demo_catalogue as catalogue
from initiatives.demo_accounts import create_demo_accounts
from initiatives.demo_builder import DemoInitiative, build_portfolio
from initiatives.models import (
    Ambition,
    Initiative,
    MutualisationLevel,
    Organization,
    Orientation,
    Plan,
    Programme,
    Tag,
    Theme,
)
from initiatives.permissions import SYSTEM
from initiatives.services import initiative_create


@dataclass
class DemoSummary:
    """What one run created, for the command's report."""

    created: int = 0
    mutualised: int = 0
    skipped: int = 0
    rejected: list[str] = field(default_factory=list)
    orientations: int = 0
    programmes: int = 0
    accounts: list[str] = field(default_factory=list)


@dataclass
class References:
    """The reference objects the demonstration points to, each fetched once."""

    plan: object
    organizations: dict
    ambitions: dict
    themes: dict
    levels: dict
    tags: dict
    orientations: dict = field(default_factory=dict)
    programmes: dict = field(default_factory=dict)

    @classmethod
    def load(cls) -> "References":
        # The schedules are drawn inside this plan's window, whichever plan is current.
        plan = Plan.objects.filter(name=catalogue.PLAN_NAME).first()
        organizations = {org.acronym: org for org in Organization.objects.all()}
        missing = set(catalogue.ORG_PROFILES) - set(organizations)
        if plan is None or missing:
            raise CommandError(
                _("Chargez d’abord les données de référence (manage.py load_reference_data).")
            )
        return cls(
            plan=plan,
            organizations=organizations,
            ambitions={ambition.number: ambition for ambition in Ambition.objects.all()},
            themes={theme.name: theme for theme in Theme.objects.filter(parent__isnull=False)},
            levels={level.rank: level for level in MutualisationLevel.objects.all()},
            tags={tag.slug: tag for tag in Tag.objects.all()},
        )


def load_demo_data(*, accounts_allowed: bool) -> DemoSummary:
    """Create what is missing of the demonstration portfolio; return what was created."""
    references = References.load()
    summary = DemoSummary()
    summary.orientations = ensure_demo_orientations(references)
    summary.programmes = ensure_demo_programmes(references)
    existing = set(Initiative.objects.values_list("code", flat=True))
    for item in build_portfolio():
        if item.code in existing:
            summary.skipped += 1
        elif create_demo_initiative(item, references):
            summary.created += 1
            summary.mutualised += item.level is not None
        else:
            summary.rejected.append(item.code)
    if accounts_allowed:
        summary.accounts = create_demo_accounts(references.organizations)
    return summary


def ensure_demo_orientations(references: References) -> int:
    """Create the missing demonstration orientations; return how many were created."""
    orientations = {
        (orientation.organization.acronym, orientation.number): orientation
        for orientation in Orientation.objects.select_related("organization")
    }
    missing = [
        Orientation(
            organization=references.organizations[acronym], number=number, title=title, is_demo=True
        )
        for acronym, titles in catalogue.DEMO_ORIENTATIONS.items()
        for number, title in enumerate(titles, start=1)
        if (acronym, number) not in orientations
    ]
    for orientation in Orientation.objects.bulk_create(missing):
        orientations[(orientation.organization.acronym, orientation.number)] = orientation
    references.orientations = orientations
    return len(missing)


def ensure_demo_programmes(references: References) -> int:
    """Create the missing demonstration programmes; return how many were created."""
    created = 0
    for programme in catalogue.DEMO_PROGRAMMES:
        references.programmes[programme.name], was_created = Programme.objects.get_or_create(
            name=programme.name,
            defaults={
                "lead_organization": references.organizations[programme.lead],
                "description": programme.description,
                "is_demo": True,
            },
        )
        created += was_created
    return created


def create_demo_initiative(item: DemoInitiative, references: References) -> bool:
    """Create ``item``; return False if the data now in the database refuses it.

    A coordinator may, for instance, have given a demonstration programme the
    phase this item was to fill: the item is then left out, not forced in.
    """
    try:
        initiative_create(
            user=SYSTEM,
            data=initiative_data(item, references),
            reason=_("Chargement des données de démonstration"),
        )
    except ValidationError:
        return False
    return True


def initiative_data(item: DemoInitiative, references: References) -> dict:
    """Return the initiative_create() data of ``item``, with reference objects resolved."""
    level = references.levels.get(item.level) if item.level else None
    return {
        "code": item.code,
        "title": item.title,
        "plan": references.plan,
        "lead_organization": references.organizations[item.lead],
        "orientation": references.orientations.get((item.lead, item.orientation)),
        "ambition": references.ambitions[item.ambition],
        "theme": references.themes.get(item.theme),
        "programme": references.programmes.get(item.programme),
        "phase": item.phase,
        "status": item.status,
        "is_3pgtn": item.is_3pgtn,
        "mutualisation_level": level,
        "partners": [references.organizations[acronym] for acronym in item.partners]
        if level
        else [],
        "start_quarter": item.start,
        "end_quarter": item.end,
        "financial_benefit": item.financial_benefit,
        "service_benefit": item.service_benefit,
        "tags": [references.tags[slug] for slug in item.tags if slug in references.tags],
        "contact_name": item.contact_name,
        "contact_email": item.contact_email,
        "is_demo": True,
    }
