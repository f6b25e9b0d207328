"""How each kind of cell is written from a value, and read back into one.

Formatters take a model value and return what a cell holds (text or integer);
parsers take a non-empty cell text, the References and the values parsed so far
in the row, and return a model value or raise CellError.
"""

import re

from django.utils.translation import gettext as _

from initiatives.choices import Status
from initiatives.exchange.errors import CellError
from initiatives.exchange.references import fold
from initiatives.fiscal import FiscalQuarter, InvalidQuarter

YES, NO = "oui", "non"
LIST_SEPARATOR = ";"
_TRUE = {"oui", "o", "x", "vrai", "true", "1", "yes", "y"}
_FALSE = {"non", "n", "faux", "false", "0", "no"}
_SPACES = re.compile(r"[\s\u00a0\u202f]+")
_LIST_SPLIT = re.compile(r"[;,\n]")
_LEADING_NUMBER = re.compile(r"^(?:orientation|ambition|niveau)?\s*(\d{1,4})(?=$|\s|[-:]|\.(?!\d))")


# Formatters ---------------------------------------------------------------


def text(value):
    return value or ""


def number(value):
    return "" if value is None else value


def yes_no(value):
    return YES if value else NO


def attribute(name: str):
    """Return a formatter that reads ``name`` of a related object, or "" without one."""

    def read(obj):
        return "" if obj is None else getattr(obj, name)

    return read


def joined(name: str):
    """Return a formatter that joins ``name`` of related objects, sorted, with ";"."""

    def read(objects):
        return LIST_SEPARATOR.join(sorted(getattr(obj, name) for obj in objects))

    return read


def status_label(value):
    return str(Status(value).label) if value else ""


def quarter_label(value):
    return value.label if value else ""


# Parsers ------------------------------------------------------------------


def parse_text(raw, refs, row):
    return raw


def parse_integer(maximum: int):
    """Return a parser of whole numbers up to ``maximum``: "1 234 567 $" reads 1234567."""

    def parse(raw, refs, row):
        digits = re.sub(r"[.,]0+$", "", _SPACES.sub("", raw).removesuffix("$"))
        if not (digits.isascii() and digits.isdigit()):
            raise CellError(_("« %(value)s » n’est pas un nombre entier positif.") % _shown(raw))
        if len(digits) > len(str(maximum)) or int(digits) > maximum:
            raise CellError(
                _("Le nombre %(value)s dépasse le maximum permis (%(max)s).")
                % {**_shown(digits), "max": f"{maximum:,}".replace(",", "\u00a0")}
            )
        return int(digits)

    return parse


def parse_boolean(raw, refs, row):
    folded = fold(raw)
    if folded in _TRUE:
        return True
    if folded in _FALSE:
        return False
    raise CellError(_("« %(value)s » : indiquez « oui » ou « non ».") % _shown(raw))


def parse_status(raw, refs, row):
    status = refs.statuses.get(fold(raw))
    if status is None:
        accepted = ", ".join(str(label) for label in Status.labels)
        raise CellError(
            _("Statut inconnu : « %(value)s ». Statuts acceptés : %(accepted)s.")
            % {**_shown(raw), "accepted": accepted}
        )
    return status


def parse_quarter(raw, refs, row):
    try:
        return FiscalQuarter.parse(raw)
    except InvalidQuarter as error:
        raise CellError(str(error)) from error


def parse_organization(raw, refs, row):
    organization = refs.organizations.get(fold(raw))
    if organization is None:
        raise CellError(
            _("Organisation inconnue : « %(value)s ». Sigles acceptés : %(accepted)s.")
            % {**_shown(raw), "accepted": refs.acronyms()}
        )
    return organization


def parse_organizations(raw, refs, row):
    return _parse_list(raw, refs.organizations, _("Organisations inconnues : %(values)s."))


def parse_tags(raw, refs, row):
    return _parse_list(raw, refs.tags, _("Étiquettes inconnues : %(values)s."))


def parse_orientation(raw, refs, row):
    lead = row.get("lead_organization")
    if lead is None:
        return None  # the lead organisation's own cell already says what is wrong
    orientation = refs.orientations.get((lead.pk, _leading_number(raw)))
    if orientation is None:
        raise CellError(
            _("L’organisation %(org)s n’a pas d’orientation « %(value)s ».")
            % {**_shown(raw), "org": lead.acronym}
        )
    return orientation


def parse_objective(raw, refs, row):
    orientation = row.get("orientation")
    if orientation is None:
        raise CellError(_("Un objectif stratégique demande une orientation."))
    objective = refs.objectives.get((orientation.pk, fold(raw)))
    if objective is None:
        raise CellError(
            _("L’orientation %(number)s n’a pas d’objectif « %(value)s ».")
            % {**_shown(raw), "number": orientation.number}
        )
    return objective


def parse_ambition(raw, refs, row):
    return _by_number(raw, refs.ambitions, _("Ambition inconnue : « %(value)s » (1, 2 ou 3)."))


def parse_level(raw, refs, row):
    return _by_number(raw, refs.levels, _("Niveau de mutualisation inconnu : « %(value)s »."))


def parse_theme(raw, refs, row):
    theme = refs.themes.get(fold(raw.replace(">", "-")))
    if theme is None:
        raise CellError(
            _("Thème inconnu : « %(value)s » (attendu : « Thème - Sous-thème »).") % _shown(raw)
        )
    return theme


def parse_programme(raw, refs, row):
    programme = refs.programmes.get(fold(raw))
    if programme is None:
        raise CellError(_("Programme inconnu : « %(value)s ».") % _shown(raw))
    return programme


def _by_number(raw, table: dict, message):
    found = table.get(_leading_number(raw))
    if found is None:
        raise CellError(message % _shown(raw))
    return found


def _leading_number(raw) -> int | None:
    match = _LEADING_NUMBER.match(fold(raw))
    return int(match.group(1)) if match else None


def _parse_list(raw, table: dict, message) -> list:
    items = [item.strip() for item in _LIST_SPLIT.split(raw) if item.strip()]
    unknown = [item for item in items if fold(item) not in table]
    if unknown:
        raise CellError(message % {"values": ", ".join(f"« {item[:40]} »" for item in unknown)})
    return list({table[fold(item)].pk: table[fold(item)] for item in items}.values())


def _shown(raw) -> dict:
    """Return the value quoted in a message, cut short: a cell may hold anything."""
    value = str(raw)
    return {"value": value if len(value) <= 60 else value[:57] + "…"}
