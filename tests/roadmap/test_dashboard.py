"""The dashboard `/`: headline figures and breakdowns, for readers only."""

import re
from html.parser import HTMLParser
from itertools import pairwise

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from initiatives.choices import Status
from initiatives.fiscal import FiscalQuarter
from roadmap.selectors import portfolio_headline_figures
from tests.factories import (
    AmbitionFactory,
    InitiativeFactory,
    MutualisationLevelFactory,
    OrganizationFactory,
)

NNBSP = "\u202f"
NBSP = "\u00a0"


class _TableReader(HTMLParser):
    """Collect each table's caption and the text of its rows' cells."""

    def __init__(self):
        super().__init__()
        self.tables: dict[str, list[list[str]]] = {}
        self._rows, self._cell, self._caption = None, None, None

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self._rows, self._caption = [], ""
        elif tag == "caption":
            self._cell = []
        elif tag == "tr" and self._rows is not None:
            self._rows.append([])
        elif tag in ("th", "td") and self._rows is not None:
            self._cell = []

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)

    def handle_endtag(self, tag):
        text = re.sub(r"[ \t\r\n]+", " ", "".join(self._cell or [])).strip()
        if tag == "caption":
            self._caption, self._cell = text, None
        elif tag in ("th", "td") and self._rows:
            self._rows[-1].append(text)
            self._cell = None
        elif tag == "table":
            self.tables[self._caption] = self._rows
            self._rows = None


def tables_of(html: str) -> dict[str, list[list[str]]]:
    """Return the page's tables by caption, each as rows of cell texts."""
    reader = _TableReader()
    reader.feed(html)
    return reader.tables


def row_of(table: list[list[str]], label: str) -> list[str]:
    """Return the row whose header starts with ``label``, without its header."""
    matches = [row[1:] for row in table if row and row[0].startswith(label)]
    assert matches, f"no row for {label!r}"
    return matches[0]


def number(text: str) -> int:
    return int(text.replace(NNBSP, "").replace(NBSP, "").removesuffix("$").strip())


STATUS_TABLE = "Nombre d’initiatives par ambition d’affaires (lignes) et par statut (colonnes)"
ORGANIZATION_TABLE = (
    "Initiatives dont l’organisation est responsable, et leurs bénéfices financiers estimés"
)


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
    tables = tables_of(response.content.decode())
    by_status = tables[STATUS_TABLE]
    assert by_status[0] == [
        "Ambition d’affaires",
        "Non débuté",
        "En cours",
        "Terminé",
        "Suspendu",
        "Abandonné",
        "Total",
    ]
    assert [number(n) for n in row_of(by_status, "1. Expérience clients")] == [0, 1, 1, 1, 0, 3]
    assert [number(n) for n in row_of(by_status, "2. Les employés")] == [1, 1, 0, 0, 0, 2]
    assert [number(n) for n in row_of(by_status, "Total")] == [1, 2, 1, 1, 0, 5]
    by_organization = tables[ORGANIZATION_TABLE]
    assert number(row_of(by_organization, "Ministère de la Culture")[0]) == 3
    assert number(row_of(by_organization, "Bibliothèque et Archives nationales")[0]) == 2


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


def ending_next_quarter(status, *, plan, lead, ambition):
    """Add an initiative that started with the plan and ends next quarter."""
    return InitiativeFactory(
        plan=plan,
        lead_organization=lead,
        ambition=ambition,
        status=status,
        start_quarter=plan.first_quarter,
        end_quarter=FiscalQuarter.current() + 1,
    )


def test_an_inconsistent_status_and_schedule_is_counted(client, manager, plan, mcc, ambition):
    ending_next_quarter(Status.DONE, plan=plan, lead=mcc, ambition=ambition)
    ending_next_quarter(Status.IN_PROGRESS, plan=plan, lead=mcc, ambition=ambition)
    client.force_login(manager)

    assert client.get("/").context["figures"].inconsistent == 1


def test_the_inconsistency_count_links_to_the_rows_on_the_roadmap_and_in_the_list(
    client, manager, plan, mcc, ambition
):
    ending_next_quarter(Status.DONE, plan=plan, lead=mcc, ambition=ambition)
    client.force_login(manager)

    html = client.get("/").content.decode()

    assert 'href="/roadmap/?inconsistent=true"' in html
    assert 'href="/initiatives/?inconsistent=true"' in html
    assert "Voir l’initiative au statut incohérent avec son échéancier" in html


def test_no_inconsistency_link_when_every_status_agrees_with_its_schedule(
    client, manager, plan, mcc, ambition
):
    ending_next_quarter(Status.IN_PROGRESS, plan=plan, lead=mcc, ambition=ambition)
    client.force_login(manager)

    response = client.get("/")

    assert response.context["figures"].inconsistent == 0
    assert "?inconsistent=true" not in response.content.decode()


def test_the_tables_link_to_the_filtered_list_and_roadmap(client, manager, portfolio):
    client.force_login(manager)

    html = client.get("/").content.decode()

    assert 'href="/initiatives/?organization=MCC"' in html
    assert 'href="/initiatives/?organization=BAnQ"' in html
    assert 'href="/initiatives/?status=in_progress"' in html
    assert 'href="/initiatives/?status=abandoned"' in html
    assert 'href="/roadmap/?ambition=1&amp;group=ambition"' in html
    assert 'href="/roadmap/?ambition=2&amp;group=ambition"' in html


