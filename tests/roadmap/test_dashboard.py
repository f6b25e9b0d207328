"""The dashboard `/`: headline figures and breakdowns, for readers only."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from initiatives.choices import Status
from initiatives.fiscal import FiscalQuarter
from tests.factories import (
    AmbitionFactory,
    InitiativeFactory,
    MutualisationLevelFactory,
    OrganizationFactory,
)

NNBSP = "\u202f"
NBSP = "\u00a0"


def row_count(html: str, label: str) -> int:
    """Return the count shown in the breakdown row whose header starts with ``label``."""
    match = re.search(
        rf'<th scope="row">{re.escape(label)}.*?</th>\s*<td>\s*<div class="app-count">\s*'
        r'<span class="app-count__value">([\d\u202f]+)</span>',
        html,
        re.S,
    )
    assert match, f"no row for {label!r}"
    return int(match.group(1).replace(NNBSP, ""))


@pytest.fixture
def portfolio(plan, mcc, banq, ambition):
    """Three MCC and two BAnQ initiatives across statuses and two ambitions."""
    second = AmbitionFactory(number=2, title="Les employés sont au cœur de la transformation")
    level = MutualisationLevelFactory(rank=1)
    InitiativeFactory(plan=plan, lead_organization=mcc, ambition=ambition, status=Status.DONE)
    InitiativeFactory(
        plan=plan,
        lead_organization=mcc,
        ambition=ambition,
        status=Status.IN_PROGRESS,
        is_3pgtn=True,
        financial_benefit=1_234_567,
    )
    InitiativeFactory(
        plan=plan,
        lead_organization=mcc,
        ambition=second,
        status=Status.IN_PROGRESS,
        mutualisation_level=level,
        partners=[banq],
    )
    InitiativeFactory(plan=plan, lead_organization=banq, ambition=second, status=Status.NOT_STARTED)
    InitiativeFactory(plan=plan, lead_organization=banq, ambition=ambition, status=Status.SUSPENDED)


def test_an_anonymous_visitor_is_sent_to_the_login_page(client):
    response = client.get("/")

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_the_manager_sees_counts_by_status_ambition_and_organisation(client, manager, portfolio):
    client.force_login(manager)

    response = client.get("/")

    assert response.status_code == 200
    html = response.content.decode()
    assert row_count(html, "En cours") == 2
    assert row_count(html, "Terminé") == 1
    assert row_count(html, "Non débuté") == 1
    assert row_count(html, "Suspendu") == 1
    assert row_count(html, "Abandonné") == 0
    assert row_count(html, "1. Expérience clients") == 3
    assert row_count(html, "2. Les employés") == 2
    assert row_count(html, "Ministère de la Culture et des Communications") == 3
    assert row_count(html, "Bibliothèque et Archives nationales du Québec") == 2


def test_the_headline_figures_count_mutualised_and_3pgtn_initiatives_and_sum_benefits(
    client, manager, portfolio
):
    client.force_login(manager)

    figures = client.get("/").context["figures"]

    assert (figures.total, figures.mutualised, figures.three_pgtn) == (5, 1, 1)
    assert figures.financial_benefit == 1_234_567


def test_amounts_are_written_the_quebec_way(client, manager, portfolio):
    client.force_login(manager)

    response = client.get("/")

    assert f"1{NNBSP}234{NNBSP}567{NBSP}$" in response.content.decode()


def test_archived_initiatives_are_left_out(client, manager, plan, mcc, ambition):
    InitiativeFactory(plan=plan, lead_organization=mcc, ambition=ambition)
    archived = InitiativeFactory(plan=plan, lead_organization=mcc, ambition=ambition)
    archived.archived_at = archived.created_at
    archived.save()
    client.force_login(manager)

    assert client.get("/").context["figures"].total == 1


def test_a_user_without_a_role_sees_no_initiative(client, outsider, portfolio):
    client.force_login(outsider)

    response = client.get("/")

    assert response.status_code == 200
    assert response.context["figures"].total == 0


def test_an_inconsistent_status_and_schedule_is_counted(client, manager, plan, mcc, ambition):
    current = FiscalQuarter.current()
    InitiativeFactory(
        plan=plan,
        lead_organization=mcc,
        ambition=ambition,
        status=Status.DONE,
        start_quarter=plan.first_quarter,
        end_quarter=current + 1,
    )
    InitiativeFactory(
        plan=plan,
        lead_organization=mcc,
        ambition=ambition,
        status=Status.IN_PROGRESS,
        start_quarter=plan.first_quarter,
        end_quarter=current + 1,
    )
    client.force_login(manager)

    assert client.get("/").context["figures"].inconsistent == 1


def _queries_for_dashboard(client, count: int, organizations) -> int:
    for index in range(count):
        InitiativeFactory(lead_organization=organizations[index % len(organizations)])
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/")
    assert response.status_code == 200
    assert response.context["figures"].total >= count
    return len(queries)


def test_the_query_count_does_not_grow_with_the_portfolio(client, manager, plan, ambition):
    organizations = [OrganizationFactory() for _ in range(6)]
    client.force_login(manager)

    with_three = _queries_for_dashboard(client, 3, organizations)
    with_thirty = _queries_for_dashboard(client, 27, organizations)

    assert with_thirty == with_three


def test_the_demo_banner_appears_when_demonstration_rows_are_shown(client, manager, plan, mcc):
    InitiativeFactory(plan=plan, lead_organization=mcc, is_demo=True)
    InitiativeFactory(plan=plan, lead_organization=mcc, is_demo=True)
    InitiativeFactory(plan=plan, lead_organization=mcc)
    client.force_login(manager)

    html = client.get("/").content.decode()

    assert "Données de démonstration" in html
    assert "2 initiatives affichées sont des données de démonstration" in html


def test_no_demo_banner_without_demonstration_rows(client, manager, portfolio):
    client.force_login(manager)

    html = client.get("/").content.decode()

    assert "Données de démonstration" not in html


def test_the_page_has_the_landmarks_and_the_skip_link(client, manager, portfolio):
    client.force_login(manager)

    html = client.get("/").content.decode()

    assert '<html lang="fr-ca">' in html
    assert '<a href="#main">Passer au contenu principal</a>' in html
    assert '<main id="main"' in html
    assert 'aria-label="Navigation principale"' in html
    assert 'aria-current="page"' in html
    assert "<footer" in html
    assert "/static/django_htmx/htmx-2.min.js" in html


def test_the_login_page_labels_its_fields_and_announces_a_failed_login(client, manager):
    page = client.get(reverse("login")).content.decode()
    failed = client.post(reverse("login"), {"username": "gestion", "password": "faux"})

    assert '<label for="id_username">Nom d’utilisateur' in page
    assert '<label for="id_password">Mot de passe' in page
    html = failed.content.decode()
    assert failed.status_code == 200
    assert 'role="alert"' in html
    assert "Saisissez un nom d’utilisateur et un mot de passe valides" in html
    assert "<title>Erreur – Connexion" in html
