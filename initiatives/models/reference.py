"""Reference data a coordinator maintains in the admin."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from initiatives.choices import TagCategory
from initiatives.models.organization import Organization

NBSP = "\u00a0"


class Orientation(models.Model):
    """An orientation of one organisation's own strategic plan."""

    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="orientations",
        verbose_name=_("organisation"),
    )
    number = models.PositiveSmallIntegerField(_("numéro"))
    title = models.TextField(_("libellé"))
    is_demo = models.BooleanField(_("donnée de démonstration"), default=False)

    class Meta:
        ordering = ["organization__sort_order", "organization__acronym", "number"]
        verbose_name = _("orientation")
        verbose_name_plural = _("orientations")
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "number"], name="orientation_number_unique_per_organization"
            ),
        ]

    def __str__(self):
        return f"{self.label}{NBSP}: {self.title}"

    @property
    def label(self) -> str:
        return _("Orientation %(number)s") % {"number": self.number}


class Objective(models.Model):
    """An optional strategic objective under an orientation."""

    orientation = models.ForeignKey(
        Orientation,
        on_delete=models.CASCADE,
        related_name="objectives",
        verbose_name=_("orientation"),
    )
    code = models.CharField(_("numéro"), max_length=10, help_text=_("Par exemple « 1.2 »."))
    title = models.TextField(_("libellé"))

    class Meta:
        ordering = ["orientation", "code"]
        verbose_name = _("objectif stratégique")
        verbose_name_plural = _("objectifs stratégiques")
        constraints = [
            models.UniqueConstraint(
                fields=["orientation", "code"], name="objective_code_unique_per_orientation"
            ),
        ]

    def __str__(self):
        return _("Objectif %(code)s") % {"code": self.code} + f"{NBSP}: {self.title}"


class Ambition(models.Model):
    """One of the three business ambitions of the portfolio."""

    number = models.PositiveSmallIntegerField(_("numéro"), unique=True)
    title = models.CharField(_("libellé"), max_length=200)
    short_title = models.CharField(_("libellé court"), max_length=80)
    descriptors = models.TextField(_("descripteurs"), help_text=_("Un par ligne."))
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["number"]
        verbose_name = _("ambition d’affaires")
        verbose_name_plural = _("ambitions d’affaires")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(number__gte=1, number__lte=3), name="ambition_number_1_to_3"
            ),
        ]

    def __str__(self):
        return f"{self.number}. {self.title}"

    @property
    def descriptor_list(self) -> list[str]:
        return [line.strip() for line in self.descriptors.splitlines() if line.strip()]


class Theme(models.Model):
    """A theme, or a sub-theme under one; shown "Thème - Sous-thème"."""

    name = models.CharField(_("nom"), max_length=150)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("thème parent"),
    )

    class Meta:
        ordering = ["parent__name", "name"]
        verbose_name = _("thème")
        verbose_name_plural = _("thèmes")
        constraints = [
            models.UniqueConstraint(fields=["parent", "name"], name="theme_name_unique_per_parent"),
            models.UniqueConstraint(
                fields=["name"],
                condition=models.Q(parent__isnull=True),
                name="theme_top_level_name_unique",
            ),
        ]

    def __str__(self):
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.parent.name} - {self.name}" if self.parent_id else self.name

    def clean(self):
        if self.parent_id and (self.parent.parent_id or self.parent_id == self.pk):
            raise ValidationError(
                {
                    "parent": _(
                        "Un sous-thème ne peut pas avoir lui-même de sous-thème (deux niveaux au plus)."
                    )
                }
            )


class MutualisationLevel(models.Model):
    """One of the four mutualisation levels, ordered from the lightest."""

    rank = models.PositiveSmallIntegerField(_("rang"), unique=True)
    name = models.CharField(_("nom"), max_length=100, unique=True)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["rank"]
        verbose_name = _("niveau de mutualisation")
        verbose_name_plural = _("niveaux de mutualisation")

    def __str__(self):
        return _("Niveau %(rank)s – %(name)s") % {"rank": self.rank, "name": self.name}


class Tag(models.Model):
    """A cross-cutting axis: data (annex 2), AI (annex 3), simplification topics."""

    slug = models.SlugField(_("identifiant"), max_length=60, unique=True)
    name = models.CharField(_("nom"), max_length=150)
    category = models.CharField(_("catégorie"), max_length=20, choices=TagCategory.choices)

    class Meta:
        ordering = ["category", "name"]
        verbose_name = _("étiquette")
        verbose_name_plural = _("étiquettes")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(category__in=TagCategory.values), name="tag_category_valid"
            ),
        ]

    def __str__(self):
        return self.name


class Programme(models.Model):
    """Groups the phases of one effort ("Passeport Culturel Numérique")."""

    name = models.CharField(_("nom"), max_length=200, unique=True)
    lead_organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="programmes",
        verbose_name=_("organisation responsable"),
    )
    description = models.TextField(_("description"), blank=True)
    is_demo = models.BooleanField(_("donnée de démonstration"), default=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")

    def __str__(self):
        return self.name
