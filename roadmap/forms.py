"""Forms of the roadmap pages; writes go through roadmap.services."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from roadmap.models import PlanVersion

NAME_MAX_LENGTH = PlanVersion._meta.get_field("name").max_length


class PlanVersionPublishForm(forms.Form):
    """Name and date the version about to freeze the current plan."""

    name = forms.CharField(
        label=_("Nom de la version"),
        max_length=NAME_MAX_LENGTH,
        help_text=_("Par exemple « Mise à jour de juin 2025 »."),
    )
    published_on = forms.DateField(
        label=_("Date de la version"),
        initial=timezone.localdate,
        input_formats=["%Y-%m-%d"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("La date sous laquelle la version sera citée (AAAA-MM-JJ)."),
    )
    description = forms.CharField(
        label=_("Description"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Ce qui motive cette version : mise à jour annuelle, arbitrage, etc."),
    )
