"""Admin of organisations and of who works for which: memberships scope the officers."""

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _

from initiatives.models import Membership, Organization

User = get_user_model()


class OrganizationMembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ("user",)
    verbose_name = _("membre")
    verbose_name_plural = _("membres (responsables de portefeuille)")


class UserMembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ("organization",)
    verbose_name_plural = _("organisations dont la personne modifie les initiatives")


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ("acronym", "name", "kind", "is_museum_law", "sort_order")
    list_display_links = ("acronym", "name")
    list_filter = ("kind", "is_museum_law")
    search_fields = ("acronym", "name")
    ordering = ("sort_order", "acronym")
    inlines = (OrganizationMembershipInline,)


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ("user", "organization")
    list_filter = ("organization",)
    list_select_related = ("user", "organization")
    search_fields = (
        "user__username",
        "user__first_name",
        "user__last_name",
        "organization__acronym",
    )
    autocomplete_fields = ("user", "organization")
    ordering = ("organization__sort_order", "user__username")


admin.site.unregister(User)


@admin.register(User)
class PortfolioUserAdmin(UserAdmin):
    """Django's user admin, with the organisations each person works for."""

    inlines = (*UserAdmin.inlines, UserMembershipInline)
    list_display = (*UserAdmin.list_display, "organizations")
    list_filter = (*UserAdmin.list_filter, "memberships__organization")

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("memberships__organization")

    @admin.display(description=_("organisations"))
    def organizations(self, obj):
        return ", ".join(str(m.organization) for m in obj.memberships.all())
