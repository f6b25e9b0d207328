"""Every write to plan versions: publishing one. There is no update or delete: a version is frozen.

A version is written as a draft (no published_at), filled with its entries, then
sealed, all in one transaction: the database triggers of migration 0002 refuse
any entry added to, changed in or removed from a sealed version.
"""

import datetime

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import BigIntegerField, Value
from django.utils import timezone
from django.utils.translation import gettext as _

from initiatives.models import Initiative, Plan
from roadmap.models import PlanVersion, PlanVersionEntry

PUBLISH_PERMISSION = "roadmap.publish_planversion"

# Entry field <- initiative field: what a version keeps of each initiative.
COPIED_FIELDS = (
    ("initiative", "id"),
    ("code", "code"),
    ("title", "title"),
    ("lead_organization", "lead_organization_id"),
    ("ambition", "ambition_id"),
    ("theme", "theme_id"),
    ("status", "status"),
    ("start_quarter", "start_quarter"),
    ("end_quarter", "end_quarter"),
    ("mutualisation_level", "mutualisation_level_id"),
    ("is_3pgtn", "is_3pgtn"),
    ("is_demo", "is_demo"),
)


def can_publish(user) -> bool:
    return user.has_perm(PUBLISH_PERMISSION)


@transaction.atomic
def plan_version_publish(
    *, user, plan: Plan, name: str, published_on: datetime.date, description: str = ""
) -> PlanVersion:
    """Freeze every non-archived initiative of ``plan`` into a new version named ``name``.

    The copy is one INSERT ... SELECT, whatever the size of the plan.
    """
    version = _draft(
        user=user, plan=plan, name=name, published_on=published_on, description=description
    )
    _copy_active_initiatives(version)
    return _seal(version)


@transaction.atomic
def plan_version_record(
    *,
    user,
    plan: Plan,
    name: str,
    published_on: datetime.date,
    entries: list[PlanVersionEntry],
    description: str = "",
    is_demo: bool = False,
) -> PlanVersion:
    """Publish a version made of ``entries`` (unsaved, without version) rather than of today's state.

    For states of the plan that the application did not witness: the
    demonstration's past updates, an import of an earlier plan.
    """
    version = _draft(
        user=user,
        plan=plan,
        name=name,
        published_on=published_on,
        description=description,
        is_demo=is_demo,
    )
    for entry in entries:
        entry.version = version
    PlanVersionEntry.objects.bulk_create(entries)
    return _seal(version)


def _draft(*, user, plan, name, published_on, description, is_demo=False) -> PlanVersion:
    """Check the permission and the data, then save the version unpublished."""
    if not can_publish(user):
        raise PermissionDenied(_("Seule la coordination du portefeuille peut publier une version."))
    name = (name or "").strip()
    if PlanVersion.objects.filter(plan=plan, name=name).exists():
        raise _name_taken(name)
    version = PlanVersion(
        plan=plan,
        name=name,
        published_on=published_on,
        description=description,
        is_demo=is_demo,
        published_by=user if isinstance(user, get_user_model()) else None,
    )
    version.full_clean()
    try:
        with transaction.atomic():
            version.save()
    except IntegrityError as error:  # published by someone else in the meantime
        raise _name_taken(name) from error
    return version


def _name_taken(name: str) -> ValidationError:
    return ValidationError(
        {"name": _("Une version de ce plan porte déjà le nom « %(name)s ».") % {"name": name}}
    )


def _copy_active_initiatives(version: PlanVersion) -> None:
    """Copy the plan's non-archived initiatives into ``version`` with one INSERT ... SELECT.

    bulk_create would take one query per 58 rows on SQLite (999 parameters at most).
    """
    source = (
        Initiative.objects.active()
        .filter(plan_id=version.plan_id)
        .order_by()
        .values(*(initiative_field for _entry, initiative_field in COPIED_FIELDS))
        .annotate(copy_version_id=Value(version.pk, output_field=BigIntegerField()))
    )
    select_sql, params = source.query.sql_with_params()
    # values() come first in the SELECT, then the annotation.
    meta = PlanVersionEntry._meta
    columns = [meta.get_field(entry_field).column for entry_field, _initiative in COPIED_FIELDS]
    columns.append(meta.get_field("version").column)
    quoted = ", ".join(connection.ops.quote_name(column) for column in columns)
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {meta.db_table} ({quoted}) {select_sql}", params)


def _seal(version: PlanVersion) -> PlanVersion:
    version.published_at = timezone.now()
    version.save(update_fields=["published_at"])
    return version
