from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from initiatives.fiscal import MAX_YEAR, MIN_YEAR, FiscalQuarter, FiscalYear, quarter_range


class Plan(models.Model):
    """A digital transformation plan; its window bounds every schedule."""

    name = models.CharField(_("nom"), max_length=120, unique=True)
    title = models.CharField(_("titre complet"), max_length=250, blank=True)
    first_fiscal_year = models.PositiveSmallIntegerField(
        _("première année financière"),
        validators=[MinValueValidator(MIN_YEAR), MaxValueValidator(MAX_YEAR - 12)],
        help_text=_(
            "Année du 1er avril qui ouvre la fenêtre de la feuille de route (2022 pour 2022-2023)."
        ),
    )
    years = models.PositiveSmallIntegerField(
        _("nombre d’années"),
        default=6,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
    )
    is_current = models.BooleanField(_("plan en vigueur"), default=False)

    class Meta:
        ordering = ["-first_fiscal_year"]
        verbose_name = _("plan")
        verbose_name_plural = _("plans")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(years__gte=1, years__lte=12), name="plan_years_between_1_and_12"
            ),
            models.UniqueConstraint(
                fields=["is_current"],
                condition=models.Q(is_current=True),
                name="plan_only_one_current",
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def fiscal_years(self) -> list[FiscalYear]:
        return [FiscalYear(self.first_fiscal_year + n) for n in range(self.years)]

    @property
    def first_quarter(self) -> FiscalQuarter:
        return FiscalQuarter(self.first_fiscal_year, 1)

    @property
    def last_quarter(self) -> FiscalQuarter:
        return FiscalQuarter(self.first_fiscal_year + self.years - 1, 4)

    @property
    def window_label(self) -> str:
        return f"{self.fiscal_years[0].label} – {self.fiscal_years[-1].label}"

    def quarters(self) -> list[FiscalQuarter]:
        return list(quarter_range(self.first_quarter, self.last_quarter))

    def contains(self, quarter: FiscalQuarter) -> bool:
        return self.first_quarter <= quarter <= self.last_quarter
