"""A model field that stores a FiscalQuarter as one comparable integer."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from initiatives.fiscal import FiscalQuarter, InvalidQuarter


def to_quarter(value) -> FiscalQuarter | None:
    """Return ``value`` (quarter, label or stored integer) as a FiscalQuarter."""
    if value in (None, ""):
        return None
    if isinstance(value, FiscalQuarter):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return FiscalQuarter.from_index(value)
    return FiscalQuarter.parse(str(value))


class FiscalQuarterFormField(forms.CharField):
    """Accept a label such as "2024-2025 T1"; clean to a FiscalQuarter."""

    def to_python(self, value):
        value = super().to_python(value)
        try:
            return to_quarter(value)
        except InvalidQuarter as error:
            raise ValidationError(str(error), code="invalid_quarter") from error

    def prepare_value(self, value):
        return value.label if isinstance(value, FiscalQuarter) else value


class FiscalQuarterField(models.PositiveIntegerField):
    description = _("Trimestre financier (année financière du 1er avril au 31 mars)")

    @property
    def validators(self):
        # The integer range validators of IntegerField would compare a
        # FiscalQuarter with an int; the quarter validates its own range.
        return list(self._validators)

    def from_db_value(self, value, expression, connection):
        return None if value is None else FiscalQuarter.from_index(value)

    def to_python(self, value):
        try:
            return to_quarter(value)
        except InvalidQuarter as error:
            raise ValidationError(str(error), code="invalid_quarter") from error

    def get_prep_value(self, value):
        quarter = self.to_python(value)
        return None if quarter is None else quarter.index

    def value_to_string(self, obj):
        quarter = self.value_from_object(obj)
        return "" if quarter is None else quarter.label

    def formfield(self, **kwargs):
        return super(models.PositiveIntegerField, self).formfield(
            **{"form_class": FiscalQuarterFormField, **kwargs}
        )
