"""Report requests: what an analyst asked for, how far its rendering went, and the PDF.

A request is written by reports.services and rendered by reports.tasks. Several
requests may share one file: a request whose inputs have not changed since a
finished report (same fingerprint) is answered with that report's file.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from initiatives.models import Plan
from reports.choices import ReportKind, ReportState
from roadmap.models import PlanVersion

# A claim older than this belongs to a delivery that died without being
# re-delivered (a hard time limit acknowledges the message): anyone may take it.
CLAIM_LEASE_SECONDS = 1200


class ReportRequest(models.Model):
    """One PDF asked for: its kind, filters, plan version, state and result."""

    kind = models.CharField(_("rapport"), max_length=20, choices=ReportKind.choices)
    query = models.TextField(
        _("filtres"), blank=True, help_text=_("Chaîne de requête normalisée des filtres.")
    )
    plan = models.ForeignKey(
        Plan, on_delete=models.PROTECT, related_name="report_requests", verbose_name=_("plan")
    )
    version = models.ForeignKey(
        PlanVersion,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="report_requests",
        verbose_name=_("version du plan"),
        help_text=_("Vide : l’état actuel des initiatives."),
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="report_requests",
        verbose_name=_("demandé par"),
        help_text=_("Vide : produit par l’application après une modification des données."),
    )
    state = models.CharField(
        _("état"), max_length=10, choices=ReportState.choices, default=ReportState.QUEUED
    )
    created_at = models.DateTimeField(_("demandé le"), default=timezone.now)
    started_at = models.DateTimeField(_("commencé le"), null=True, blank=True)
    finished_at = models.DateTimeField(_("terminé le"), null=True, blank=True)
    error = models.TextField(_("message d’erreur"), blank=True)
    file = models.FileField(_("fichier"), upload_to="reports/", max_length=255, blank=True)
    pages = models.PositiveIntegerField(_("pages"), null=True, blank=True)
    size = models.PositiveBigIntegerField(_("taille (octets)"), null=True, blank=True)
    checksum = models.CharField(_("empreinte SHA-256 du fichier"), max_length=64, blank=True)
    fingerprint = models.CharField(_("empreinte des données d’entrée"), max_length=64)
    reused_from = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reuses",
        verbose_name=_("fichier repris de"),
    )
    attempts = models.PositiveSmallIntegerField(_("tentatives"), default=0)
    claim_token = models.CharField(_("livraison en cours"), max_length=255, blank=True)
    claimed_by = models.CharField(_("processus"), max_length=255, blank=True)
    sections = models.PositiveSmallIntegerField(_("sections"), default=0)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("demande de rapport")
        verbose_name_plural = _("demandes de rapport")
        permissions = [
            ("request_report", _("Demander des rapports PDF")),
            ("download_any_report", _("Télécharger les rapports demandés par d’autres")),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=ReportKind.values), name="reportrequest_kind_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(state__in=ReportState.values),
                name="reportrequest_state_valid",
            ),
            models.CheckConstraint(
                condition=~models.Q(state=ReportState.DONE)
                | (~models.Q(file="") & ~models.Q(checksum="") & models.Q(pages__isnull=False)),
                name="reportrequest_done_has_file",
            ),
            models.CheckConstraint(
                condition=~models.Q(state=ReportState.FAILED) | ~models.Q(error=""),
                name="reportrequest_failed_says_why",
            ),
        ]
        indexes = [
            models.Index(fields=["fingerprint", "state"], name="reportrequest_reuse_idx"),
            models.Index(fields=["requested_by", "-created_at"], name="reportrequest_user_idx"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} n° {self.pk}"

    @property
    def is_finished(self) -> bool:
        return self.state in (ReportState.DONE, ReportState.FAILED)

    @property
    def duration(self):
        if self.started_at and self.finished_at:
            return self.finished_at - self.started_at
        return None


class ReportSection(models.Model):
    """A slice of a large report, rendered by its own task and assembled after the last."""

    request = models.ForeignKey(ReportRequest, on_delete=models.CASCADE, related_name="section_set")
    index = models.PositiveSmallIntegerField(_("rang"))
    first_row = models.PositiveIntegerField(_("première ligne"))
    row_count = models.PositiveIntegerField(_("lignes"))
    # Written once by the request's task, so that every section shows the same snapshot.
    html = models.TextField(_("HTML à rendre"), blank=True)
    state = models.CharField(
        _("état"), max_length=10, choices=ReportState.choices, default=ReportState.QUEUED
    )
    claim_token = models.CharField(max_length=255, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    file = models.CharField(_("fichier"), max_length=255, blank=True)
    pages = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["request", "index"]
        verbose_name = _("section de rapport")
        verbose_name_plural = _("sections de rapport")
        constraints = [
            models.UniqueConstraint(fields=["request", "index"], name="reportsection_unique"),
            models.CheckConstraint(
                condition=models.Q(state__in=ReportState.values),
                name="reportsection_state_valid",
            ),
        ]

    def __str__(self):
        return f"{self.request} – section {self.index}"
