"""Admin of the reference data a coordinator maintains."""

from django.contrib import admin
from django.db.models import Count
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from initiatives.models import (
    Ambition,
    MutualisationLevel,
    Objective,
    Orientation,
    Plan,
    Programme,
    Tag,
    Theme,
)

TITLE_LENGTH = 90


def _short(text: str) -> str:
    return Truncator(text).chars(TITLE_LENGTH)


@admin.register(Plan)
class PlanAdmin(admin.ModelAdmin):
    list_display = ("name", "title", "window_label", "is_current")
    list_filter = ("is_current",)
    search_fields = ("name", "title")
    ordering = ("-first_fiscal_year",)

    @admin.display(description=_("fenêtre de la feuille de route"))
    def window_label(self, obj):
        return obj.window_label


class ObjectiveInline(admin.TabularInline):
    model = Objective
    extra = 0
    fields = ("code", "title")


@admin.register(Orientation)
class OrientationAdmin(admin.ModelAdmin):
    list_display = ("label", "short_title", "organization", "is_demo")
    list_display_links = ("label", "short_title")
    list_filter = ("organization", "is_demo")
    list_select_related = ("organization",)
    search_fields = ("title", "organization__acronym", "organization__name")
    ordering = ("organization__sort_order", "organization__acronym", "number")
    inlines = (ObjectiveInline,)

    @admin.display(description=_("numéro"), ordering="number")
    def label(self, obj):
        return obj.label

    @admin.display(description=_("libellé"))
    def short_title(self, obj):
        return _short(obj.title)


@admin.register(Objective)
class ObjectiveAdmin(admin.ModelAdmin):
    list_display = ("code", "short_title", "orientation_label", "organization")
    list_filter = ("orientation__organization",)
    list_select_related = ("orientation__organization",)
    search_fields = ("code", "title", "orientation__title")
    autocomplete_fields = ("orientation",)
    ordering = ("orientation__organization__sort_order", "orientation__number", "code")

    @admin.display(description=_("libellé"))
    def short_title(self, obj):
        return _short(obj.title)

    @admin.display(description=_("orientation"), ordering="orientation__number")
    def orientation_label(self, obj):
        return obj.orientation.label

    @admin.display(description=_("organisation"), ordering="orientation__organization__acronym")
    def organization(self, obj):
        return obj.orientation.organization


@admin.register(Ambition)
class AmbitionAdmin(admin.ModelAdmin):
    list_display = ("number", "short_title", "title")
    list_display_links = ("number", "short_title")
    search_fields = ("title", "short_title", "descriptors")
    ordering = ("number",)


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    list_display = ("name", "parent")
    list_filter = (("parent", admin.RelatedOnlyFieldListFilter),)
    list_select_related = ("parent",)
    search_fields = ("name", "parent__name")
    autocomplete_fields = ("parent",)
    ordering = ("parent__name", "name")

    def get_search_results(self, request, queryset, search_term):
        # The autocomplete of other admins shows "Thème - Sous-thème": read the parent once.
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        return queryset.select_related("parent"), may_have_duplicates


@admin.register(MutualisationLevel)
class MutualisationLevelAdmin(admin.ModelAdmin):
    list_display = ("rank", "name", "description")
    list_display_links = ("rank", "name")
    search_fields = ("name", "description")
    ordering = ("rank",)


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "category")
    list_filter = ("category",)
    search_fields = ("name", "slug")
    prepopulated_fields = {"slug": ("name",)}
    ordering = ("category", "name")


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ("name", "lead_organization", "phase_count", "is_demo")
    list_filter = ("lead_organization", "is_demo")
    list_select_related = ("lead_organization",)
    search_fields = ("name", "description", "lead_organization__acronym")
    ordering = ("name",)

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(phase_count=Count("phases"))

    @admin.display(description=_("phases"), ordering="phase_count")
    def phase_count(self, obj):
        return obj.phase_count
