"""The one layout of initiative spreadsheets: the export writes it, the import reads it.

Each column names the service field it fills, its French header, how a value is
written into a cell and how a cell is read back. An export opened, edited and
imported therefore comes back through the same definitions.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl.utils import get_column_letter

from initiatives.exchange import codecs
from initiatives.exchange.errors import CellError, FileRejected
from initiatives.exchange.references import fold
from initiatives.models.initiative import MAX_FINANCIAL_BENEFIT

# The language of the file's headers and values, whatever the reader's interface language.
LAYOUT_LANGUAGE = "fr-ca"
MAX_PHASE = 32767
M2M_FIELDS = ("partners", "tags")
# What reading every column of an initiative needs, in a constant number of queries.
RELATED = (
    "lead_organization",
    "orientation",
    "objective",
    "ambition",
    "theme__parent",
    "programme",
    "mutualisation_level",
)
PREFETCHED = M2M_FIELDS


def nothing():
    return None


def blank():
    return ""


def false():
    return False


def empty_list():
    return []


@dataclass(frozen=True)
class Column:
    """One column of the layout."""

    field: str
    header: Any  # lazy French text
    fmt: Callable[[Any], Any]
    parse: Callable[[str, Any, dict], Any]
    description: Any
    example: str
    required: bool = False
    empty: Callable[[], Any] = nothing
    width: int = 18

    def read(self, initiative) -> Any:
        """Return the cell value of ``initiative`` for this column."""
        value = getattr(initiative, self.field)
        if self.field in M2M_FIELDS:
            value = value.all()
        return self.fmt(value)

    def show(self, value) -> str:
        """Return a model value as the text compared and displayed by a dry run."""
        return comparable(self.fmt(value))

    def read_cell(self, raw: str, refs, row: dict) -> Any:
        """Return the model value of a cell; raise CellError if it cannot be read."""
        if raw == "":
            if self.required:
                raise CellError(_("Valeur obligatoire manquante."))
            return self.empty()
        return self.parse(raw, refs, row)


def comparable(value) -> str:
    """Return a cell value as text, line ends and surrounding spaces set aside."""
    return str(value).replace("\r\n", "\n").strip()


L = gettext_lazy
COLUMNS = (
    Column("code", L("Code"), codecs.text, codecs.parse_text, L("Identifiant stable de l’initiative : une ligne dont le code existe met à jour cette initiative, les autres en créent une."), "MCC-012", required=True, empty=blank, width=14),
    Column("title", L("Titre"), codecs.text, codecs.parse_text, L("Titre de l’initiative (250 caractères au plus)."), "Passeport Culturel Numérique - phase 1", required=True, empty=blank, width=50),
    Column("description", L("Description"), codecs.text, codecs.parse_text, L("Texte libre, sur plusieurs lignes au besoin."), "Offrir aux jeunes un accès simplifié à l’offre culturelle.", empty=blank, width=50),
    Column("lead_organization", L("Organisation responsable"), codecs.attribute("acronym"), codecs.parse_organization, L("Sigle (ou nom officiel) de l’organisation qui porte l’initiative."), "MCC", required=True, width=14),
    Column("partners", L("Organisations partenaires"), codecs.joined("acronym"), codecs.parse_organizations, L("Sigles des organisations partenaires, séparés par « ; ». Obligatoire pour une initiative mutualisée."), "BAnQ;MNBAQ", empty=empty_list, width=22),
    Column("orientation", L("Orientation"), codecs.attribute("number"), codecs.parse_orientation, L("Numéro de l’orientation du plan stratégique de l’organisation responsable (« 3 » ou « 3 - Favoriser… »)."), "3", width=12),
    Column("objective", L("Objectif stratégique"), codecs.attribute("code"), codecs.parse_objective, L("Numéro de l’objectif sous l’orientation, facultatif ; demande la colonne Orientation."), "1.2", width=12),
    Column("ambition", L("Ambition"), codecs.attribute("number"), codecs.parse_ambition, L("Numéro de l’ambition d’affaires : 1, 2 ou 3."), "1", required=True, width=10),
    Column("theme", L("Thème"), codecs.attribute("full_name"), codecs.parse_theme, L("Thème et sous-thème, écrits « Thème - Sous-thème »."), "Parcours client et promotion des services - Aide financière", width=40),
    Column("programme", L("Programme"), codecs.attribute("name"), codecs.parse_programme, L("Nom du programme qui regroupe les phases d’un même effort, s’il y a lieu."), "Passeport Culturel Numérique", width=28),
    Column("phase", L("Phase"), codecs.number, codecs.parse_integer(MAX_PHASE), L("Numéro de la phase dans le programme (1, 2…) ; demande un programme."), "1", width=8),
    Column("status", L("Statut"), codecs.status_label, codecs.parse_status, L("Non débuté, En cours, Terminé, Suspendu ou Abandonné."), "En cours", required=True, empty=blank, width=14),
    Column("is_3pgtn", L("3PGTN"), codecs.yes_no, codecs.parse_boolean, L("« oui » si l’initiative est inscrite au 3PGTN, sinon « non » (vide : non)."), "oui", empty=false, width=8),
    Column("mutualisation_level", L("Niveau de mutualisation"), codecs.attribute("rank"), codecs.parse_level, L("Rang du niveau de mutualisation (1 à 4) ; vide pour une initiative non mutualisée."), "2", width=12),
    Column("start_quarter", L("Début"), codecs.quarter_label, codecs.parse_quarter, L("Trimestre financier de début, « AAAA-AAAA Tn » (T1 = avril à juin), dans la fenêtre du plan."), "2024-2025 T1", width=14),
    Column("end_quarter", L("Fin"), codecs.quarter_label, codecs.parse_quarter, L("Trimestre financier de fin ; ne peut pas précéder le début."), "2025-2026 T4", width=14),
    Column("schedule_is_estimated", L("Échéancier estimé"), codecs.yes_no, codecs.parse_boolean, L("« oui » si l’échéancier a été reconstitué plutôt que tiré du plan publié."), "non", empty=false, width=10),
    Column("financial_benefit", L("Bénéfice financier estimé ($)"), codecs.number, codecs.parse_integer(MAX_FINANCIAL_BENEFIT), L("Montant estimé en dollars, sans décimales (1 000 000 000 au plus)."), "250000", width=16),
    Column("service_benefit", L("Amélioration de service"), codecs.text, codecs.parse_text, L("Amélioration de service attendue, en texte libre."), "Demandes traitées en ligne en 48 heures.", empty=blank, width=40),
    Column("tags", L("Étiquettes"), codecs.joined("slug"), codecs.parse_tags, L("Identifiants des étiquettes, séparés par « ; »."), "valorisation-des-donnees;intelligence-artificielle", empty=empty_list, width=24),
    Column("contact_name", L("Personne-ressource"), codecs.text, codecs.parse_text, L("Nom de la personne-ressource (non publié dans les données ouvertes)."), "Marie Tremblay", empty=blank, width=22),
    Column("contact_email", L("Courriel de la personne-ressource"), codecs.text, codecs.parse_text, L("Adresse courriel de la personne-ressource (non publiée dans les données ouvertes)."), "marie.tremblay@mcc.gouv.qc.ca", empty=blank, width=28),
    Column("is_demo", L("Donnée de démonstration"), codecs.yes_no, codecs.parse_boolean, L("« oui » pour une initiative fictive de démonstration."), "non", empty=false, width=10),
)  # fmt: skip
COLUMNS_BY_FIELD = {column.field: column for column in COLUMNS}
# A column that reads its value against another one, which must then be in the file.
DEPENDENCIES = {"orientation": "lead_organization", "objective": "orientation"}


def headers() -> list[str]:
    return [str(column.header) for column in COLUMNS]


def match_headers(names: list[str]) -> list[Column | None]:
    """Return the column of each header (None for a blank one); reject wrong headers."""
    lookup = {fold(column.header): column for column in COLUMNS}
    lookup.update({fold(column.field): column for column in COLUMNS})
    matched, unknown = [], []
    for index, name in enumerate(names):
        column = lookup.get(fold(name)) if name else None
        if name and column is None:
            unknown.append(f"« {name[:60]} » ({_('colonne')} {get_column_letter(index + 1)})")
        matched.append(column)
    problems = _header_problems([column for column in matched if column], unknown)
    if problems:
        raise FileRejected(" ".join(problems))
    return matched


def _header_problems(found: list[Column], unknown: list[str]) -> list[str]:
    problems = []
    missing = [str(column.header) for column in COLUMNS if column.required and column not in found]
    if missing:
        problems.append(_("Colonnes obligatoires absentes : %s.") % ", ".join(missing))
    if unknown:
        problems.append(_("Colonnes inconnues : %s.") % ", ".join(unknown))
    doubled = sorted({str(column.header) for column in found if found.count(column) > 1})
    if doubled:
        problems.append(_("Colonnes en double : %s.") % ", ".join(doubled))
    for field, needed in DEPENDENCIES.items():
        if COLUMNS_BY_FIELD[field] in found and COLUMNS_BY_FIELD[needed] not in found:
            problems.append(
                _("La colonne « %(column)s » demande la colonne « %(needed)s ».")
                % {
                    "column": COLUMNS_BY_FIELD[field].header,
                    "needed": COLUMNS_BY_FIELD[needed].header,
                }
            )
    if problems:
        problems.append(_("Téléchargez le modèle pour voir les colonnes attendues."))
    return problems
