from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, RegexValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from initiatives.choices import Status
from initiatives.fields import FiscalQuarterField
from initiatives.fiscal import FiscalQuarter, schedule_label
from initiatives.models.organization import Organization
from initiatives.models.plan import Plan
from initiatives.models.reference import (
    Ambition,
    MutualisationLevel,
    Objective,
    Orientation,
    Programme,
    Tag,
    Theme,
)

MAX_FINANCIAL_BENEFIT = 1_000_000_000
_UNSET = object()
CODE_VALIDATOR = RegexValidator(
    r"^[A-Za-z0-9][A-Za-z0-9._-]*$",
    _(
        "Le code ne contient que des lettres, des chiffres, des points, des traits d’union et des soulignés."
    ),
)

# Kept at module level so that services can write one history record per change
# (see initiatives.services.history), partners and tags included.
INITIATIVE_HISTORY = HistoricalRecords(
    m2m_fields=["partners", "tags"],
    excluded_fields=["updated_at"],
    verbose_name=_("historique d’une initiative"),
)


INCONSISTENCY_MESSAGES = {
    "done_in_future": _("Terminée, mais la fin est prévue dans le futur."),
    "not_started_in_past": _("Non débutée, mais le début prévu est passé."),
    "in_progress_in_past": _("En cours, mais la fin prévue est passée."),
}


def schedule_inconsistency(status, start, end, current: FiscalQuarter) -> str | None:
    """Return the key of INCONSISTENCY_MESSAGES that applies, or None.

    "Terminé" ending in the future, "Non débuté" starting in the past and "En cours"
    ending in the past are allowed but flagged; inconsistent_schedule_q is the same
    rule for the database.
    """
    if start is None:
        return None
    if status == Status.DONE and end > current:
        return "done_in_future"
    if status == Status.NOT_STARTED and start < current:
        return "not_started_in_past"
    if status == Status.IN_PROGRESS and end < current:
        return "in_progress_in_past"
    return None


def inconsistent_schedule_q(current: FiscalQuarter) -> models.Q:
    """Match the initiatives whose status and schedule disagree as of ``current``.

    The database form of Initiative.consistency_warnings: keep the two in step.
    """
    return (
        models.Q(status=Status.DONE, end_quarter__gt=current)
        | models.Q(status=Status.NOT_STARTED, start_quarter__lt=current)
        | models.Q(status=Status.IN_PROGRESS, end_quarter__lt=current)
    )


class InitiativeQuerySet(models.QuerySet):
    def active(self):
        return self.filter(archived_at__isnull=True)

    def mutualised(self):
        return self.filter(mutualisation_level__isnull=False)

    def inconsistent(self, current: FiscalQuarter | None = None):
        return self.filter(inconsistent_schedule_q(current or FiscalQuarter.current()))


