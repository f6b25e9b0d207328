"""The public fields of the open data: one list feeds the JSON, the CSV and the dictionary.

Only what the plan publishes anyway goes out: no contact, no internal version
number or date of change. A published plan version froze some of these fields
only; the others are null in its rows, and the dictionary says which.
"""

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

from initiatives.choices import Status

TYPE_LABELS = {
    "string": _("texte"),
    "integer": _("entier"),
    "boolean": _("booléen"),
    "array": _("liste de textes"),
    "date": _("date (AAAA-MM-JJ)"),
    "quarter": _("trimestre financier (« AAAA-AAAA Tn »)"),
}


@dataclass(frozen=True)
class PublicField:
    """One field of the dataset; ``read_entry`` is None when versions do not record it."""

    name: str
    kind: str
    description: Any
    example: Any
    read: Callable[[Any], Any]
    read_entry: Callable[[Any], Any] | None = None
    nullable: bool = False

    @property
    def json_type(self) -> str:
        base = {"array": "array", "integer": "integer", "boolean": "boolean"}.get(self.kind)
        json_type = base or "string"
        return f"{json_type} | null" if self.nullable or self.read_entry is None else json_type

    @property
    def type_label(self) -> str:
        return str(TYPE_LABELS[self.kind])

    @property
    def in_versions(self) -> bool:
        return self.read_entry is not None

    @property
    def example_text(self) -> str:
        """Return the example as it appears in the JSON."""
        return json.dumps(self.example, ensure_ascii=False)


def path(dotted: str) -> Callable[[Any], Any]:
    """Return a reader of ``dotted`` attributes that gives None past a missing object."""
    names = dotted.split(".")

    def read(obj):
        for name in names:
            if obj is None:
                return None
            obj = getattr(obj, name)
        return obj

    return read


def quarter(name: str, attribute: str | None = None) -> Callable[[Any], Any]:
    """Return a reader of a quarter's label, or of one of its dates in ISO format."""

    def read(obj):
        value = getattr(obj, name)
        if value is None:
            return None
        return getattr(value, attribute).isoformat() if attribute else value.label

    return read


def status_label(obj) -> str:
    return str(Status(obj.status).label)


def acronyms(obj) -> list[str]:
    return sorted(partner.acronym for partner in obj.partners.all())


def slugs(obj) -> list[str]:
    return sorted(tag.slug for tag in obj.tags.all())


def both(reader):
    """Read the same way from an initiative and from a version's entry."""
    return {"read": reader, "read_entry": reader}


