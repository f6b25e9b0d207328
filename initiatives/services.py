"""Every write to an initiative: permission, validation, save and history in one place.

Forms, the admin, the API and the import all call these functions, so that the
same rules hold whichever door a change comes in by.
"""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from initiatives.models import INITIATIVE_HISTORY, Initiative
from initiatives.permissions import can_archive, can_create, can_edit, can_edit_for
from initiatives.selectors import current_plan

SCALAR_FIELDS = (
    "code",
    "title",
    "description",
    "plan",
    "lead_organization",
    "orientation",
    "objective",
    "ambition",
    "theme",
    "programme",
    "phase",
    "status",
    "is_3pgtn",
    "mutualisation_level",
    "start_quarter",
    "end_quarter",
    "schedule_is_estimated",
    "financial_benefit",
    "service_benefit",
    "contact_name",
    "contact_email",
    "is_demo",
)
M2M_FIELDS = ("partners", "tags")
WRITABLE_FIELDS = frozenset(SCALAR_FIELDS + M2M_FIELDS)
HISTORY_HIDDEN_FIELDS = ["version"]


@dataclass
class InitiativeConflict(Exception):
    """The initiative was saved by someone else since the caller read it."""

    current: Initiative
    changed_fields: list[str]

    def __str__(self):
        return _(
            "Cette initiative a été modifiée par quelqu’un d’autre depuis que vous l’avez ouverte."
        )


@transaction.atomic
def initiative_create(*, user, data: dict, reason: str = "") -> Initiative:
    """Create an initiative led by an organisation ``user`` may edit."""
    scalars, relations = _split(data)
    initiative = Initiative(**scalars)
    if initiative.plan_id is None:
        initiative.plan = current_plan()
    if not can_create(user) or not can_edit_for(user, initiative.lead_organization_id):
        raise PermissionDenied(_("Vous ne pouvez pas créer d’initiative pour cette organisation."))
    partners = relations.get("partners", [])
    _validate(initiative, partners)
    _save_with_history(initiative, user=user, relations=relations, created=True, reason=reason)
    return initiative


@transaction.atomic
def initiative_update(
    *,
    user,
    initiative: Initiative,
    data: dict,
    expected_version: int | None = None,
    reason: str = "",
) -> Initiative:
    """Apply ``data`` to ``initiative``; refuse if it changed since ``expected_version``.

    An update that changes nothing writes nothing, not even history.
    """
    locked = Initiative.objects.select_for_update().get(pk=initiative.pk)
    if not can_edit(user, locked):
        raise PermissionDenied(
            _("Vous ne pouvez pas modifier les initiatives de cette organisation.")
        )
    if expected_version is not None and locked.version != expected_version:
        raise InitiativeConflict(
            current=locked, changed_fields=_fields_changed_since(locked, expected_version)
        )
    scalars, relations = _split(data)
    before = _snapshot(locked)
    for field, value in scalars.items():
        setattr(locked, field, value)
    if locked.lead_organization_id != before["lead_organization"] and not can_edit_for(
        user, locked.lead_organization_id
    ):
        raise PermissionDenied(
            _("Vous ne pouvez pas confier cette initiative à une autre organisation.")
        )
    if not _changed(before, locked, relations):
        return locked
    partners = relations.get("partners", locked.partners.all())
    _validate(locked, partners)
    locked.version += 1
    _save_with_history(locked, user=user, relations=relations, created=False, reason=reason)
    return locked


@transaction.atomic
def initiative_archive(
    *, user, initiative: Initiative, archived: bool = True, expected_version: int | None = None
) -> Initiative:
    """Archive an initiative (or bring it back): it leaves the default lists, nothing is deleted."""
    locked = Initiative.objects.select_for_update().get(pk=initiative.pk)
    if not can_archive(user, locked):
        raise PermissionDenied(
            _("Seule la coordination du portefeuille peut archiver une initiative.")
        )
    if expected_version is not None and locked.version != expected_version:
        raise InitiativeConflict(
            current=locked, changed_fields=_fields_changed_since(locked, expected_version)
        )
    if locked.is_archived == archived:
        return locked
    locked.archived_at = timezone.now() if archived else None
    locked.version += 1
    reason = _("Archivage") if archived else _("Désarchivage")
    _save_with_history(locked, user=user, relations={}, created=False, reason=reason)
    return locked


def _split(data: dict) -> tuple[dict, dict]:
    unknown = set(data) - WRITABLE_FIELDS
    if unknown:
        raise TypeError(f"Not writable through the service: {sorted(unknown)}")
    scalars = {key: value for key, value in data.items() if key in SCALAR_FIELDS}
    relations = {key: list(value) for key, value in data.items() if key in M2M_FIELDS}
    return scalars, relations


def _validate(initiative: Initiative, partners) -> None:
    errors: dict = {}
    for check in (initiative.full_clean, lambda: initiative.clean_partners(partners)):
        try:
            check()
        except ValidationError as error:
            errors = error.update_error_dict(errors)
    if errors:
        raise ValidationError(errors)


def _snapshot(initiative: Initiative) -> dict:
    values = {field: getattr(initiative, _attname(field)) for field in SCALAR_FIELDS}
    for field in M2M_FIELDS:
        values[field] = set(getattr(initiative, field).values_list("pk", flat=True))
    return values


def _changed(before: dict, initiative: Initiative, relations: dict) -> bool:
    for field in SCALAR_FIELDS:
        if getattr(initiative, _attname(field)) != before[field]:
            return True
    return any({item.pk for item in items} != before[field] for field, items in relations.items())


def _attname(field: str) -> str:
    return Initiative._meta.get_field(field).attname


def _fields_changed_since(initiative: Initiative, version: int) -> list[str]:
    """Return the names of the fields changed after ``version`` was saved."""
    then = initiative.history.filter(version=version).order_by("-history_id").first()
    now = initiative.history.order_by("-history_id").first()
    if then is None or now is None:
        return []
    delta = now.diff_against(then, excluded_fields=HISTORY_HIDDEN_FIELDS)
    return sorted(change.field for change in delta.changes)


def _save_with_history(initiative, *, user, relations: dict, created: bool, reason: str) -> None:
    """Save fields and relations, then write exactly one history record."""
    initiative._history_user = user if isinstance(user, get_user_model()) else None
    initiative._change_reason = reason or None
    initiative.skip_history_when_saving = True
    try:
        initiative.save()
        for field, items in relations.items():
            getattr(initiative, field).set(items)
    finally:
        del initiative.skip_history_when_saving
    INITIATIVE_HISTORY.create_historical_record(initiative, "+" if created else "~")
