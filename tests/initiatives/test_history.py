import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from initiatives.history import initiative_change_log
from initiatives.services import initiative_update
from tests.factories import MutualisationLevelFactory

pytestmark = pytest.mark.django_db


def test_the_change_log_says_who_changed_which_field_from_what_to_what(
    coordinator, mcc_initiative, banq
):
    level = MutualisationLevelFactory(rank=2, name="Solution commune")
    initiative_update(
        user=coordinator,
        initiative=mcc_initiative,
        data={"status": "done", "mutualisation_level": level, "partners": [banq]},
    )
    latest, creation = initiative_change_log(mcc_initiative)
    assert creation.kind_label == "Création"
    assert latest.user == coordinator
    changes = {change.label: (change.old, change.new) for change in latest.changes}
    assert changes == {
        "Statut": ("En cours", "Terminé"),
        "Niveau de mutualisation": ("—", "Niveau 2 – Solution commune"),
        "Organisations partenaires": ("—", "BAnQ"),
    }


def test_the_change_log_takes_the_same_queries_for_two_or_twelve_records(
    coordinator, mcc_initiative
):
    def count_queries():
        with CaptureQueriesContext(connection) as queries:
            initiative_change_log(mcc_initiative)
        return len(queries)

    initiative_update(user=coordinator, initiative=mcc_initiative, data={"title": "Titre 1"})
    few = count_queries()
    for n in range(2, 12):
        initiative_update(user=coordinator, initiative=mcc_initiative, data={"title": f"Titre {n}"})
    assert count_queries() == few
