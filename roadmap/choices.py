from django.db import models
from django.utils.translation import gettext_lazy as _


class ChangeKind(models.TextChoices):
    """How an initiative differs between two states of the plan.

    A row of a comparison may carry several kinds: a schedule change
    (slipped, advanced or rescheduled) and a status change.
    """

    ADDED = "added", _("Ajoutée")
    REMOVED = "removed", _("Retirée")
    SLIPPED = "slipped", _("Reportée")
    ADVANCED = "advanced", _("Devancée")
    RESCHEDULED = "rescheduled", _("Échéancier fixé ou retiré")
    STATUS_CHANGED = "status_changed", _("Statut modifié")
