"""Personas and reference objects shared by the whole suite.

Personas (each a real user with a role group, as the demonstration data has):
- ``coordinator``: portfolio coordination, edits every organisation's initiatives;
- ``mcc_officer``: officer of the ministry (MCC), edits MCC initiatives only;
- ``banq_officer``: officer of BAnQ, edits BAnQ initiatives only;
- ``manager``: reader, sees everything and changes nothing;
- ``outsider``: logged in but without any role: sees nothing.
"""

import pytest
from django.contrib.auth.models import Group

from initiatives.choices import OrganizationKind, Status
from initiatives.fiscal import FiscalQuarter
from initiatives.roles import COORDINATOR, OFFICER, READER, sync_role_groups
from ptn import preflight
from tests.factories import (
    AmbitionFactory,
    InitiativeFactory,
    OrganizationFactory,
    PlanFactory,
    ProgrammeFactory,
    UserFactory,
)

pytest_plugins = ["tests.browser_support"]


def pytest_sessionstart(session):
    """Stop at once, in French, when a system library the reports need is missing."""
    missing = preflight.missing_requirements()
    if missing:
        pytest.exit(preflight.missing_message(missing), returncode=preflight.MISSING_EXIT_CODE)


@pytest.fixture
def roles(db):
    sync_role_groups()
    return {name: Group.objects.get(name=name) for name in (COORDINATOR, OFFICER, READER)}


@pytest.fixture
def plan(db):
    return PlanFactory()


@pytest.fixture
def mcc(db):
    return OrganizationFactory(
        acronym="MCC",
        name="Ministère de la Culture et des Communications",
        kind=OrganizationKind.MINISTRY,
        sort_order=0,
    )


@pytest.fixture
def banq(db):
    return OrganizationFactory(acronym="BAnQ", name="Bibliothèque et Archives nationales du Québec")


@pytest.fixture
def ambition(db):
    return AmbitionFactory(number=1, title="Expérience clients, citoyens, partenaires, visiteurs")


@pytest.fixture
def coordinator(roles):
    return UserFactory(username="coordination", groups=[roles[COORDINATOR]])


@pytest.fixture
def mcc_officer(roles, mcc):
    return UserFactory(username="agent.mcc", groups=[roles[OFFICER]], organizations=[mcc])


@pytest.fixture
def banq_officer(roles, banq):
    return UserFactory(username="agent.banq", groups=[roles[OFFICER]], organizations=[banq])


@pytest.fixture
def manager(roles):
    return UserFactory(username="gestion", groups=[roles[READER]])


@pytest.fixture
def outsider(db):
    return UserFactory(username="sans.role")


@pytest.fixture
def mcc_initiative(plan, mcc, ambition):
    return InitiativeFactory(
        code="MCC-900",
        title="Refonte des services en ligne",
        plan=plan,
        lead_organization=mcc,
        ambition=ambition,
    )


@pytest.fixture
def passeport(plan, mcc, ambition):
    """The two phases of the seed's "Passeport Culturel Numérique" programme."""
    programme = ProgrammeFactory(name="Passeport Culturel Numérique", lead_organization=mcc)
    return [
        InitiativeFactory(
            code=f"MCC-00{n}",
            title=f"Passeport Culturel Numérique - phase {n}",
            programme=programme,
            phase=n,
            lead_organization=mcc,
            plan=plan,
            ambition=ambition,
        )
        for n in (1, 2)
    ]


@pytest.fixture
def gia(plan, mcc, ambition):
    """The seed's first GIA phase: done, ended in 2023-2024 T2."""
    return InitiativeFactory(
        code="MCC-004",
        title="Mise en oeuvre d'un programme de GIA - phase 1",
        lead_organization=mcc,
        plan=plan,
        ambition=ambition,
        status=Status.DONE,
        start_quarter=FiscalQuarter(2022, 1),
        end_quarter=FiscalQuarter(2023, 2),
    )
