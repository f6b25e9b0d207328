"""The initiative admin: a thin door onto initiatives.services, like every other."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin

from initiatives.admin.forms import InitiativeAdminForm
from initiatives.models import Initiative, Theme
from initiatives.permissions import can_create, can_edit
from initiatives.selectors import current_plan, organizations_editable_by
from initiatives.services import (
    InitiativeConflict,
    initiative_archive,
    initiative_create,
    initiative_update,
)


class ArchivedFilter(admin.SimpleListFilter):
    title = _("archivage")
    parameter_name = "archivee"

    def lookups(self, request, model_admin):
        return [("non", _("Active")), ("oui", _("Archivée"))]

    def queryset(self, request, queryset):
        if self.value() == "non":
            return queryset.filter(archived_at__isnull=True)
        if self.value() == "oui":
            return queryset.filter(archived_at__isnull=False)
        return queryset


@admin.register(Initiative)
class InitiativeAdmin(SimpleHistoryAdmin):
    form = InitiativeAdminForm
    list_display = (
        "code",
        "title",
        "lead_organization",
        "status",
        "ambition_number",
        "is_3pgtn",
        "is_mutualised",
        "schedule_label",
        "is_demo",
        "is_archived",
    )
    list_display_links = ("code", "title")
    list_filter = (
        ArchivedFilter,
        "status",
        "lead_organization",
        "ambition",
        "is_3pgtn",
        "mutualisation_level",
        "tags",
        "is_demo",
        "plan",
    )
    search_fields = (
        "code",
        "title",
        "description",
        "lead_organization__acronym",
        "lead_organization__name",
    )
    ordering = ("code",)
    list_per_page = 50
    autocomplete_fields = ("partners", "tags", "orientation", "objective", "programme")
    readonly_fields = ("version", "archived_at", "created_at", "updated_at")
    actions = ("archive_selected", "unarchive_selected")
    fieldsets = (
        (
            None,
            {
                "fields": (
                    ("code", "status"),
                    "title",
                    "description",
                    ("plan", "lead_organization"),
                    "is_demo",
                    "version_seen",
                )
            },
        ),
        (_("Plan stratégique"), {"fields": ("ambition", "orientation", "objective", "theme")}),
        (_("Programme"), {"fields": (("programme", "phase"),)}),
        (_("Mutualisation et 3PGTN"), {"fields": ("is_3pgtn", "mutualisation_level", "partners")}),
        (
            _("Échéancier"),
            {"fields": (("start_quarter", "end_quarter"), "schedule_is_estimated")},
        ),
        (
            _("Bénéfices et étiquettes"),
            {"fields": ("financial_benefit", "service_benefit", "tags")},
        ),
        (_("Personne-ressource"), {"fields": (("contact_name", "contact_email"),)}),
        (_("Suivi"), {"fields": (("version", "archived_at"), ("created_at", "updated_at"))}),
    )

    # Reads -------------------------------------------------------------------

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("lead_organization", "ambition", "plan", "mutualisation_level")
        )

    @admin.display(description=_("ambition"), ordering="ambition__number")
    def ambition_number(self, obj):
        return obj.ambition.number

    @admin.display(description=_("mutualisée"), boolean=True)
    def is_mutualised(self, obj):
        return obj.is_mutualised

    @admin.display(description=_("échéancier"))
    def schedule_label(self, obj):
        return obj.schedule_label

    @admin.display(description=_("archivée"), boolean=True, ordering="archived_at")
    def is_archived(self, obj):
        return obj.is_archived

    # Permissions ---------------------------------------------------------------

    def has_add_permission(self, request):
        return super().has_add_permission(request) and can_create(request.user)

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or can_edit(request.user, obj))

    def has_delete_permission(self, request, obj=None):
        # Initiatives are archived, never deleted: history must keep them.
        return False

    def has_archive_permission(self, request):
        return request.user.has_perm("initiatives.archive_initiative")

    def revert_disabled(self, request, obj=None):
        # A revert would save the historical copy around the services.
        return True

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST":
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)

    # Form ------------------------------------------------------------------

    def get_form(self, request, obj=None, change=False, **kwargs):
        form_class = super().get_form(request, obj, change=change, **kwargs)
        # modelform_factory builds a new class on every call: no request shares it.
        form_class.user = request.user
        return form_class

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        plan = current_plan()
        if plan is not None:
            initial.setdefault("plan", plan.pk)
        return initial

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "lead_organization":
            kwargs["queryset"] = organizations_editable_by(request.user)
        elif db_field.name == "theme":
            kwargs["queryset"] = Theme.objects.select_related("parent")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    # Writes: every one through the services -------------------------------------

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        # The form checks what the services check; this covers a concurrent save
        # landing between the form's check and the service's (rolled back).
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except (InitiativeConflict, ValidationError) as error:
            text = str(error) if isinstance(error, InitiativeConflict) else " ".join(error.messages)
            self.message_user(request, text, messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())

    def save_model(self, request, obj, form, change):
        """Save nothing here: save_related saves fields and relations in one service call."""

    def save_related(self, request, form, formsets, change):
        data = form.service_data()
        if change:
            saved = initiative_update(
                user=request.user,
                initiative=form.instance,
                data=data,
                expected_version=form.cleaned_data.get("version_seen"),
            )
        else:
            saved = initiative_create(user=request.user, data=data)
        _reload_into(form.instance, saved.pk)

    # Actions -----------------------------------------------------------------

    @admin.action(description=_("Archiver les initiatives sélectionnées"), permissions=["archive"])
    def archive_selected(self, request, queryset):
        self._archive(request, queryset, archived=True)

    @admin.action(
        description=_("Désarchiver les initiatives sélectionnées"), permissions=["archive"]
    )
    def unarchive_selected(self, request, queryset):
        self._archive(request, queryset, archived=False)

    def _archive(self, request, queryset, *, archived: bool):
        done, refused = 0, 0
        for initiative in queryset:
            try:
                initiative_archive(user=request.user, initiative=initiative, archived=archived)
                done += 1
            except PermissionDenied:
                refused += 1
        if done:
            template = (
                ngettext("%(n)d initiative archivée.", "%(n)d initiatives archivées.", done)
                if archived
                else ngettext(
                    "%(n)d initiative désarchivée.", "%(n)d initiatives désarchivées.", done
                )
            )
            self.message_user(request, template % {"n": done}, messages.SUCCESS)
        if refused:
            self.message_user(
                request,
                ngettext(
                    "%(n)d initiative d’une autre organisation n’a pas été modifiée.",
                    "%(n)d initiatives d’autres organisations n’ont pas été modifiées.",
                    refused,
                )
                % {"n": refused},
                messages.WARNING,
            )


def _reload_into(instance: Initiative, pk: int) -> None:
    """Make the admin's form instance the saved row (the admin logs and redirects with it)."""
    instance.pk = pk
    instance._state.adding = False
    instance.refresh_from_db()
