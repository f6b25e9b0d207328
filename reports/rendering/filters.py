"""Say in words which filters a report was made with ("Statut : En cours, Terminé")."""

from django.db.models import Model, QuerySet
from django.http import QueryDict
from django.utils.translation import gettext as _


def has_filters(filterset) -> bool:
    """Return whether any filter of a valid ``filterset`` holds a value."""
    return any(_is_set(value) for value in filterset.form.cleaned_data.values())


def describe_filters(filterset) -> list[tuple[str, str]]:
    """Return (label, values) for each filter set, in the filter set's order."""
    described = []
    for name, value in filterset.form.cleaned_data.items():
        if name == "ordering" or not _is_set(value):
            continue
        field = filterset.form.fields[name]
        described.append((str(field.label), _display(field, value)))
    return described


def describe_query(query: str) -> list[tuple[str, str]]:
    """Return (label, values) for each filter of a request's query string; none if invalid."""
    from initiatives.filtersets import InitiativeFilterSet

    filterset = InitiativeFilterSet(QueryDict(query))
    return describe_filters(filterset) if filterset.is_valid() else []


def _display(field, value) -> str:
    if isinstance(value, bool):
        return _("Oui") if value else _("Non")
    if isinstance(value, QuerySet | list | tuple):
        return ", ".join(_display(field, item) for item in value)
    if isinstance(value, Model):
        return str(value)
    choices = dict(getattr(field, "choices", ()) or ())
    return str(choices.get(value, choices.get(str(value), value)))


def _is_set(value) -> bool:
    if isinstance(value, QuerySet):
        return not value.query.is_empty()
    return value not in (None, "", [], ())
