"""Import batches, read-only: coordinators follow imports here; the import page applies them."""

from django.contrib import admin

from initiatives.models import ImportBatch


@admin.register(ImportBatch)
class ImportBatchAdmin(admin.ModelAdmin):
    list_display = (
        "original_name",
        "created_by",
        "created_at",
        "status",
        "row_count",
        "created_count",
        "updated_count",
        "refused_count",
        "error_count",
    )
    list_filter = ("status", "created_at")
    list_select_related = ("created_by",)
    search_fields = ("original_name", "created_by__username")
    ordering = ("-created_at",)
    exclude = ("report",)

    def get_readonly_fields(self, request, obj=None):
        return [field.name for field in ImportBatch._meta.fields if field.name != "report"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
