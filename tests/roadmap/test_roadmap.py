"""The quarterly Gantt roadmap at /roadmap/."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from initiatives.choices import Status
from initiatives.fiscal import FiscalQuarter
from tests.factories import (
    InitiativeFactory,
    MutualisationLevelFactory,
    OrientationFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db
ROADMAP = reverse("roadmap")


@pytest.fixture(autouse=True)
def june_2024(monkeypatch):
    """Read the roadmap as of 2024-2025 T1, the date of the plan's update."""
    monkeypatch.setattr(FiscalQuarter, "current", classmethod(lambda cls: FiscalQuarter(2024, 1)))


@pytest.fixture
def portfolio(plan, mcc, banq, ambition):
    orientation = OrientationFactory(organization=mcc, number=1, title="Faire découvrir la culture")
    theme = ThemeFactory(
        name="Parcours client", parent=ThemeFactory(name="Parcours client et promotion")
    )
    return [
        InitiativeFactory(
            code="MCC-002",
            title="Passeport Culturel Numérique - phase 1",
            plan=plan,
            lead_organization=mcc,
            orientation=orientation,
            ambition=ambition,
            theme=theme,
            is_3pgtn=True,
            start_quarter=FiscalQuarter(2023, 2),
            end_quarter=FiscalQuarter(2025, 1),
        ),
        InitiativeFactory(
            code="MCC-004",
            title="Mise en oeuvre d'un programme de GIA - phase 1",
            plan=plan,
            lead_organization=mcc,
            ambition=ambition,
            status=Status.DONE,
            start_quarter=FiscalQuarter(2022, 1),
            end_quarter=FiscalQuarter(2025, 2),
        ),
        InitiativeFactory(
            code="BANQ-1",
            title="Numérisation des archives",
            plan=plan,
            lead_organization=banq,
            ambition=ambition,
            status=Status.NOT_STARTED,
            start_quarter=FiscalQuarter(2025, 1),
            end_quarter=FiscalQuarter(2026, 4),
            mutualisation_level=MutualisationLevelFactory(rank=2),
            partners=[mcc],
        ),
    ]


def html_of(client, user, **params):
    client.force_login(user)
    response = client.get(ROADMAP, params)
    assert response.status_code == 200
    return response.content.decode()


def test_anonymous_visitors_are_sent_to_the_login_page(client):
    assert client.get(ROADMAP).url.startswith(reverse("login"))


def test_it_shows_six_fiscal_years_over_twenty_four_quarters_and_every_initiative(
    client, manager, portfolio
):
    html = html_of(client, manager)
    years = re.findall(r'<th scope="colgroup" colspan="4" class="year">(\d{4}-\d{4})</th>', html)
    assert years == ["2022-2023", "2023-2024", "2024-2025", "2025-2026", "2026-2027", "2027-2028"]
    assert len(re.findall(r'<th scope="col" class="quarter', html)) == 24
    for initiative in portfolio:
        assert initiative.title.replace("'", "&#39;") in html


def test_each_schedule_is_readable_as_text_and_drawn_as_one_bar(client, manager, portfolio):
    html = html_of(client, manager)
    assert "2023-2024 T2 à 2025-2026 T1" in html
    # 2023-2024 T2 is the 6th quarter of 24, and the bar spans 8 quarters.
    assert 'style="left:20.833%;width:33.333%"' in html
    assert html.count('class="bar ') == 3


def test_the_current_quarter_is_marked(client, manager, portfolio):
    html = html_of(client, manager)
    assert re.search(
        r'class="quarter is-current" aria-current="date"[^>]*><abbr title="2024-2025 T1">', html
    )
    assert "--now:33.333%" in html  # eight quarters into the window of 24


def test_the_text_filter_narrows_the_roadmap(client, manager, portfolio):
    html = html_of(client, manager, q="Passeport")
    assert "Passeport Culturel Numérique - phase 1" in html
    assert "GIA" not in html and "Numérisation des archives" not in html


def test_it_groups_by_organisation_then_orientation_with_counts(client, manager, portfolio):
    html = html_of(client, manager)
    assert (
        'MCC – Ministère de la Culture et des Communications <span class="count">(2)</span>' in html
    )
    assert 'Orientation 1\u00a0: Faire découvrir la culture <span class="count">(1)</span>' in html
    assert html.index("MCC – Ministère") < html.index("BAnQ – Bibliothèque")


def test_it_groups_by_ambition_then_theme_or_by_mutualisation_level(client, manager, portfolio):
    by_ambition = html_of(client, manager, group="ambition")
    assert (
        'Parcours client et promotion - Parcours client <span class="count">(1)</span>'
        in by_ambition
    )
    by_level = html_of(client, manager, group="mutualisation")
    assert 'Niveau 2 – Niveau 2 <span class="count">(1)</span>' in by_level
    assert 'Non mutualisées <span class="count">(2)</span>' in by_level


def test_an_unknown_grouping_falls_back_to_the_plans_table(client, manager, portfolio):
    assert "MCC – Ministère" in html_of(client, manager, group="n'importe quoi")


def test_inconsistent_statuses_are_flagged_on_their_row(client, manager, portfolio):
    html = html_of(client, manager)
    assert "Terminée, mais la fin est prévue dans le futur." in html  # GIA ends 2025-2026 T2
    assert "1 au statut incohérent avec l’échéancier" in html
    assert html.count('class="is-inconsistent"') == 1


def test_mutualisation_and_3pgtn_show_on_the_row(client, manager, portfolio):
    html = html_of(client, manager)
    assert '<td class="col-mut">2 <span class="partners">+ MCC</span></td>' in html
    assert '<td class="col-num">x</td>' in html


def test_the_query_count_does_not_grow_with_the_number_of_initiatives(
    client, manager, portfolio, plan, banq, ambition
):
    client.force_login(manager)
    with CaptureQueriesContext(connection) as few:
        client.get(ROADMAP)
    for _n in range(30):
        InitiativeFactory(
            plan=plan,
            lead_organization=banq,
            ambition=ambition,
            partners=[portfolio[0].lead_organization],
            mutualisation_level=MutualisationLevelFactory(rank=1),
        )
    with CaptureQueriesContext(connection) as many:
        client.get(ROADMAP)
    assert len(many) == len(few)


def test_bad_filter_values_do_not_break_the_page(client, manager, portfolio):
    html = html_of(client, manager, status="perdu", fiscal_year="x", ambition="9")
    assert "Passeport" in html


def test_a_chosen_version_is_drawn_as_a_thin_planned_bar_under_the_current_one(
    client, manager, coordinator, portfolio, plan
):
    import datetime

    from initiatives.services import initiative_update
    from roadmap.services import plan_version_publish

    version = plan_version_publish(
        user=coordinator,
        plan=plan,
        name="Mise à jour de juin 2024",
        published_on=datetime.date(2024, 6, 15),
    )
    initiative_update(
        user=coordinator, initiative=portfolio[0], data={"end_quarter": FiscalQuarter(2025, 3)}
    )
    html = html_of(client, manager, version=version.pk)
    assert "selected>Mise à jour de juin 2024</option>" in html
    assert html.count('class="baseline"') == 3
    assert "(prévu : 2023-2024 T2 à 2025-2026 T1)" in html
    assert "2023-2024 T2 à 2025-2026 T3" in html


def test_an_unknown_version_draws_no_planned_bar(client, manager, portfolio):
    assert 'class="baseline"' not in html_of(client, manager, version="999999")
