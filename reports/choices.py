from django.db import models
from django.utils.translation import gettext_lazy as _


class ReportKind(models.TextChoices):
    ROADMAP_MCC = "roadmap_mcc", _("Feuille de route – gabarit MCC")
    ROADMAP_MCN = "roadmap_mcn", _("Feuille de route – gabarit MCN")
    ANNEX_DATA = "annex_data", _("Annexe 2 – Initiatives liées aux données")
    ANNEX_AI = "annex_ai", _("Annexe 3 – Initiatives liées à l’intelligence artificielle")
    ANNEX_FULL = "annex_full", _("Annexe 4 – Liste complète des initiatives et bénéfices")


class ReportState(models.TextChoices):
    QUEUED = "queued", _("En file d’attente")
    RUNNING = "running", _("En cours de production")
    DONE = "done", _("Prêt")
    FAILED = "failed", _("Échec")


FINISHED_STATES = (ReportState.DONE, ReportState.FAILED)
