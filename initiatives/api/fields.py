"""Serializer fields of the API: fiscal quarters as labels, related objects' labels."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from initiatives.fiscal import FiscalQuarter, InvalidQuarter

QUARTER_PATTERN = r"^\d{4}-\d{4} T[1-4]$"


@extend_schema_field(
    {
        "type": "string",
        "pattern": QUARTER_PATTERN,
        "example": "2024-2025 T1",
        "description": "Trimestre financier québécois (1er avril au 31 mars), « AAAA-AAAA Tn ».",
    }
)
class FiscalQuarterField(serializers.Field):
    """Read and write a fiscal quarter as its label, "2024-2025 T1"."""

    default_error_messages = {
        "invalid": _("Indiquez un trimestre financier sous la forme « 2024-2025 T1 »."),
    }

    def __init__(self, **kwargs):
        for unsupported in ("min_value", "max_value", "model_field"):
            kwargs.pop(unsupported, None)
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        try:
            return FiscalQuarter.parse(data)
        except InvalidQuarter as error:
            raise serializers.ValidationError(str(error), code="invalid_quarter") from error

    def to_representation(self, value):
        return value.label


class LabelField(serializers.CharField):
    """The readable label (``str()``) of a related object, beside its id."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, allow_null=True, **kwargs)


class LabelsField(serializers.ListField):
    """The readable labels of a many-to-many relation, in the order of its ids."""

    child = serializers.CharField()

    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, data):
        return [str(item) for item in data]
