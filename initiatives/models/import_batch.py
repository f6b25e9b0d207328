"""A spreadsheet brought in by a coordinator or an officer: its file, dry run and outcome."""

import uuid
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class ImportStatus(models.TextChoices):
    PENDING = "pending", _("Simulation en cours")
    VALIDATED = "validated", _("Simulée, en attente de confirmation")
    APPLYING = "applying", _("Application en cours")
    APPLIED = "applied", _("Appliquée")
    FAILED = "failed", _("Échouée, rien n’a été appliqué")


RUNNING_STATUSES = (ImportStatus.PENDING, ImportStatus.APPLYING)


def import_file_path(batch, filename: str) -> str:
    """Store the upload under a random name: the original one is kept in a field."""
    suffix = PurePath(filename).suffix.lower()[:10]
    return f"imports/{uuid.uuid4().hex}{suffix}"


class ImportBatch(models.Model):
    """One uploaded file, simulated row by row, then applied in one transaction on confirmation.

    ``report`` holds the outcome of the last run (the dry run, then the application):
    ``{"notes": [...], "rows": [{"row", "code", "title", "action", "version",
    "changes", "errors"}]}``. ``progress`` counts the rows processed so far.
    """

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="import_batches",
        verbose_name=_("importé par"),
    )
    created_at = models.DateTimeField(_("téléversé le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifié le"), auto_now=True)
    file = models.FileField(_("fichier"), upload_to=import_file_path)
    original_name = models.CharField(_("nom du fichier"), max_length=255)
    status = models.CharField(
        _("état"), max_length=20, choices=ImportStatus.choices, default=ImportStatus.PENDING
    )
    row_count = models.PositiveIntegerField(_("lignes"), default=0)
    progress = models.PositiveIntegerField(_("lignes traitées"), default=0)
    created_count = models.PositiveIntegerField(_("créations"), default=0)
    updated_count = models.PositiveIntegerField(_("mises à jour"), default=0)
    unchanged_count = models.PositiveIntegerField(_("lignes inchangées"), default=0)
    refused_count = models.PositiveIntegerField(_("lignes refusées"), default=0)
    error_count = models.PositiveIntegerField(_("lignes en erreur"), default=0)
    report = models.JSONField(_("rapport"), default=dict, blank=True)
    applied_at = models.DateTimeField(_("appliqué le"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("lot d’importation")
        verbose_name_plural = _("lots d’importation")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=ImportStatus.values),
                name="importbatch_status_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(progress__lte=models.F("row_count")),
                name="importbatch_progress_within_rows",
            ),
        ]

    def __str__(self):
        return self.original_name

    def get_absolute_url(self):
        return reverse("initiatives:import-batch", args=[self.pk])

    @property
    def is_running(self) -> bool:
        return self.status in RUNNING_STATUSES

    @property
    def percent(self) -> int:
        return round(100 * self.progress / self.row_count) if self.row_count else 100

    @property
    def change_count(self) -> int:
        return self.created_count + self.updated_count

    @property
    def can_confirm(self) -> bool:
        return self.status == ImportStatus.VALIDATED and self.error_count == 0
