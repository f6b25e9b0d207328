"""The labels of related objects, built from ``values_list()`` columns as ``str()`` builds them.

A list page reads each relation's label columns in the same query as its rows
(``lead_organization__acronym``), rather than building model instances to call
``str()`` on them. Each function below must give exactly what the model's
``__str__`` gives: ``tests/api/test_labels.py`` checks every model in both
languages.

A model's entry holds the columns its label reads and a factory called once per
request, so that a gettext template is translated once, not once per row.
"""

from collections.abc import Callable
from typing import NamedTuple

from django.utils.translation import gettext

from initiatives.models import (
    Ambition,
    MutualisationLevel,
    Objective,
    Organization,
    Orientation,
    Plan,
    Programme,
    Tag,
    Theme,
)
from initiatives.models.reference import NBSP


class Label(NamedTuple):
    """The columns a model's label reads, and the factory of the function that builds it."""

    columns: tuple[str, ...]
    factory: Callable[[], Callable[..., str]]


def _as_is() -> Callable[[str], str]:
    return str


def _ambition() -> Callable[[int, str], str]:
    return "{}. {}".format


def _theme() -> Callable[[str, str | None], str]:
    return lambda name, parent_name: name if parent_name is None else f"{parent_name} - {name}"


def _mutualisation_level() -> Callable[[int, str], str]:
    template = gettext("Niveau %(rank)s – %(name)s")
    return lambda rank, name: template % {"rank": rank, "name": name}


def _orientation() -> Callable[[int, str], str]:
    template = gettext("Orientation %(number)s")
    return lambda number, title: f"{template % {'number': number}}{NBSP}: {title}"


def _objective() -> Callable[[str, str], str]:
    template = gettext("Objectif %(code)s")
    return lambda code, title: f"{template % {'code': code}}{NBSP}: {title}"


LABELS: dict[type, Label] = {
    Organization: Label(("acronym",), _as_is),
    Plan: Label(("name",), _as_is),
    Programme: Label(("name",), _as_is),
    Tag: Label(("name",), _as_is),
    Ambition: Label(("number", "title"), _ambition),
    Theme: Label(("name", "parent__name"), _theme),
    MutualisationLevel: Label(("rank", "name"), _mutualisation_level),
    Orientation: Label(("number", "title"), _orientation),
    Objective: Label(("code", "title"), _objective),
}


def label_columns(model, prefix: str) -> list[str]:
    """Return the ``values()`` columns of ``model``'s label, reached through ``prefix``."""
    return [f"{prefix}__{column}" for column in LABELS[model].columns]


def label_function(model) -> Callable[..., str]:
    """Return the function of ``model``'s label columns, in the active language."""
    return LABELS[model].factory()