class Initiative(models.Model):
    """A digital initiative of the plan, led by one organisation."""

    code = models.CharField(
        _("code"),
        max_length=30,
        unique=True,
        validators=[CODE_VALIDATOR],
        error_messages={"unique": _("Une autre initiative porte déjà ce code.")},
    )
    title = models.CharField(_("titre"), max_length=250)
    description = models.TextField(_("description"), blank=True)
    plan = models.ForeignKey(
        Plan, on_delete=models.PROTECT, related_name="initiatives", verbose_name=_("plan")
    )
    lead_organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="led_initiatives",
        verbose_name=_("organisation responsable"),
    )
    partners = models.ManyToManyField(
        Organization,
        blank=True,
        related_name="partner_initiatives",
        verbose_name=_("organisations partenaires"),
    )
    orientation = models.ForeignKey(
        Orientation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="initiatives",
        verbose_name=_("orientation"),
    )
    objective = models.ForeignKey(
        Objective,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="initiatives",
        verbose_name=_("objectif stratégique"),
    )
    ambition = models.ForeignKey(
        Ambition,
        on_delete=models.PROTECT,
        related_name="initiatives",
        verbose_name=_("ambition d’affaires"),
    )
    theme = models.ForeignKey(
        Theme,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="initiatives",
        verbose_name=_("thème"),
    )
    programme = models.ForeignKey(
        Programme,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="phases",
        verbose_name=_("programme"),
    )
    phase = models.PositiveSmallIntegerField(_("phase"), null=True, blank=True)
    status = models.CharField(
        _("statut"), max_length=20, choices=Status.choices, default=Status.NOT_STARTED
    )
    is_3pgtn = models.BooleanField(
        _("inscrite au 3PGTN"),
        default=False,
        help_text=_(
            "Inscrite au portefeuille de projets prioritaires gouvernemental en transformation numérique."
        ),
    )
    mutualisation_level = models.ForeignKey(
        MutualisationLevel,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="initiatives",
        verbose_name=_("niveau de mutualisation"),
    )
    start_quarter = FiscalQuarterField(_("trimestre de début"), null=True, blank=True)
    end_quarter = FiscalQuarterField(_("trimestre de fin"), null=True, blank=True)
    schedule_is_estimated = models.BooleanField(
        _("échéancier estimé"),
        default=False,
        help_text=_("L’échéancier n’est pas tiré du plan publié : il a été reconstitué."),
    )
    financial_benefit = models.PositiveIntegerField(
        _("bénéfice financier estimé ($)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(MAX_FINANCIAL_BENEFIT)],
    )
    service_benefit = models.TextField(_("amélioration de service"), blank=True)
    tags = models.ManyToManyField(
        Tag, blank=True, related_name="initiatives", verbose_name=_("étiquettes")
    )
    contact_name = models.CharField(_("personne-ressource"), max_length=150, blank=True)
    contact_email = models.EmailField(_("courriel de la personne-ressource"), blank=True)
    is_demo = models.BooleanField(_("donnée de démonstration"), default=False)
    archived_at = models.DateTimeField(_("archivée le"), null=True, blank=True)
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifiée le"), auto_now=True)

    history = INITIATIVE_HISTORY
    objects = InitiativeQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")
        permissions = [
            ("manage_all_initiatives", _("Gérer les initiatives de toutes les organisations")),
            ("archive_initiative", _("Archiver une initiative")),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=Status.values),
                name="initiative_status_valid",
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(start_quarter__isnull=True, end_quarter__isnull=True)
                    | models.Q(start_quarter__isnull=False, end_quarter__isnull=False)
                ),
                name="initiative_schedule_both_or_neither",
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(start_quarter__isnull=True)
                    | models.Q(end_quarter__gte=models.F("start_quarter"))
                ),
                name="initiative_end_not_before_start",
            ),
            models.CheckConstraint(
                condition=models.Q(phase__isnull=True)
                | models.Q(programme__isnull=False, phase__gte=1),
                name="initiative_phase_within_programme",
            ),
            models.CheckConstraint(
                condition=models.Q(objective__isnull=True) | models.Q(orientation__isnull=False),
                name="initiative_objective_needs_orientation",
            ),
            models.CheckConstraint(
                condition=models.Q(financial_benefit__lte=MAX_FINANCIAL_BENEFIT),
                name="initiative_financial_benefit_bounded",
            ),
            models.UniqueConstraint(
                fields=["programme", "phase"],
                name="initiative_phase_unique_in_programme",
                violation_error_message=_("Ce programme a déjà une initiative pour cette phase."),
            ),
        ]
        indexes = [
            models.Index(fields=["lead_organization", "status"], name="initiative_org_status_idx"),
            models.Index(fields=["start_quarter", "end_quarter"], name="initiative_schedule_idx"),
        ]

    def __str__(self):
        return f"{self.code} – {self.title}"

    def get_absolute_url(self):
        return reverse("initiatives:detail", args=[self.pk])

    @property
    def schedule_label(self) -> str:
        return schedule_label(self.start_quarter, self.end_quarter)

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None

    @property
    def is_mutualised(self) -> bool:
        return self.mutualisation_level_id is not None

    def clean(self):
        errors = {}
        self._check_orientation(errors)
        self._check_schedule(errors)
        if self.phase is not None and self.programme_id is None:
            errors.setdefault("phase", []).append(
                _("Une phase appartient à un programme : choisissez-le.")
            )
        if errors:
            raise ValidationError(errors)

    def _check_orientation(self, errors):
        if (
            self.orientation_id
            and self.lead_organization_id
            and self.orientation.organization_id != self.lead_organization_id
        ):
            errors.setdefault("orientation", []).append(
                _(
                    "L’orientation doit appartenir au plan stratégique de l’organisation responsable (%(org)s)."
                )
                % {"org": self.lead_organization}
            )
        if self.objective_id and (
            not self.orientation_id or self.objective.orientation_id != self.orientation_id
        ):
            errors.setdefault("objective", []).append(
                _("L’objectif stratégique doit relever de l’orientation choisie.")
            )

    def _check_schedule(self, errors):
        start, end = self.start_quarter, self.end_quarter
        if (start is None) != (end is None):
            missing = "end_quarter" if end is None else "start_quarter"
            errors.setdefault(missing, []).append(
                _("Indiquez à la fois le trimestre de début et le trimestre de fin.")
            )
            return
        if start is None:
            return
        if end < start:
            errors.setdefault("end_quarter", []).append(
                _(
                    "Le trimestre de fin (%(end)s) ne peut pas précéder le trimestre de début (%(start)s)."
                )
                % {"start": start, "end": end}
            )
        if self.plan_id:
            for field, quarter in (("start_quarter", start), ("end_quarter", end)):
                if not self.plan.contains(quarter):
                    errors.setdefault(field, []).append(
                        _("%(quarter)s est hors de la fenêtre du plan (%(first)s à %(last)s).")
                        % {
                            "quarter": quarter,
                            "first": self.plan.first_quarter,
                            "last": self.plan.last_quarter,
                        }
                    )

    def clean_partners(self, partners, mutualisation_level=_UNSET, lead_organization=_UNSET):
        """Refuse a partnership that breaks the mutualisation rule.

        A mutualised initiative (one with a level) has at least one partner, and
        partners come with a level; the lead organisation is never its own partner.
        Forms pass the level and lead they are about to save; by default the
        instance's own are checked.
        """
        level = (
            self.mutualisation_level_id if mutualisation_level is _UNSET else mutualisation_level
        )
        lead = self.lead_organization_id if lead_organization is _UNSET else lead_organization
        lead_id = getattr(lead, "pk", lead)
        partner_ids = {partner.pk for partner in partners}
        errors = {}
        if lead_id is not None and lead_id in partner_ids:
            errors["partners"] = _("L’organisation responsable ne peut pas être aussi partenaire.")
        elif level is not None and not partner_ids:
            errors["partners"] = _(
                "Une initiative mutualisée doit avoir au moins une organisation partenaire."
            )
        elif level is None and partner_ids:
            errors["mutualisation_level"] = _(
                "Choisissez le niveau de mutualisation de cette initiative partagée avec des partenaires."
            )
        if errors:
            raise ValidationError(errors)

    def consistency_warnings(self, current: FiscalQuarter | None = None) -> list[str]:
        """Return why the status and the schedule disagree, as of ``current``."""
        current = current or FiscalQuarter.current()
        kind = schedule_inconsistency(self.status, self.start_quarter, self.end_quarter, current)
        return [str(INCONSISTENCY_MESSAGES[kind])] if kind else []
