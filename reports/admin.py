from django.contrib import admin

from reports.models import ReportRequest, ReportSection


class ReportSectionInline(admin.TabularInline):
    model = ReportSection
    fields = ("index", "first_row", "row_count", "state", "pages", "file")
    readonly_fields = fields
    extra = 0
    can_delete = False


@admin.register(ReportRequest)
class ReportRequestAdmin(admin.ModelAdmin):
    """Requests are read here; they are written by reports.services and the workers only."""

    list_display = ("pk", "kind", "state", "requested_by", "version", "created_at", "pages")
    list_filter = ("kind", "state")
    search_fields = ("requested_by__username", "fingerprint", "query")
    readonly_fields = [field.name for field in ReportRequest._meta.fields]
    inlines = [ReportSectionInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
