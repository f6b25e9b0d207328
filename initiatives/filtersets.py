"""The one FilterSet of initiatives: the HTML list, the roadmap, the reports and the API use it."""

import django_filters
from django import forms
from django.db.models import Q
from django.forms.renderers import Jinja2
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from initiatives.choices import Status
from initiatives.fiscal import FiscalYear
from initiatives.models import (
    Ambition,
    Initiative,
    MutualisationLevel,
    Organization,
    Programme,
    Tag,
    Theme,
)
from initiatives.selectors import current_plan

CHECKBOXES = forms.CheckboxSelectMultiple(attrs={"class": "checkbox-list"})


@extend_schema_field(OpenApiTypes.INT)
class NumberedChoiceFilter(django_filters.ModelMultipleChoiceFilter):
    """Reference rows named in the URL by their number (ambitions) or rank (levels)."""


@extend_schema_field(OpenApiTypes.STR)
class SlugChoiceFilter(django_filters.ModelMultipleChoiceFilter):
    """Reference rows named in the URL by their slug (tags)."""


class FilterForm(forms.Form):
    """The filters' form; its many options render through Jinja2, several times faster."""

    default_renderer = Jinja2()


def yes_no():
    """Return a three-way select (any, yes, no) for a boolean filter."""
    return forms.Select(choices=[("", _("Indifférent")), ("true", _("Oui")), ("false", _("Non"))])


ORDERING_FIELDS = (
    ("code", "code"),
    ("title", "title"),
    ("lead_organization__sort_order", "organization"),
    ("ambition__number", "ambition"),
    ("theme__parent__name", "theme"),
    ("status", "status"),
    ("start_quarter", "start"),
    ("end_quarter", "end"),
    ("mutualisation_level__rank", "mutualisation"),
)
ORDERING_LABELS = {
    "code": _("Code"),
    "title": _("Titre"),
    "lead_organization__sort_order": _("Organisation"),
    "ambition__number": _("Ambition"),
    "theme__parent__name": _("Thème"),
    "status": _("Statut"),
    "start_quarter": _("Début"),
    "end_quarter": _("Fin"),
    "mutualisation_level__rank": _("Mutualisation"),
}


def fiscal_year_choices():
    plan = current_plan()
    years = plan.fiscal_years if plan else []
    return [(year.start, year.label) for year in years]


class InitiativeFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Recherche"), method="filter_text", help_text=_("Titre, code ou description.")
    )
    organization = django_filters.ModelMultipleChoiceFilter(
        label=_("Organisation (responsable ou partenaire)"),
        widget=CHECKBOXES,
        queryset=Organization.objects.all(),
        to_field_name="acronym",
        method="filter_organization",
    )
    ambition = NumberedChoiceFilter(
        label=_("Ambition"),
        queryset=Ambition.objects.all(),
        to_field_name="number",
        field_name="ambition__number",
        widget=CHECKBOXES,
    )
    theme = django_filters.ModelChoiceFilter(
        label=_("Thème"),
        queryset=Theme.objects.select_related("parent"),
        method="filter_theme",
        empty_label=_("Tous les thèmes"),
    )
    status = django_filters.MultipleChoiceFilter(
        label=_("Statut"), choices=Status.choices, widget=CHECKBOXES
    )
    mutualisation_level = NumberedChoiceFilter(
        label=_("Niveau de mutualisation"),
        widget=CHECKBOXES,
        queryset=MutualisationLevel.objects.all(),
        to_field_name="rank",
        field_name="mutualisation_level__rank",
    )
    mutualised = django_filters.BooleanFilter(
        label=_("Mutualisée"),
        widget=yes_no(),
        field_name="mutualisation_level",
        lookup_expr="isnull",
        exclude=True,
    )
    is_3pgtn = django_filters.BooleanFilter(label=_("Inscrite au 3PGTN"), widget=yes_no())
    tag = SlugChoiceFilter(
        label=_("Étiquette"),
        queryset=Tag.objects.all(),
        to_field_name="slug",
        field_name="tags__slug",
        widget=CHECKBOXES,
        distinct=True,
    )
    programme = django_filters.ModelChoiceFilter(
        label=_("Programme"), queryset=Programme.objects.all(), empty_label=_("Tous les programmes")
    )
    fiscal_year = django_filters.ChoiceFilter(
        label=_("Active pendant l’année financière"),
        choices=fiscal_year_choices,
        empty_label=_("Toutes les années"),
        method="filter_fiscal_year",
    )
    inconsistent = django_filters.BooleanFilter(
        label=_("Statut incohérent avec l’échéancier"),
        method="filter_inconsistent",
        widget=yes_no(),
    )
    ordering = django_filters.OrderingFilter(
        label=_("Trier par"), fields=ORDERING_FIELDS, field_labels=ORDERING_LABELS
    )

    class Meta:
        model = Initiative
        form = FilterForm
        fields = [
            "q",
            "organization",
            "ambition",
            "theme",
            "status",
            "mutualisation_level",
            "mutualised",
            "is_3pgtn",
            "tag",
            "programme",
            "fiscal_year",
            "inconsistent",
        ]

    def filter_text(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(title__icontains=value) | Q(code__icontains=value) | Q(description__icontains=value)
        )

    # The value's type hint documents the parameter in the OpenAPI schema.
    def filter_organization(self, queryset, name, value: str):
        organizations = value
        if not organizations:
            return queryset
        involved = Initiative.objects.filter(
            Q(lead_organization__in=organizations) | Q(partners__in=organizations)
        ).values("pk")
        return queryset.filter(pk__in=involved)

    def filter_theme(self, queryset, name, theme):
        return queryset.filter(Q(theme=theme) | Q(theme__parent=theme))

    def filter_inconsistent(self, queryset, name, value):
        if value is None:
            return queryset
        inconsistent = queryset.inconsistent()
        return inconsistent if value else queryset.exclude(pk__in=inconsistent.values("pk"))

    def filter_fiscal_year(self, queryset, name, value: int):
        if value in (None, ""):
            return queryset
        quarters = FiscalYear(int(value)).quarters()
        return queryset.filter(start_quarter__lte=quarters[-1], end_quarter__gte=quarters[0])
