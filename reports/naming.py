"""The file name a downloaded report is saved under, in French."""

from django.utils import timezone
from django.utils.text import slugify

from reports.models import ReportRequest

KIND_NAMES = {
    "roadmap_mcc": "feuille-de-route-gabarit-MCC",
    "roadmap_mcn": "feuille-de-route-gabarit-MCN",
    "annex_data": "annexe-2-donnees",
    "annex_ai": "annexe-3-intelligence-artificielle",
    "annex_full": "annexe-4-liste-complete",
}


def download_name(report: ReportRequest) -> str:
    """Return e.g. "feuille-de-route-gabarit-MCC_PTN-2023-2027_etat-actuel_2026-11-24.pdf"."""
    state = slugify(report.version.name) if report.version_id else "etat-actuel"
    day = timezone.localdate(report.finished_at or report.created_at)
    plan = slugify(report.plan.name).upper()
    return f"{KIND_NAMES[report.kind]}_{plan}_{state}_{day:%Y-%m-%d}.pdf"
