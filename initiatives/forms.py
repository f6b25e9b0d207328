"""The initiative form of the officers' pages; saving goes through the services."""

from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from initiatives.fiscal import FiscalQuarter
from initiatives.models import Initiative, Objective, Orientation, Plan, Theme
from initiatives.selectors import current_plan, organizations_editable_by
from initiatives.services import M2M_FIELDS, SCALAR_FIELDS

FORM_FIELDS = [
    "lead_organization",
    "code",
    "title",
    "description",
    "orientation",
    "objective",
    "ambition",
    "theme",
    "programme",
    "phase",
    "status",
    "is_3pgtn",
    "start_quarter",
    "end_quarter",
    "mutualisation_level",
    "partners",
    "financial_benefit",
    "service_benefit",
    "tags",
    "contact_name",
    "contact_email",
]
HELP_TEXTS = {
    "code": _("Identifiant stable de l’initiative, par exemple MCC-012."),
    "orientation": _("Orientation du plan stratégique de l’organisation responsable."),
    "start_quarter": _("Trimestre financier (T1 = avril à juin) dans la fenêtre du plan."),
    "end_quarter": _("Ne peut pas précéder le trimestre de début."),
    "partners": _("Obligatoire pour une initiative mutualisée ; sans l’organisation responsable."),
    "financial_benefit": _("Montant estimé en dollars, sans décimales."),
}


def quarter_choices(plan: Plan | None) -> list:
    """Return the plan's quarters grouped by fiscal year, for a select with optgroups."""
    if plan is None:
        return [("", "---------")]
    groups = [
        (year.label, [(q.label, q.label) for q in year.quarters()]) for year in plan.fiscal_years
    ]
    return [("", "---------"), *groups]


class QuarterChoiceField(forms.TypedChoiceField):
    def __init__(self, *, plan, **kwargs):
        super().__init__(
            choices=quarter_choices(plan),
            coerce=FiscalQuarter.parse,
            empty_value=None,
            required=False,
            **kwargs,
        )


class ThemeChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, theme):
        return theme.full_name


class InitiativeForm(forms.ModelForm):
    """Create or edit an initiative within what the user may edit."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Initiative
        fields = FORM_FIELDS
        help_texts = HELP_TEXTS
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "service_benefit": forms.Textarea(attrs={"rows": 3}),
            "ambition": forms.RadioSelect,
            "partners": forms.CheckboxSelectMultiple,
            "tags": forms.CheckboxSelectMultiple,
        }
        field_classes = {"theme": ThemeChoiceField}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        if not self.instance.plan_id:
            self.instance.plan = current_plan()
        # Before the reference data is loaded there is no plan: no quarter to offer.
        plan = self.instance.plan if self.instance.plan_id else None
        for name in ("start_quarter", "end_quarter"):
            field = self.fields[name]
            self.fields[name] = QuarterChoiceField(
                plan=plan, label=field.label, help_text=field.help_text
            )
        self._limit_organizations()
        self._limit_orientations()
        self.fields["theme"].queryset = Theme.objects.filter(parent__isnull=False).select_related(
            "parent"
        )
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version

    def _limit_organizations(self):
        editable = organizations_editable_by(self.user)
        field = self.fields["lead_organization"]
        field.queryset = editable
        # Reload the orientations of the chosen lead without leaving the page.
        field.widget.attrs.update(
            {"hx-get": reverse("initiatives:orientation-options"), "hx-target": "#id_orientation"}
        )
        field.empty_label = None if editable.count() == 1 else field.empty_label

    def _lead_id(self):
        raw = self.data.get(self.add_prefix("lead_organization")) if self.is_bound else None
        if raw and str(raw).isdigit():
            return int(raw)
        if self.instance.lead_organization_id:
            return self.instance.lead_organization_id
        editable = list(self.fields["lead_organization"].queryset.values_list("pk", flat=True)[:2])
        return editable[0] if len(editable) == 1 else None

    def _limit_orientations(self):
        lead_id = self._lead_id()
        self.fields["orientation"].queryset = Orientation.objects.filter(organization_id=lead_id)
        self.fields["objective"].queryset = Objective.objects.filter(
            orientation__organization_id=lead_id
        ).select_related("orientation")

    def clean(self):
        cleaned = super().clean()
        try:
            self.instance.clean_partners(
                cleaned.get("partners") or [],
                mutualisation_level=cleaned.get("mutualisation_level"),
                lead_organization=cleaned.get("lead_organization"),
            )
        except forms.ValidationError as error:
            for field, messages in error.message_dict.items():
                self.add_error(field, messages)
        return cleaned

    def service_data(self) -> dict:
        """Return the cleaned values the initiative services take."""
        writable = set(SCALAR_FIELDS) | set(M2M_FIELDS)
        return {name: value for name, value in self.cleaned_data.items() if name in writable}
