"""Admin of plan versions: read only. Versions are published from /roadmap/versions/ and never change."""

from django.contrib import admin
from django.db.models import Count
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from roadmap.models import PlanVersion, PlanVersionEntry


class ReadOnlyAdmin(admin.ModelAdmin):
    """Show, never add, change or delete."""

    actions = None

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(PlanVersion)
class PlanVersionAdmin(ReadOnlyAdmin):
    list_display = (
        "name",
        "plan",
        "published_on",
        "published_by",
        "published_at",
        "entry_count",
        "is_demo",
    )
    list_filter = ("plan", "is_demo")
    search_fields = ("name", "description")
    ordering = ("-published_on", "-pk")
    fields = (
        "plan",
        "name",
        "published_on",
        "description",
        "is_demo",
        "published_at",
        "published_by",
        "created_at",
        "entries_link",
    )
    readonly_fields = fields

    def get_queryset(self, request):
        queryset = super().get_queryset(request).select_related("plan", "published_by")
        return queryset.annotate(entry_count=Count("entries"))

    @admin.display(description=_("initiatives"), ordering="entry_count")
    def entry_count(self, obj):
        return obj.entry_count

    @admin.display(description=_("initiatives figées"))
    def entries_link(self, obj):
        url = reverse("admin:roadmap_planversionentry_changelist") + f"?version__id__exact={obj.pk}"
        return format_html(
            '<a href="{}">{}</a>',
            url,
            _("Voir les %(count)s initiatives") % {"count": obj.entry_count},
        )


@admin.register(PlanVersionEntry)
class PlanVersionEntryAdmin(ReadOnlyAdmin):
    list_display = (
        "code",
        "title",
        "version",
        "lead_organization",
        "status",
        "schedule_label",
        "is_3pgtn",
        "is_demo",
    )
    list_filter = ("version", "status", "lead_organization", "is_demo")
    list_select_related = ("version", "lead_organization")
    search_fields = ("code", "title")
    ordering = ("version", "code")
    list_per_page = 100
    fields = (
        "version",
        "initiative",
        "code",
        "title",
        "lead_organization",
        "ambition",
        "theme",
        "status",
        "start_quarter",
        "end_quarter",
        "mutualisation_level",
        "is_3pgtn",
        "is_demo",
    )
    readonly_fields = fields

    @admin.display(description=_("échéancier"), ordering="start_quarter")
    def schedule_label(self, obj):
        return obj.schedule_label
