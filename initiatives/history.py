"""An initiative's change log as people read it: who, when, which field, old and new value."""

from collections import defaultdict
from dataclasses import dataclass, field
from itertools import pairwise

from django.db import models
from django.utils.translation import gettext_lazy as _

from initiatives.models import Initiative

KIND_LABELS = {"+": _("Création"), "~": _("Modification"), "-": _("Suppression")}
M2M_TARGETS = {"partners": "organization", "tags": "tag"}
FIELD_ORDER = {field.name: index for index, field in enumerate(Initiative._meta.get_fields())}


@dataclass
class FieldChange:
    label: str
    old: str
    new: str


@dataclass
class HistoryEntry:
    date: object
    user: object
    kind: str
    reason: str
    changes: list[FieldChange] = field(default_factory=list)

    @property
    def kind_label(self) -> str:
        return KIND_LABELS.get(self.kind, self.kind)


def initiative_change_log(initiative: Initiative) -> list[HistoryEntry]:
    """Return the initiative's history, newest first, in a constant number of queries."""
    records = list(
        initiative.history.select_related("history_user")
        .prefetch_related(*(f"historicalinitiative_{name}_set" for name in M2M_TARGETS))
        .order_by("history_date", "history_id")
    )
    diffs = [[]] + [_diff(old, new) for old, new in pairwise(records)]
    labels = _RelatedLabels(diffs)
    entries = [
        HistoryEntry(
            date=record.history_date,
            user=record.history_user,
            kind=record.history_type,
            reason=record.history_change_reason or "",
            changes=[labels.describe(*change) for change in diff],
        )
        for record, diff in zip(records, diffs, strict=True)
    ]
    return entries[::-1]


def _diff(old, new) -> list[tuple[str, object, object]]:
    """Return (field, old value, new value) for each field that differs between two records."""
    delta = new.diff_against(old, excluded_fields=list(M2M_TARGETS))
    changes = [(change.field, change.old, change.new) for change in delta.changes]
    for name in M2M_TARGETS:
        before, after = _m2m_ids(old, name), _m2m_ids(new, name)
        if before != after:
            changes.append((name, before, after))
    return sorted(changes, key=lambda change: FIELD_ORDER.get(change[0], 99))


def _m2m_ids(record, name) -> frozenset:
    rows = getattr(record, f"historicalinitiative_{name}_set").all()
    return frozenset(getattr(row, f"{M2M_TARGETS[name]}_id") for row in rows)


class _RelatedLabels:
    """Turn the raw values of a diff into labels, loading related objects in bulk."""

    def __init__(self, diffs):
        wanted = defaultdict(set)
        for diff in diffs:
            for name, old, new in diff:
                model = _related_model(name)
                if model is not None:
                    for value in (old, new):
                        wanted[model].update(_as_ids(value))
        self.objects = {model: model._default_manager.in_bulk(ids) for model, ids in wanted.items()}

    def describe(self, name, old, new) -> FieldChange:
        model_field = Initiative._meta.get_field(name)
        return FieldChange(
            label=str(model_field.verbose_name).capitalize(),
            old=self._display(model_field, old),
            new=self._display(model_field, new),
        )

    def _display(self, model_field, value) -> str:
        if value in (None, "") or value == frozenset():
            return "—"
        if model_field.is_relation:
            found = self.objects.get(model_field.related_model, {})
            return ", ".join(sorted(str(found.get(pk, pk)) for pk in _as_ids(value)))
        if model_field.choices:
            return str(dict(model_field.choices).get(value, value))
        if isinstance(model_field, models.BooleanField):
            return str(_("Oui") if value else _("Non"))
        return str(value)


def _related_model(name):
    model_field = Initiative._meta.get_field(name)
    return model_field.related_model if model_field.is_relation else None


def _as_ids(value) -> set:
    if value in (None, ""):
        return set()
    return set(value) if isinstance(value, frozenset) else {value}
