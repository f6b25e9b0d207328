"""The portfolio's reference data as lookup tables, loaded once per import run."""

import re
import unicodedata

from initiatives.choices import Status
from initiatives.models import (
    Ambition,
    MutualisationLevel,
    Objective,
    Organization,
    Orientation,
    Programme,
    Tag,
    Theme,
)

_DASHES = re.compile(r"[\u2010-\u2015\u2212]")


def fold(text) -> str:
    """Return ``text`` folded for lookups: no accents, case, dash variants or extra spaces."""
    decomposed = unicodedata.normalize("NFKD", str(text))
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(_DASHES.sub("-", bare).casefold().split())


def status_lookup() -> dict[str, str]:
    """Map the French labels (masculine and feminine) and the stored values to statuses."""
    lookup = {}
    for value, label in Status.choices:
        for key in (value, str(label), f"{label}e"):
            lookup[fold(key)] = value
    return lookup


class References:
    """Every reference object an import row may name, keyed as the layout names them."""

    def __init__(self):
        self.organizations = {}
        for organization in Organization.objects.all():
            self.organizations[fold(organization.name)] = organization
            self.organizations[fold(organization.acronym)] = organization
        self.orientations = {
            (orientation.organization_id, orientation.number): orientation
            for orientation in Orientation.objects.all()
        }
        self.objectives = {
            (objective.orientation_id, fold(objective.code)): objective
            for objective in Objective.objects.all()
        }
        self.ambitions = {ambition.number: ambition for ambition in Ambition.objects.all()}
        self.themes = {
            fold(theme.full_name): theme for theme in Theme.objects.select_related("parent")
        }
        self.programmes = {fold(programme.name): programme for programme in Programme.objects.all()}
        self.levels = {level.rank: level for level in MutualisationLevel.objects.all()}
        self.tags = {}
        for tag in Tag.objects.all():
            self.tags[fold(tag.name)] = tag
            self.tags[fold(tag.slug)] = tag
        self.statuses = status_lookup()

    def acronyms(self) -> str:
        """Return the organisations' acronyms, for a message that lists what is accepted."""
        names = sorted({organization.acronym for organization in self.organizations.values()})
        return ", ".join(names)
