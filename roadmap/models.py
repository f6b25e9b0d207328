"""Plan versions: named, dated, frozen snapshots of every initiative's schedule and status.

A version is written once, by roadmap.services, and never changes afterwards.
The guards below refuse changes made through the ORM; the triggers of migration
0002 refuse them in the database as well (PostgreSQL and SQLite).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from initiatives.choices import Status
from initiatives.fields import FiscalQuarterField
from initiatives.fiscal import schedule_label
from initiatives.models import Ambition, Initiative, MutualisationLevel, Organization, Plan, Theme

FROZEN_MESSAGE = _("Une version publiée du plan ne peut plus être modifiée ni supprimée.")


class FrozenPlanVersionError(ValidationError):
    """A change to a published plan version or to one of its entries, refused."""

    def __init__(self):
        super().__init__(FROZEN_MESSAGE, code="frozen")


class FrozenQuerySet(models.QuerySet):
    """Refuse the bulk writes that would bypass the models' guards."""

    def update(self, **kwargs):
        raise FrozenPlanVersionError()

    def delete(self):
        raise FrozenPlanVersionError()


class PlanVersion(models.Model):
    """A named, dated snapshot of the plan, such as the June 2024 update."""

    plan = models.ForeignKey(
        Plan, on_delete=models.PROTECT, related_name="versions", verbose_name=_("plan")
    )
    name = models.CharField(
        _("nom"), max_length=150, help_text=_("Par exemple « Mise à jour de juin 2024 ».")
    )
    published_on = models.DateField(_("date de la version"))
    description = models.TextField(_("description"), blank=True)
    is_demo = models.BooleanField(_("donnée de démonstration"), default=False)
    # Null only inside the publishing transaction, while the entries are written.
    published_at = models.DateTimeField(_("publiée le"), null=True, blank=True, editable=False)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="published_plan_versions",
        verbose_name=_("publiée par"),
        editable=False,
    )
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)

    objects = FrozenQuerySet.as_manager()

    _frozen = False  # published when loaded from the database, or since it was sealed

    class Meta:
        ordering = ["-published_on", "-pk"]
        verbose_name = _("version du plan")
        verbose_name_plural = _("versions du plan")
        permissions = [("publish_planversion", _("Publier une version du plan"))]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "name"],
                name="planversion_name_unique_per_plan",
                violation_error_message=_("Une version de ce plan porte déjà ce nom."),
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if self._frozen:
            raise FrozenPlanVersionError()
        super().save(*args, **kwargs)
        self._frozen = self.is_published

    def delete(self, *args, **kwargs):
        if self._frozen or self.is_published:
            raise FrozenPlanVersionError()
        return super().delete(*args, **kwargs)

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        # A deferred published_at counts as published: only a loaded None proves a draft.
        instance._frozen = instance.__dict__.get("published_at", True) is not None
        return instance

    @property
    def is_published(self) -> bool:
        return self.published_at is not None


class PlanVersionEntry(models.Model):
    """One initiative as it stood in a version: copies, not references, of what may change."""

    version = models.ForeignKey(
        PlanVersion, on_delete=models.PROTECT, related_name="entries", verbose_name=_("version")
    )
    # Kept when the initiative is deleted: the copy below still tells what it was.
    initiative = models.ForeignKey(
        Initiative,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="version_entries",
        verbose_name=_("initiative"),
    )
    code = models.CharField(_("code"), max_length=30)
    title = models.CharField(_("titre"), max_length=250)
    lead_organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("organisation responsable"),
    )
    ambition = models.ForeignKey(
        Ambition, on_delete=models.PROTECT, related_name="+", verbose_name=_("ambition d’affaires")
    )
    theme = models.ForeignKey(
        Theme,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("thème"),
    )
    status = models.CharField(_("statut"), max_length=20, choices=Status.choices)
    start_quarter = FiscalQuarterField(_("trimestre de début"), null=True, blank=True)
    end_quarter = FiscalQuarterField(_("trimestre de fin"), null=True, blank=True)
    mutualisation_level = models.ForeignKey(
        MutualisationLevel,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("niveau de mutualisation"),
    )
    is_3pgtn = models.BooleanField(_("inscrite au 3PGTN"), default=False)
    is_demo = models.BooleanField(_("donnée de démonstration"), default=False)

    objects = FrozenQuerySet.as_manager()

    class Meta:
        ordering = ["version", "code"]
        verbose_name = _("initiative d’une version")
        verbose_name_plural = _("initiatives d’une version")
        constraints = [
            models.UniqueConstraint(
                fields=["version", "code"], name="planversionentry_code_unique_per_version"
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=Status.values),
                name="planversionentry_status_valid",
            ),
        ]
        indexes = [
            models.Index(fields=["version", "initiative"], name="pventry_version_init_idx"),
        ]

    def __str__(self):
        return f"{self.code} – {self.title}"

    def save(self, *args, **kwargs):
        # Entries are written once, in bulk, by roadmap.services: never one by one.
        if not self._state.adding or (self.version_id and self.version.is_published):
            raise FrozenPlanVersionError()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise FrozenPlanVersionError()

    def clean(self):
        if self.version_id and self.version.is_published:
            raise FrozenPlanVersionError()

    @property
    def schedule_label(self) -> str:
        return schedule_label(self.start_quarter, self.end_quarter)
