"""Serializers of the API: ids for relations, each with its readable label alongside.

A relation ``lead_organization: 3`` comes with ``lead_organization_label: "MCC"``;
a many-to-many ``partners: [3, 5]`` with ``partners_labels: ["MCC", "BAnQ"]``.
Labels are read-only; clients write ids.
"""

from django.db import transaction
from django.db.backends.base.operations import BaseDatabaseOperations
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from initiatives import fields as model_fields
from initiatives.api.fields import FiscalQuarterField, LabelField, LabelsField
from initiatives.models import Initiative
from initiatives.services import M2M_FIELDS, SCALAR_FIELDS, WRITABLE_FIELDS

# PostgreSQL's column ranges, whatever the database of the moment (SQLite has
# wider ones): a value the schema accepts is a value every database stores.
INTEGER_RANGES = BaseDatabaseOperations.integer_field_ranges


class LabelledModelSerializer(serializers.ModelSerializer):
    """Add a label beside every relation; bound integers to their column's range."""

    serializer_field_mapping = {
        **serializers.ModelSerializer.serializer_field_mapping,
        model_fields.FiscalQuarterField: FiscalQuarterField,
    }

    def get_fields(self):
        fields = {}
        for name, field in super().get_fields().items():
            fields[name] = field
            if isinstance(field, serializers.ManyRelatedField):
                fields[f"{name}_labels"] = LabelsField(source=f"{field.source or name}.all")
            elif isinstance(field, serializers.RelatedField):
                fields[f"{name}_label"] = LabelField(source=field.source or name)
        return fields

    def build_standard_field(self, field_name, model_field):
        field_class, kwargs = super().build_standard_field(field_name, model_field)
        bounds = INTEGER_RANGES.get(model_field.get_internal_type())
        if bounds and issubclass(field_class, serializers.IntegerField):
            low, high = bounds
            kwargs["min_value"] = max(kwargs.get("min_value", low), low)
            kwargs["max_value"] = min(kwargs.get("max_value", high), high)
        return field_class, kwargs


class ReferenceSerializer(LabelledModelSerializer):
    """Reference data: saved after the model's own validation (``full_clean``)."""

    label = serializers.CharField(source="*", read_only=True)

    def create(self, validated_data):
        return self._save(self.Meta.model(**validated_data))

    def update(self, instance, validated_data):
        for name, value in validated_data.items():
            setattr(instance, name, value)
        return self._save(instance)

    @transaction.atomic
    def _save(self, instance):
        instance.full_clean()
        instance.save()
        return instance


def reference_serializer(model) -> type[ReferenceSerializer]:
    """Return the serializer of a reference model: every field, relations labelled."""
    meta = type("Meta", (), {"model": model, "fields": "__all__"})
    return type(f"{model.__name__}Serializer", (ReferenceSerializer,), {"Meta": meta})


READ_ONLY_FIELDS = ["archived_at", "version", "created_at", "updated_at"]


class InitiativeSerializer(LabelledModelSerializer):
    """An initiative; writes go through the services, never through ``save()``."""

    status_label = serializers.CharField(source="get_status_display", read_only=True)
    change_reason = serializers.CharField(
        write_only=True,
        required=False,
        allow_blank=True,
        max_length=100,
        help_text=_("Motif de la modification, inscrit dans l’historique."),
    )

    class Meta:
        model = Initiative
        fields = [
            "id",
            *SCALAR_FIELDS,
            "status_label",
            *M2M_FIELDS,
            *READ_ONLY_FIELDS,
            "change_reason",
        ]
        read_only_fields = READ_ONLY_FIELDS
        # The services validate unique codes and phases with the model's messages.
        validators = []
        extra_kwargs = {
            "plan": {"required": False, "help_text": _("Par défaut : le plan en vigueur.")}
        }

    def service_data(self) -> dict:
        """Return the validated data as the services take it."""
        return {k: v for k, v in self.validated_data.items() if k in WRITABLE_FIELDS}

    @property
    def change_reason_value(self) -> str:
        return self.validated_data.get("change_reason", "")


class FieldChangeSerializer(serializers.Serializer):
    label = serializers.CharField()
    old = serializers.CharField()
    new = serializers.CharField()


class HistoryEntrySerializer(serializers.Serializer):
    """One record of ``initiative_change_log``: who, when, what, why, which changes."""

    date = serializers.DateTimeField()
    user = serializers.CharField(
        source="user.get_username",
        allow_null=True,
        default=None,
        help_text=_("Nom d’utilisateur de l’auteur ; null : le système (chargement des données)."),
    )
    kind = serializers.ChoiceField(choices=["+", "~", "-"])
    kind_label = serializers.CharField()
    reason = serializers.CharField()
    changes = FieldChangeSerializer(many=True)
