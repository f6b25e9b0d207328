"""Admin of personal API tokens: see who holds which, revoke; never create here.

A token is created by its owner (accounts/tokens/), the only moment its secret
is shown; the admin could only store a token without a usable secret.
"""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from initiatives.api.tokens import api_token_revoke
from initiatives.models import ApiToken


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ("name", "user", "prefix", "created_at", "last_used_at", "is_active")
    list_filter = (("revoked_at", admin.EmptyFieldListFilter), "created_at")
    list_select_related = ("user",)
    search_fields = ("name", "prefix", "user__username", "user__last_name")
    ordering = ("-created_at",)
    fields = ("name", "user", "prefix", "created_at", "last_used_at", "revoked_at")
    readonly_fields = fields
    actions = ("revoke_selected",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        # Read-only: the only change is revoking, through the action below.
        return False

    def has_revoke_permission(self, request):
        return request.user.has_perm("initiatives.change_apitoken")

    @admin.display(description=_("actif"), boolean=True, ordering="revoked_at")
    def is_active(self, obj):
        return obj.is_active

    @admin.action(description=_("Révoquer les jetons sélectionnés"), permissions=["revoke"])
    def revoke_selected(self, request, queryset):
        active = [token for token in queryset.select_related("user") if token.is_active]
        for token in active:
            api_token_revoke(user=token.user, token=token)
        self.message_user(
            request,
            ngettext("%(n)d jeton révoqué.", "%(n)d jetons révoqués.", len(active))
            % {"n": len(active)},
            messages.SUCCESS,
        )
