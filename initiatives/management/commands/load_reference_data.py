"""Load the reference data and the seed's initiatives, then the role groups.

Objects are matched by primary key and only the missing ones are created: a
coordinator's later edits to an organisation, a level or a seed initiative
survive a second run (a deployment may run this command every time), and a
second run writes nothing at all.
"""

from pathlib import Path

from django.conf import settings
from django.core import serializers
from django.core.management.base import BaseCommand
from django.core.management.color import no_style
from django.db import connection, transaction
from django.utils.translation import gettext as _

from initiatives.models import INITIATIVE_HISTORY, Initiative
from initiatives.roles import sync_role_groups

FIXTURES_DIR = Path(settings.BASE_DIR) / "fixtures"
FIXTURES = ("reference.json", "seed_initiatives.json")


class Command(BaseCommand):
    help = _(
        "Charge les données de référence (organisations, ambitions, niveaux, thèmes, "
        "orientations, étiquettes, programmes), les initiatives du plan et les groupes de rôles."
    )

    def handle(self, *args, **options):
        with transaction.atomic():
            created = sum(load_missing_objects(FIXTURES_DIR / name) for name in FIXTURES)
            recorded = record_initial_history()
            sync_role_groups()
        if options["verbosity"] < 1:
            return
        self.stdout.write(
            _(
                "Données de référence : %(created)s objet(s) créé(s), %(recorded)s "
                "initiative(s) inscrite(s) à l’historique; groupes de rôles synchronisés."
            )
            % {"created": created, "recorded": recorded}
        )


def load_missing_objects(path: Path) -> int:
    """Save the objects of fixture ``path`` whose primary key is not taken; return how many."""
    saved_models = []
    with path.open(encoding="utf-8") as stream:
        for deserialized in serializers.deserialize("json", stream):
            instance = deserialized.object
            if type(instance)._default_manager.filter(pk=instance.pk).exists():
                continue
            # Setting the m2m relations would otherwise write a "~" history record;
            # record_initial_history() writes the one "+" record instead.
            instance.skip_history_when_saving = True
            deserialized.save()
            del instance.skip_history_when_saving
            saved_models.append(type(instance))
    reset_sequences(set(saved_models))
    return len(saved_models)


def reset_sequences(models) -> None:
    """Move the primary-key sequences past the explicit keys just loaded (PostgreSQL)."""
    statements = connection.ops.sequence_reset_sql(no_style(), list(models))
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def record_initial_history() -> int:
    """Write one "+" history record, by no user, for each initiative that has none."""
    with_history = Initiative.history.values_list("id", flat=True).distinct()
    count = 0
    for initiative in Initiative.objects.exclude(pk__in=with_history):
        initiative._history_user = None
        initiative._change_reason = _("Chargement des données de référence")
        INITIATIVE_HISTORY.create_historical_record(initiative, "+")
        count += 1
    return count
