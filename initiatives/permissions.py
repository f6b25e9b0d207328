"""Who may change which initiative: permissions from groups, scope from memberships."""

from initiatives.models import Initiative, Organization

ALL = None  # sentinel: every organisation


class SystemActor:
    """The application itself (loading reference or demonstration data, migrations).

    It may write everything and is recorded in history as no user ("système").
    Only code reaches it: no request ever carries it.
    """

    is_authenticated = True
    is_active = True
    pk = None

    def has_perm(self, perm: str) -> bool:
        return True

    def __str__(self):
        return "système"


SYSTEM = SystemActor()


def editable_organization_ids(user) -> set[int] | None:
    """Return the ids of the organisations whose initiatives ``user`` may edit.

    ``None`` means every organisation (coordinators and superusers).
    """
    if not user.is_authenticated or not user.is_active:
        return set()
    if user is SYSTEM or user.has_perm("initiatives.manage_all_initiatives"):
        return ALL
    if not user.has_perm("initiatives.change_initiative"):
        return set()
    cached = getattr(user, "_ptn_editable_org_ids", None)
    if cached is None:
        cached = set(user.memberships.values_list("organization_id", flat=True))
        user._ptn_editable_org_ids = cached
    return cached


def can_edit_for(user, organization: Organization | int | None) -> bool:
    """Return whether ``user`` may create or edit initiatives led by ``organization``."""
    org_ids = editable_organization_ids(user)
    if org_ids is ALL:
        return True
    org_id = getattr(organization, "pk", organization)
    return org_id in org_ids


def can_create(user) -> bool:
    if not user.has_perm("initiatives.add_initiative"):
        return False
    org_ids = editable_organization_ids(user)
    return org_ids is ALL or bool(org_ids)


def can_edit(user, initiative: Initiative) -> bool:
    return can_edit_for(user, initiative.lead_organization_id)


def can_archive(user, initiative: Initiative) -> bool:
    return user.has_perm("initiatives.archive_initiative") and can_edit(user, initiative)
