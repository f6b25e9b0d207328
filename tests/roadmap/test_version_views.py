"""The plan versions' pages: the list, publishing and the comparison, by persona."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from initiatives.choices import Status
from initiatives.fiscal import FiscalQuarter
from initiatives.models import Initiative
from initiatives.permissions import SYSTEM
from roadmap.models import PlanVersion
from roadmap.services import plan_version_publish, plan_version_record
from tests.factories import InitiativeFactory

LIST_URL = "/roadmap/versions/"
PUBLISH_URL = "/roadmap/versions/publish/"
COMPARE_URL = "/roadmap/versions/compare/"


@pytest.fixture
def portfolio(plan, mcc, banq, ambition):
    InitiativeFactory(
        code="MCC-1",
        title="Refonte du portail",
        plan=plan,
        lead_organization=mcc,
        ambition=ambition,
    )
    InitiativeFactory(code="MCC-2", plan=plan, lead_organization=mcc, ambition=ambition)
    InitiativeFactory(code="BANQ-1", plan=plan, lead_organization=banq, ambition=ambition)


def publish(plan, name, day=datetime.date(2024, 6, 15)):
    return plan_version_publish(user=SYSTEM, plan=plan, name=name, published_on=day)


@pytest.fixture
def june(plan, portfolio):
    return publish(plan, "Mise à jour de juin 2024")


def html_of(response) -> str:
    return response.content.decode()


def test_the_urls_are_named_in_the_versions_namespace():
    assert reverse("versions:list") == LIST_URL
    assert reverse("versions:publish") == PUBLISH_URL
    assert reverse("versions:compare") == COMPARE_URL


# The list and publishing ------------------------------------------------------------


def test_an_anonymous_visitor_is_sent_to_the_login_page(client, db):
    response = client.get(LIST_URL)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_the_manager_sees_the_versions_with_their_counts_and_no_form(client, manager, plan, june):
    older = publish(plan, "PTN 2023-2027 — version initiale", datetime.date(2023, 6, 15))
    client.force_login(manager)

    response = client.get(LIST_URL)

    assert response.status_code == 200
    html = html_of(response)
    assert "Mise à jour de juin 2024" in html and "le 15 juin 2023" in html
    assert "<td>3</td>" in html
    assert f"?base={june.pk}&amp;target=current" in html
    assert f"?base={older.pk}&amp;target={june.pk}" in html
    assert 'action="/roadmap/versions/publish/"' not in html


def test_someone_without_a_role_may_not_see_the_versions(client, outsider):
    client.force_login(outsider)

    assert client.get(LIST_URL).status_code == 403
    assert client.get(COMPARE_URL, {"base": "current"}).status_code == 403


def test_the_coordinator_sees_the_publish_form(client, coordinator, plan):
    client.force_login(coordinator)

    html = html_of(client.get(LIST_URL))

    assert 'action="/roadmap/versions/publish/"' in html
    assert "Aucune version n’a encore été publiée." in html


@pytest.mark.parametrize("persona", ["manager", "mcc_officer"])
def test_a_reader_or_an_officer_may_not_publish(request, client, persona, plan, portfolio):
    client.force_login(request.getfixturevalue(persona))

    response = client.post(PUBLISH_URL, {"name": "Pirate", "published_on": "2025-06-15"})

    assert response.status_code == 403
    assert not PlanVersion.objects.exists()


def test_the_coordinator_publishes_a_version(client, coordinator, plan, portfolio):
    client.force_login(coordinator)

    response = client.post(
        PUBLISH_URL,
        {
            "name": "Mise à jour de juin 2025",
            "published_on": "2025-06-15",
            "description": "Annuelle",
        },
        follow=True,
    )

    assert response.redirect_chain == [(LIST_URL, 302)]
    version = PlanVersion.objects.get()
    assert (version.name, version.published_on) == (
        "Mise à jour de juin 2025",
        datetime.date(2025, 6, 15),
    )
    assert version.published_by == coordinator and version.entries.count() == 3
    assert "a été publiée : elle fige 3 initiatives" in html_of(response)


def test_a_name_already_taken_is_refused_in_french(client, coordinator, plan, june):
    client.force_login(coordinator)

    response = client.post(PUBLISH_URL, {"name": june.name, "published_on": "2024-06-20"})

    assert response.status_code == 400
    assert "porte déjà le nom « Mise à jour de juin 2024 »" in html_of(response)
    assert PlanVersion.objects.count() == 1


def test_a_missing_date_is_refused(client, coordinator, plan, portfolio):
    client.force_login(coordinator)

    response = client.post(PUBLISH_URL, {"name": "Sans date"})

    assert response.status_code == 400
    assert "Ce champ est obligatoire." in html_of(response)


# The comparison -----------------------------------------------------------------------


def test_the_manager_sees_the_counts_and_the_changes(client, manager, plan, june):
    Initiative.objects.filter(code="MCC-1").update(
        end_quarter=FiscalQuarter(2025, 3), status=Status.SUSPENDED
    )
    client.force_login(manager)

    response = client.get(COMPARE_URL, {"base": june.pk, "target": "current"})

    assert response.status_code == 200
    html = html_of(response)
    assert "Mise à jour de juin 2024 → État actuel" in html
    assert "Reportée, Statut modifié" in html
    assert "2023-2024 T2 à 2025-2026 T1" in html and "2023-2024 T2 à 2025-2026 T3" in html
    assert "fin&nbsp;: +2 trimestres" in html
    assert "En cours" in html and "Suspendu" in html
    assert "1 initiative a changé" in html


def test_two_versions_compare_and_the_target_defaults_to_the_current_state(
    client, manager, plan, june
):
    Initiative.objects.filter(code="BANQ-1").update(end_quarter=FiscalQuarter(2024, 4))
    later = publish(plan, "Mise à jour de juin 2025", datetime.date(2025, 6, 15))
    client.force_login(manager)

    versions = html_of(client.get(COMPARE_URL, {"base": june.pk, "target": later.pk}))
    default = html_of(client.get(COMPARE_URL, {"base": june.pk}))

    assert "fin&nbsp;: \u22121 trimestre" in versions
    assert "État actuel" in default and "Devancée" in default


def test_the_comparison_takes_the_roadmap_filters(client, manager, plan, june):
    Initiative.objects.update(end_quarter=FiscalQuarter(2025, 2))
    client.force_login(manager)

    response = client.get(COMPARE_URL, {"base": june.pk, "organization": "BAnQ"})

    html = html_of(response)
    assert "BANQ-1" in html and "MCC-1" not in html
    assert "1 initiative a changé parmi celles qui correspondent aux filtres" in html


@pytest.mark.parametrize(
    ("params", "status", "message"),
    [
        ({}, 400, "Choisissez la version de référence"),
        ({"base": "abc"}, 400, "« abc » ne désigne pas une version du plan"),
        ({"base": "9" * 30}, 400, "ne désigne pas une version du plan"),
        ({"base": "999999"}, 404, "La version n° 999999 n’existe pas"),
        ({"base": "{june}", "target": "demain"}, 400, "« demain » ne désigne pas"),
        ({"base": "{june}", "ambition": "9"}, 400, "Corrigez les filtres signalés"),
    ],
)
def test_bad_parameters_get_a_french_message(client, manager, june, params, status, message):
    client.force_login(manager)
    params = {key: value.format(june=june.pk) for key, value in params.items()}

    response = client.get(COMPARE_URL, params)

    assert response.status_code == status
    assert message in html_of(response)


def test_the_comparison_page_takes_as_many_queries_for_many_initiatives(
    client, manager, plan, mcc, ambition, june
):
    def queries(version):
        with CaptureQueriesContext(connection) as captured:
            response = client.get(COMPARE_URL, {"base": version.pk, "organization": "MCC"})
        assert response.status_code == 200
        return len(captured)

    client.force_login(manager)
    client.get(LIST_URL)  # the session and permissions, once
    Initiative.objects.update(end_quarter=FiscalQuarter(2025, 3))
    few = queries(june)
    InitiativeFactory.create_batch(40, plan=plan, lead_organization=mcc, ambition=ambition)
    many_version = publish(plan, "Grande")
    Initiative.objects.update(end_quarter=FiscalQuarter(2025, 4), status=Status.DONE)

    assert queries(many_version) == few


def test_demonstration_versions_are_labelled(client, manager, plan, portfolio):
    Initiative.objects.update(is_demo=True)
    plan_version_record(
        user=SYSTEM,
        plan=plan,
        name="Démo",
        published_on=datetime.date(2024, 6, 15),
        entries=[],
        is_demo=True,
    )
    version = publish(plan, "Réelle")
    Initiative.objects.update(end_quarter=FiscalQuarter(2025, 3))
    client.force_login(manager)

    listing = html_of(client.get(LIST_URL))
    comparison = html_of(client.get(COMPARE_URL, {"base": version.pk}))

    assert "Les versions marquées « démo » sont des données de démonstration" in listing
    assert "3 initiatives affichées sont des données de démonstration" in comparison
