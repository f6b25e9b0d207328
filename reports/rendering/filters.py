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
    filterset = _filterset(query)
    return describe_filters(filterset) if filterset.is_valid() else []


def filter_labels(query: str) -> list[str]:
    """Return the labels of the filters a query string sets, without reading the database.

    For lists of requests: their values (organisations, tags...) would take a
    query each to check; describe_query says them on the request's own page.
    """
    data = QueryDict(query)
    fields = _filterset(query).form.fields
    return [
        str(field.label)
        for name, field in fields.items()
        if name != "ordering" and any(data.getlist(name))
    ]


def _filterset(query: str):
    from initiatives.filtersets import InitiativeFilterSet

    return InitiativeFilterSet(QueryDict(query))


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
