"""The admin's initiative form: every rule the services enforce, shown on the form."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from initiatives.models import Initiative
from initiatives.permissions import can_edit_for
from initiatives.services import M2M_FIELDS, SCALAR_FIELDS


class InitiativeAdminForm(forms.ModelForm):
    """Validate what the services would refuse, so that it shows as form errors.

    ``user`` is set by InitiativeAdmin.get_form on a per-request subclass.
    """

    user = None

    # The version the editor read: the service refuses the save if it moved since.
    version_seen = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Initiative
        fields = (*SCALAR_FIELDS, *M2M_FIELDS)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["version_seen"].initial = self.instance.version

    def clean(self):
        cleaned_data = super().clean()
        self._check_version(cleaned_data)
        self._check_lead_organization(cleaned_data)
        self._check_partners(cleaned_data)
        return cleaned_data

    def service_data(self) -> dict:
        """Return the cleaned values in the shape initiative_create/update take."""
        names = (*SCALAR_FIELDS, *M2M_FIELDS)
        return {name: self.cleaned_data[name] for name in names if name in self.cleaned_data}

    def _check_version(self, cleaned_data):
        seen = cleaned_data.get("version_seen")
        if self.instance.pk and seen is not None and seen != self.instance.version:
            raise ValidationError(
                _(
                    "Cette initiative a été modifiée par quelqu’un d’autre depuis que vous l’avez ouverte : rechargez la page."
                ),
                code="conflict",
            )

    def _check_lead_organization(self, cleaned_data):
        lead = cleaned_data.get("lead_organization")
        if lead is not None and self.user is not None and not can_edit_for(self.user, lead):
            self.add_error(
                "lead_organization",
                _("Vous ne pouvez pas confier cette initiative à cette organisation."),
            )

    def _check_partners(self, cleaned_data):
        if "partners" not in cleaned_data or "mutualisation_level" not in cleaned_data:
            return  # a field error is already shown
        try:
            self.instance.clean_partners(
                cleaned_data["partners"],
                mutualisation_level=cleaned_data["mutualisation_level"],
                lead_organization=cleaned_data.get("lead_organization"),
            )
        except ValidationError as error:
            self.add_error(None, error)
