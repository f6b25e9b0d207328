"""Permission-scoped reads of initiatives and their reference data."""

from django.db.models import QuerySet

from initiatives.models import Initiative, Organization, Plan
from initiatives.permissions import ALL, editable_organization_ids


def initiatives_visible_to(user, *, include_archived: bool = False) -> QuerySet[Initiative]:
    """Return the initiatives ``user`` may read, with what a list displays."""
    if not user.has_perm("initiatives.view_initiative"):
        return Initiative.objects.none()
    queryset = Initiative.objects.select_related(
        "lead_organization",
        "ambition",
        "theme__parent",
        "mutualisation_level",
        "orientation",
        "programme",
        "plan",
    ).prefetch_related("partners", "tags")
    return queryset if include_archived else queryset.active()


def initiatives_editable_by(user) -> QuerySet[Initiative]:
    """Return the initiatives ``user`` may change (an officer: their organisations')."""
    if not user.has_perm("initiatives.change_initiative"):
        return Initiative.objects.none()
    org_ids = editable_organization_ids(user)
    queryset = Initiative.objects.all()
    return queryset if org_ids is ALL else queryset.filter(lead_organization_id__in=org_ids)


def organizations_editable_by(user) -> QuerySet[Organization]:
    org_ids = editable_organization_ids(user)
    queryset = Organization.objects.all()
    return queryset if org_ids is ALL else queryset.filter(pk__in=org_ids)


def current_plan() -> Plan | None:
    return Plan.objects.filter(is_current=True).first() or Plan.objects.first()
