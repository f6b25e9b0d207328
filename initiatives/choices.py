from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganizationKind(models.TextChoices):
    MINISTRY = "ministry", _("Ministère")
    STATE_CORPORATION = "state_corporation", _("Société d’État")


class Status(models.TextChoices):
    NOT_STARTED = "not_started", _("Non débuté")
    IN_PROGRESS = "in_progress", _("En cours")
    DONE = "done", _("Terminé")
    SUSPENDED = "suspended", _("Suspendu")
    ABANDONED = "abandoned", _("Abandonné")


class TagCategory(models.TextChoices):
    DATA = "data", _("Valorisation des données (annexe 2)")
    AI = "ai", _("Intelligence artificielle (annexe 3)")
    SIMPLIFICATION = "simplification", _("Simplification des services directs")
    OTHER = "other", _("Autre")
