"""The report request form; its filters are the roadmap's (InitiativeFilterSet), beside it."""

from django import forms
from django.utils.translation import gettext_lazy as _

from reports.choices import ReportKind
from roadmap.selectors_versions import plan_versions


class ReportRequestForm(forms.Form):
    """Which report, of which state of the plan.

    The field is named ``plan_version``, not ``version``: on the roadmap,
    ``version`` names the version a roadmap is compared to.
    """

    kind = forms.ChoiceField(
        label=_("Rapport"),
        choices=ReportKind.choices,
        initial=ReportKind.ROADMAP_MCC,
        widget=forms.RadioSelect,
    )
    plan_version = forms.ModelChoiceField(
        label=_("État du plan"),
        queryset=None,
        required=False,
        empty_label=_("État actuel des initiatives"),
        help_text=_("Ou une version publiée du plan, figée à sa date."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plan_version"].queryset = plan_versions()
