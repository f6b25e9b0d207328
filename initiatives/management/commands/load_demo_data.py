"""Load the reference data, then the demonstration portfolio and accounts."""

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.translation import gettext as _

from initiatives.demo import DemoSummary, load_demo_data
from initiatives.demo_accounts import DEMO_PASSWORD


class Command(BaseCommand):
    help = _(
        "Charge le portefeuille de démonstration (environ 200 initiatives marquées comme "
        "données de démonstration) et, si le réglage PTN_DEMO_ACCOUNTS_ALLOWED le permet, "
        "les comptes de démonstration. Relancée, elle ne crée que ce qui manque."
    )

    def handle(self, *args, **options):
        verbosity = options["verbosity"]
        call_command("load_reference_data", verbosity=verbosity, stdout=self.stdout)
        allowed = settings.PTN_DEMO_ACCOUNTS_ALLOWED
        with transaction.atomic():
            summary = load_demo_data(accounts_allowed=allowed)
        call_command("load_demo_versions", verbosity=verbosity, stdout=self.stdout)
        if verbosity < 1:
            return
        for line in summary_lines(summary, accounts_allowed=allowed):
            self.stdout.write(line)


def summary_lines(summary: DemoSummary, *, accounts_allowed: bool) -> list[str]:
    """Return the French report of one run."""
    lines = [
        _(
            "Données de démonstration : %(created)s initiative(s) créée(s), dont "
            "%(mutualised)s mutualisée(s); %(skipped)s déjà présente(s); %(orientations)s "
            "orientation(s) et %(programmes)s programme(s) créés."
        )
        % summary.__dict__
    ]
    if summary.rejected:
        lines.append(
            _("Initiatives laissées de côté, refusées par les données actuelles : %(codes)s.")
            % {"codes": ", ".join(summary.rejected)}
        )
    if not accounts_allowed:
        lines.append(
            _("Comptes de démonstration non créés : PTN_DEMO_ACCOUNTS_ALLOWED est désactivé.")
        )
    elif summary.accounts:
        lines.append(
            _("Comptes de démonstration créés (mot de passe « %(password)s ») : %(names)s.")
            % {"password": DEMO_PASSWORD, "names": ", ".join(summary.accounts)}
        )
    else:
        lines.append(_("Comptes de démonstration : déjà présents."))
    return lines