PUBLIC_FIELDS = (
    PublicField("code", "string", _("Identifiant stable de l’initiative."), "MCC-012", **both(path("code"))),
    PublicField("title", "string", _("Titre de l’initiative."), "Passeport Culturel Numérique - phase 1", **both(path("title"))),
    PublicField("description", "string", _("Description de l’initiative (peut être vide)."), "Offrir aux jeunes un accès simplifié à l’offre culturelle.", path("description")),
    PublicField("plan", "string", _("Plan de transformation numérique auquel l’initiative appartient."), "PTN 2023-2027", path("plan.name"), path("version.plan.name")),
    PublicField("lead_organization", "string", _("Sigle de l’organisation responsable."), "MCC", **both(path("lead_organization.acronym"))),
    PublicField("lead_organization_name", "string", _("Nom officiel de l’organisation responsable."), "Ministère de la Culture et des Communications", **both(path("lead_organization.name"))),
    PublicField("partners", "array", _("Sigles des organisations partenaires d’une initiative mutualisée."), ["BAnQ", "MNBAQ"], acronyms),
    PublicField("orientation", "integer", _("Numéro de l’orientation du plan stratégique de l’organisation responsable."), 3, path("orientation.number"), nullable=True),
    PublicField("orientation_title", "string", _("Libellé de cette orientation."), "Favoriser l’innovation et l’accélération du développement du secteur…", path("orientation.title"), nullable=True),
    PublicField("objective", "string", _("Numéro de l’objectif stratégique sous l’orientation."), "1.2", path("objective.code"), nullable=True),
    PublicField("ambition", "integer", _("Numéro de l’ambition d’affaires (1 à 3)."), 1, **both(path("ambition.number"))),
    PublicField("ambition_title", "string", _("Libellé de l’ambition d’affaires."), "Expérience clients, citoyens, partenaires, visiteurs", **both(path("ambition.title"))),
    PublicField("theme", "string", _("Thème et sous-thème, « Thème - Sous-thème »."), "Parcours client et promotion des services - Aide financière", **both(path("theme.full_name")), nullable=True),
    PublicField("programme", "string", _("Programme qui regroupe les phases d’un même effort."), "Passeport Culturel Numérique", path("programme.name"), nullable=True),
    PublicField("phase", "integer", _("Numéro de la phase dans le programme."), 1, path("phase"), nullable=True),
    PublicField("status", "string", _("Code du statut : not_started, in_progress, done, suspended ou abandoned."), "in_progress", **both(path("status"))),
    PublicField("status_label", "string", _("Statut en toutes lettres : Non débuté, En cours, Terminé, Suspendu ou Abandonné."), "En cours", **both(status_label)),
    PublicField("is_3pgtn", "boolean", _("Inscrite au portefeuille de projets prioritaires gouvernemental en transformation numérique (3PGTN)."), True, **both(path("is_3pgtn"))),
    PublicField("mutualisation_level", "integer", _("Rang du niveau de mutualisation (1 à 4) ; null si l’initiative n’est pas mutualisée."), 2, **both(path("mutualisation_level.rank")), nullable=True),
    PublicField("mutualisation_level_name", "string", _("Nom du niveau de mutualisation."), "Acquisition ou solution commune", **both(path("mutualisation_level.name")), nullable=True),
    PublicField("start_quarter", "quarter", _("Trimestre financier de début (l’année financière commence le 1er avril ; T1 = avril à juin)."), "2024-2025 T1", **both(quarter("start_quarter")), nullable=True),
    PublicField("end_quarter", "quarter", _("Trimestre financier de fin."), "2025-2026 T4", **both(quarter("end_quarter")), nullable=True),
    PublicField("start_date", "date", _("Premier jour du trimestre de début."), "2024-04-01", **both(quarter("start_quarter", "first_day")), nullable=True),
    PublicField("end_date", "date", _("Dernier jour du trimestre de fin."), "2026-03-31", **both(quarter("end_quarter", "last_day")), nullable=True),
    PublicField("schedule_is_estimated", "boolean", _("Vrai si l’échéancier a été reconstitué plutôt que tiré du plan publié."), False, path("schedule_is_estimated")),
    PublicField("financial_benefit", "integer", _("Bénéfice financier estimé, en dollars."), 250000, path("financial_benefit"), nullable=True),
    PublicField("service_benefit", "string", _("Amélioration de service attendue (peut être vide)."), "Demandes traitées en ligne en 48 heures.", path("service_benefit")),
    PublicField("tags", "array", _("Identifiants des étiquettes : valorisation des données, intelligence artificielle, simplification des services…"), ["valorisation-des-donnees"], slugs),
    PublicField("demonstration", "boolean", _("Vrai pour une initiative fictive de démonstration, qui ne décrit pas le portefeuille réel."), False, **both(path("is_demo"))),
)  # fmt: skip


def initiative_record(initiative) -> dict:
    """Return the public fields of an initiative as they stand."""
    return {field.name: field.read(initiative) for field in PUBLIC_FIELDS}


def entry_record(entry) -> dict:
    """Return the public fields of an initiative as a published version froze it."""
    return {
        field.name: field.read_entry(entry) if field.read_entry else None for field in PUBLIC_FIELDS
    }


def csv_value(value) -> str:
    """Return a value as the open-data CSV writes it: lists joined by ";", true/false."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ";".join(value)
    return str(value)
