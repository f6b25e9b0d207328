"""The three roles of the application, as data: Django groups and memberships.

Code never tests a username or a group name to decide; it asks for permissions
(which the groups carry) and for the user's organisation memberships.
"""

from django.utils.translation import gettext_lazy as _

COORDINATOR = "Coordination du portefeuille"
OFFICER = "Responsable de portefeuille"
READER = "Lecture"

_READ = [
    "initiatives.view_organization",
    "initiatives.view_plan",
    "initiatives.view_orientation",
    "initiatives.view_objective",
    "initiatives.view_ambition",
    "initiatives.view_theme",
    "initiatives.view_mutualisationlevel",
    "initiatives.view_tag",
    "initiatives.view_programme",
    "initiatives.view_initiative",
]
_REFERENCE_WRITE = [
    f"initiatives.{action}_{model}"
    for model in (
        "organization",
        "plan",
        "orientation",
        "objective",
        "ambition",
        "theme",
        "mutualisationlevel",
        "tag",
        "programme",
        "membership",
    )
    for action in ("add", "change", "delete", "view")
]

ROLE_PERMISSIONS = {
    COORDINATOR: [
        *_READ,
        *_REFERENCE_WRITE,
        "initiatives.add_initiative",
        "initiatives.change_initiative",
        "initiatives.manage_all_initiatives",
        "initiatives.archive_initiative",
        "roadmap.publish_planversion",
        "roadmap.view_planversion",
        "roadmap.view_planversionentry",
        "reports.request_report",
        "reports.download_any_report",
    ],
    OFFICER: [
        *_READ,
        "initiatives.add_initiative",
        "initiatives.change_initiative",
        "reports.request_report",
    ],
    READER: [*_READ, "reports.request_report"],
}

ROLE_DESCRIPTIONS = {
    COORDINATOR: _(
        "Modifie toutes les initiatives et les données de référence, publie les versions du plan."
    ),
    OFFICER: _("Crée et modifie les initiatives des organisations dont il est membre."),
    READER: _("Consulte tout (gestionnaires et analystes) et demande des rapports."),
}


def sync_role_groups() -> None:
    """Create the three role groups and give each exactly its permissions."""
    from django.contrib.auth.models import Group, Permission

    for name, perms in ROLE_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=name)
        wanted = []
        for perm in perms:
            app_label, codename = perm.split(".")
            wanted.append(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )
        group.permissions.set(wanted)
