"""Publish the two demonstration versions of the plan (load_demo_data calls it last)."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from roadmap.demo import load_demo_versions


class Command(BaseCommand):
    help = _(
        "Publie les deux versions de démonstration du plan (version initiale de 2023 et "
        "mise à jour de juin 2024), tirées des initiatives actuelles. Relancée, elle ne "
        "crée que les versions qui manquent."
    )

    def handle(self, *args, **options):
        created = load_demo_versions()
        if options["verbosity"] < 1:
            return
        if created:
            names = ", ".join(f"« {name} »" for name in created)
            self.stdout.write(
                _("Versions de démonstration publiées : %(names)s.") % {"names": names}
            )
        else:
            self.stdout.write(_("Versions de démonstration : déjà présentes."))