def test_the_filtered_links_lead_to_the_right_rows(client, manager, portfolio):
    client.force_login(manager)

    by_organization = client.get("/initiatives/?organization=BAnQ").context
    by_status = client.get("/initiatives/?status=in_progress").context

    # BAnQ leads two initiatives and is a partner of a third.
    assert by_organization["page"].paginator.count == 3
    assert by_status["page"].paginator.count == 2


def test_an_acronym_with_accents_is_encoded_in_its_link(client, manager, plan, ambition):
    tele_quebec = OrganizationFactory(acronym="Télé-Québec", name="Société de télédiffusion")
    InitiativeFactory(plan=plan, lead_organization=tele_quebec, ambition=ambition)
    client.force_login(manager)

    html = client.get("/").content.decode()

    assert 'href="/initiatives/?organization=T%C3%A9l%C3%A9-Qu%C3%A9bec"' in html


def test_each_chart_is_followed_by_its_data_table(client, manager, portfolio):
    client.force_login(manager)

    html = client.get("/").content.decode()

    charts = html.split("</svg>")
    assert len(charts) == 4  # three charts
    for chart, after in pairwise(charts):
        assert 'role="img"' in chart
        table = after.split("<svg")[0]
        assert "<table" in table
        assert "<caption" in table
        assert 'scope="col"' in table
        assert 'scope="row"' in table
    assert "Voir les données" in html
    assert "Initiatives partagées, par paire d’organisations" in tables_of(html)


def test_the_matrix_says_what_sharing_an_initiative_means(client, manager, portfolio):
    client.force_login(manager)

    tables = tables_of(client.get("/").content.decode())

    matrix = tables["Initiatives partagées, par paire d’organisations"]
    assert matrix[0][1:] == ["MCC", "BAnQ"]
    assert row_of(matrix, "MCC") == ["–sans objet", "1"]
    assert row_of(matrix, "BAnQ") == ["1", "–sans objet"]
    html = client.get("/").content.decode()
    assert "l’une en est responsable et l’autre partenaire, ou les deux en sont partenaires" in html


def test_the_benefits_are_summed_by_organisation(client, manager, portfolio):
    client.force_login(manager)

    table = tables_of(client.get("/").content.decode())[ORGANIZATION_TABLE]

    assert row_of(table, "Ministère de la Culture")[1] == f"1{NNBSP}234{NNBSP}567{NBSP}$"
    assert row_of(table, "Bibliothèque et Archives")[1] == f"0{NBSP}$"
    assert row_of(table, "Total") == ["5", f"1{NNBSP}234{NNBSP}567{NBSP}$"]


def test_an_empty_portfolio_shows_no_chart(client, manager, plan):
    client.force_login(manager)

    html = client.get("/").content.decode()

    assert "<svg" not in html
    assert "Aucune initiative active à afficher." in html


def test_a_hostile_organisation_name_is_escaped_in_charts_and_tables(
    client, manager, plan, ambition
):
    hostile = OrganizationFactory(acronym="<script>", name="<script>alert(1)</script>")
    InitiativeFactory(plan=plan, lead_organization=hostile, ambition=ambition)
    client.force_login(manager)

    html = client.get("/").content.decode()

    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>" not in html.split("<main", 1)[1]


def _grow_portfolio(count: int, organizations, ambitions, level) -> None:
    """Add ``count`` initiatives across organisations, ambitions, statuses and years."""
    statuses = Status.values
    for index in range(count):
        lead = organizations[index % len(organizations)]
        partners = [o for o in organizations[index % 3 : index % 3 + 2] if o != lead]
        start = FiscalQuarter(2022 + index % 5, 1 + index % 4)
        InitiativeFactory(
            lead_organization=lead,
            ambition=ambitions[index % len(ambitions)],
            status=statuses[index % len(statuses)],
            start_quarter=start,
            end_quarter=start + index % 6,
            financial_benefit=1000 * index,
            mutualisation_level=level if index % 2 else None,
            partners=partners if index % 2 else [],
        )


def _queries_for_dashboard(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/")
    assert response.status_code == 200
    return len(queries)


def test_the_query_count_does_not_grow_with_the_portfolio(client, manager, plan, ambition):
    organizations = [OrganizationFactory() for _ in range(6)]
    ambitions = [ambition, AmbitionFactory(number=2), AmbitionFactory(number=3)]
    level = MutualisationLevelFactory(rank=1)
    client.force_login(manager)

    _grow_portfolio(5, organizations, ambitions, level)
    with_five = _queries_for_dashboard(client)
    _grow_portfolio(35, organizations, ambitions, level)
    with_forty = _queries_for_dashboard(client)

    assert client.get("/").context["figures"].total == 40
    # Session, user, two for permissions, then the eight of portfolio_headline_figures.
    assert with_five == with_forty == 12


def test_the_figures_take_eight_queries(manager, plan, ambition, django_assert_num_queries):
    organizations = [OrganizationFactory() for _ in range(4)]
    _grow_portfolio(12, organizations, [ambition], MutualisationLevelFactory(rank=1))
    manager.has_perm("initiatives.view_initiative")  # permissions are cached on the user

    with django_assert_num_queries(8):
        portfolio_headline_figures(user=manager)


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
