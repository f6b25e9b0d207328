"""Serialize list pages from ``values()`` rows, with the model serializer's own fields.

Building model instances, prefetching many-to-many relations and walking DRF's
attribute lookups cost ten times what the rows themselves cost. A list page
instead reads its columns with ``values()``, the many-to-many ids from the
through tables, and each related model's labels (``str()``) once per page; every
value still goes through the serializer field that shapes it, so that a list
row and a detail answer are the same JSON (``tests/api`` checks it).
"""

from collections import defaultdict
from functools import cache

from django.db.models import F
from rest_framework import serializers

from initiatives.api.fields import LabelField, LabelsField

# Fields whose representation of a value read from the database is that value.
IDENTITY_FIELDS = (
    serializers.BooleanField,
    serializers.CharField,
    serializers.ChoiceField,
    serializers.IntegerField,
)


class RowSerializer:
    """Turn ``values()`` rows into the representation of ``serializer``'s fields."""

    def __init__(self, serializer: serializers.ModelSerializer):
        self.model = serializer.Meta.model
        self.select_related = getattr(serializer.Meta, "label_select_related", {})
        self.readers = [
            (name, *self._reader(name, field))
            for name, field in serializer.fields.items()
            if not field.write_only
        ]
        self.columns = sorted({"pk", *self._columns(serializer)})
        self.many_fields = self._model_fields(serializer, serializers.ManyRelatedField, LabelsField)
        self.labelled_fields = self._model_fields(serializer, LabelField, LabelsField)

    def values(self, queryset):
        """Return ``queryset`` as the rows this serializer reads."""
        return queryset.prefetch_related(None).values(*self.columns)

    def serialize(self, rows) -> list[dict]:
        rows = list(rows)
        page = _Page(self, rows)
        readers = self.readers
        return [
            {
                name: row[column] if read is None else read(row, page)
                for name, column, read in readers
            }
            for row in rows
        ]

    def _columns(self, serializer):
        for field in serializer.fields.values():
            model_field = self._model_field(field)
            if model_field is not None and not field.write_only and not model_field.many_to_many:
                yield model_field.attname

    def _model_fields(self, serializer, *field_classes) -> set:
        return {
            self._model_field(field)
            for field in serializer.fields.values()
            if isinstance(field, field_classes) and not field.write_only
        }

    def _model_field(self, field):
        name = (field.source or field.field_name).split(".")[0]
        if name.startswith("get_") and name.endswith("_display"):
            name = name[4 : -len("_display")]
        try:
            return self.model._meta.get_field(name)
        except Exception:
            return None

    def _reader(self, name, field):
        """Return ``(column, function)``: the column read as is, or read by the function."""
        model_field = self._model_field(field)
        if model_field is None:
            raise TypeError(f"{name} reads no column of {self.model.__name__}")
        if isinstance(field, LabelsField):
            return None, lambda row, page: page.labels_of(model_field, page.ids(model_field, row))
        if isinstance(field, serializers.ManyRelatedField):
            return None, lambda row, page: page.ids(model_field, row)
        column = model_field.attname
        if isinstance(field, LabelField):
            return None, lambda row, page: page.label(model_field, row[column])
        if field.source.startswith("get_"):
            choices = dict(model_field.flatchoices)
            return None, lambda row, page: str(choices.get(row[column], row[column]))
        if isinstance(field, (serializers.RelatedField, *IDENTITY_FIELDS)):
            return column, None
        return (
            None,
            lambda row, page: None if row[column] is None else field.to_representation(row[column]),
        )


@cache
def row_serializer(serializer_class) -> RowSerializer:
    """Return the RowSerializer of ``serializer_class``, built once per process.

    Its fields must not depend on the request (no hyperlinks): they are bound
    to an empty context.
    """
    return RowSerializer(serializer_class(context={}))


class _Page:
    """The many-to-many ids and the related objects' labels of one page of rows."""

    def __init__(self, plan: RowSerializer, rows: list[dict]):
        self.plan = plan
        pks = [row["pk"] for row in rows]
        self.labels = defaultdict(dict)
        self.many = {field.name: self._load_many(field, pks) for field in plan.many_fields}
        self._load_foreign_labels(pks)

    def _load_many(self, field, pks) -> dict:
        """Return {row pk: [related pk, …]} in the related model's order; keep their labels."""
        model, lookup = field.related_model, field.related_query_name()
        related = (
            model._base_manager.filter(**{f"{lookup}__in": pks})
            .annotate(_row_pk=F(lookup))
            .order_by(*model._meta.ordering, "pk")
            .values("_row_pk", *_columns_of(model, "", self.plan.select_related))
        )
        result = defaultdict(list)
        for row in related:
            result[row["_row_pk"]].append(self._remember(model, "", row))
        return result

    def _load_foreign_labels(self, pks) -> None:
        """Label the page's foreign keys from one query that joins their tables."""
        fields = sorted(self.plan.labelled_fields - self.plan.many_fields, key=lambda f: f.name)
        if not fields or not pks:
            return
        columns = [
            column
            for field in fields
            for column in _columns_of(field.related_model, field.name, self.plan.select_related)
        ]
        for row in self.plan.model._base_manager.filter(pk__in=pks).values(*columns):
            for field in fields:
                self._remember(field.related_model, field.name, row)

    def _remember(self, model, prefix: str, row: dict):
        """Label the ``model`` object whose columns ``row`` holds under ``prefix``; return its pk."""
        pk = row[_join(prefix, model._meta.pk.attname)]
        labels = self.labels[model]
        if pk is not None and pk not in labels:
            labels[pk] = str(_build(model, prefix, row, self.plan.select_related))
        return pk

    def ids(self, model_field, row) -> list:
        return self.many[model_field.name].get(row["pk"], [])

    def label(self, model_field, pk):
        return None if pk is None else self.labels[model_field.related_model].get(pk)

    def labels_of(self, model_field, pks):
        labels = self.labels[model_field.related_model]
        return [labels.get(pk) for pk in pks]


def _join(prefix: str, name: str) -> str:
    return f"{prefix}__{name}" if prefix else name


def _columns_of(model, prefix: str, select_related: dict) -> list[str]:
    """Return the values() columns that rebuild a ``model`` object reached by ``prefix``."""
    columns = [_join(prefix, field.attname) for field in model._meta.concrete_fields]
    for name in select_related.get(model, ()):
        related = model._meta.get_field(name).related_model
        columns += _columns_of(related, _join(prefix, name), {})
    return columns


def _build(model, prefix: str, row: dict, select_related: dict):
    """Rebuild the ``model`` object whose columns ``row`` holds under ``prefix``."""
    attnames = [field.attname for field in model._meta.concrete_fields]
    obj = model.from_db(None, attnames, [row[_join(prefix, name)] for name in attnames])
    for name in select_related.get(model, ()):
        related = model._meta.get_field(name).related_model
        if row[_join(prefix, f"{name}__{related._meta.pk.attname}")] is not None:
            setattr(obj, name, _build(related, _join(prefix, name), row, {}))
    return obj
