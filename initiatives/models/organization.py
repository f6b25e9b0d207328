from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from initiatives.choices import OrganizationKind


class Organization(models.Model):
    """The ministry or one of the portfolio's state corporations."""

    acronym = models.CharField(_("sigle"), max_length=20, unique=True)
    name = models.CharField(_("nom officiel"), max_length=200, unique=True)
    kind = models.CharField(_("type"), max_length=20, choices=OrganizationKind.choices)
    is_museum_law = models.BooleanField(
        _("musée-loi"),
        default=False,
        help_text=_(
            "Un des quatre musées constitués par une loi (mutualisation des données d’usage)."
        ),
    )
    website = models.URLField(_("site Web"), blank=True)
    sort_order = models.PositiveSmallIntegerField(_("ordre d’affichage"), default=100)

    class Meta:
        ordering = ["sort_order", "acronym"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=OrganizationKind.values),
                name="organization_kind_valid",
            ),
        ]

    def __str__(self):
        return self.acronym


class Membership(models.Model):
    """A user works for an organisation: an officer edits its initiatives."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("utilisateur"),
    )
    organization = models.ForeignKey(
        Organization,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("organisation"),
    )

    class Meta:
        verbose_name = _("appartenance")
        verbose_name_plural = _("appartenances")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organization"], name="membership_unique_per_organization"
            ),
        ]

    def __str__(self):
        return f"{self.user} – {self.organization}"
