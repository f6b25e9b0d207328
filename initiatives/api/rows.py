"""Serialize list pages from ``values_list()`` rows, with the model serializer's own fields.

Building model instances, prefetching many-to-many relations and walking DRF's
attribute lookups cost ten times what the rows themselves cost. A list page
instead pages through primary keys, then reads the page's rows by key together
with the columns of their relations' labels (see ``api.labels``), and each
many-to-many relation from its through table joined to the related label
columns. (Joined into the paged query, the labels' tables would be joined to
every matching row before the sort: 4 ms more at 10,000 initiatives on SQLite.)
Every value keeps the representation its serializer field gives, so that a
list row and a detail answer are the same JSON (``tests/api`` checks it).

What depends only on the serializer (columns, compiled queries, which reader
serves which field) is worked out once per process (see ``api.compiled``); a
request only binds the readers to its page's links, its language and time zone.

A page costs five queries whatever its size: the count and the keys (the
paginator's), the rows with their labels, and one per many-to-many relation.
"""

import copy
from collections import defaultdict
from functools import cache
from operator import itemgetter

from django.core.exceptions import FieldDoesNotExist
from rest_framework import serializers

from initiatives.api.compiled import KeyedQuery
from initiatives.api.fields import FiscalQuarterField, LabelField, LabelsField
from initiatives.api.labels import label_columns, label_function

# Fields whose representation of a value read from the database is that value.
IDENTITY_FIELDS = (
    serializers.BooleanField,
    serializers.CharField,
    serializers.ChoiceField,
    serializers.IntegerField,
    serializers.RelatedField,
)


class RowSerializer:
    """What a list page reads for ``serializer``'s fields, worked out once per class."""

    def __init__(self, serializer: serializers.ModelSerializer):
        self.model = serializer.Meta.model
        fields = [
            (name, field, self._model_field(name, field))
            for name, field in serializer.fields.items()
            if not field.write_only
        ]
        self.many = {
            model_field.name: ManyRelation(model_field)
            for _name, _field, model_field in fields
            if model_field.many_to_many
        }
        columns = sorted({self.model._meta.pk.attname, *_columns(fields)})
        self.rows = KeyedQuery(self.model._base_manager.order_by().values_list(*columns), "pk__in")
        self.key = itemgetter(columns.index(self.model._meta.pk.attname))
        index = {column: position for position, column in enumerate(columns)}
        self.readers = [
            (name, Reader(field, model_field, index)) for name, field, model_field in fields
        ]

    def keys(self, queryset):
        """Return the primary keys of ``queryset``: what the paginator pages through."""
        return queryset.prefetch_related(None).values_list("pk", flat=True)

    def serialize(self, keys) -> list[dict]:
        """Return the representation of the rows of ``keys``, in the order of ``keys``."""
        keys = list(keys)
        by_key = {self.key(row): row for row in self.rows.run(keys)}
        rows = [by_key[key] for key in keys if key in by_key]
        many = {name: relation.read(keys) for name, relation in self.many.items()}
        readers = [(name, reader.bind(many, self.key)) for name, reader in self.readers]
        return [{name: read(row) for name, read in readers} for row in rows]

    def _model_field(self, name, field):
        source = (field.source or name).split(".")[0]
        if source.startswith("get_") and source.endswith("_display"):
            source = source[4 : -len("_display")]
        try:
            return self.model._meta.get_field(source)
        except FieldDoesNotExist as error:
            raise TypeError(f"{name} reads no column of {self.model.__name__}") from error


def _columns(fields):
    """Yield the ``values_list()`` columns the fields read, labels' columns included."""
    for _name, field, model_field in fields:
        if not model_field.many_to_many:
            yield model_field.attname
        if isinstance(field, LabelField):
            yield from label_columns(model_field.related_model, model_field.name)


class Reader:
    """How one field is read from a row; ``bind()`` returns the function for one request."""

    def __init__(self, field, model_field, index: dict):
        self.field, self.model_field = field, model_field
        self.position = index.get(model_field.attname)
        if isinstance(field, LabelField):
            columns = label_columns(model_field.related_model, model_field.name)
            self.label_positions = [index[column] for column in columns]

    def bind(self, many: dict, key):
        field, model_field, position = self.field, self.model_field, self.position
        if model_field.many_to_many:
            values = many[model_field.name][1 if isinstance(field, LabelsField) else 0]
            return lambda row: values.get(key(row), [])
        if isinstance(field, LabelField):
            label_of, positions = label_function(model_field.related_model), self.label_positions
            return _cached(position, lambda row: label_of(*[row[p] for p in positions]))
        if field.source.startswith("get_"):
            choices = dict(model_field.flatchoices)
            return _cached(position, lambda row: str(choices.get(row[position], row[position])))
        if isinstance(field, IDENTITY_FIELDS):
            return itemgetter(position)
        if isinstance(field, FiscalQuarterField):
            return lambda row: None if row[position] is None else row[position].label
        if isinstance(field, serializers.DateTimeField):
            return _datetime_reader(field, position)
        represent = field.to_representation
        return lambda row: None if row[position] is None else represent(row[position])


class ManyRelation:
    """A many-to-many relation, read from its through table joined to the related labels."""

    def __init__(self, model_field):
        source, target = model_field.m2m_field_name(), model_field.m2m_reverse_field_name()
        self.related_model = model_field.related_model
        links = model_field.remote_field.through._base_manager.order_by(
            *_ordering(self.related_model, target), f"{target}_id"
        ).values_list(f"{source}_id", f"{target}_id", *label_columns(self.related_model, target))
        self.links = KeyedQuery(links, f"{source}__in")

    def read(self, keys: list) -> tuple[dict, dict]:
        """Return ``({key: [related key, …]}, {key: [label, …]})``, in the related model's order."""
        label_of = label_function(self.related_model)
        ids, labels = defaultdict(list), defaultdict(list)
        for key, related_key, *columns in self.links.run(keys):
            ids[key].append(related_key)
            labels[key].append(label_of(*columns))
        return ids, labels


def _cached(position, compute):
    """Return a reader of ``compute(row)``, computed once per value at ``position`` (None: None).

    A page holds few distinct related objects or statuses.
    """
    results = {None: None}

    def read(row):
        value = row[position]
        if value not in results:
            results[value] = compute(row)
        return results[value]

    return read


def _datetime_reader(field, position):
    """Return a reader of a datetime as ``field`` represents it, in the request's time zone.

    Unbound, DRF's field looks the current time zone up again for every value.
    """
    if not hasattr(field, "timezone"):
        field = copy.copy(field)
        field.timezone = field.default_timezone()
    represent = field.to_representation
    return lambda row: None if row[position] is None else represent(row[position])


def _ordering(model, prefix: str) -> list[str]:
    """Return ``model``'s default ordering as seen from a model that reaches it by ``prefix``."""
    return [
        f"-{prefix}__{name[1:]}" if name.startswith("-") else f"{prefix}__{name}"
        for name in model._meta.ordering
    ]


@cache
def row_serializer(serializer_class) -> RowSerializer:
    """Return the RowSerializer of ``serializer_class``, built once per process.

    Its fields must not depend on the request (no hyperlinks): they are bound
    to an empty context.
    """
    return RowSerializer(serializer_class(context={}))
