"""A small portfolio for the report tests, and helpers to read the PDFs they produce.

Personas (from tests/conftest.py): ``manager`` (reader) and ``mcc_officer``
may request reports and download their own; ``coordinator`` downloads anyone's;
``outsider`` may do neither.
"""

from io import BytesIO
from pathlib import Path

import pytest
from django.contrib.auth.models import Permission
from pypdf import PdfReader

from initiatives.choices import Status, TagCategory
from initiatives.fiscal import FiscalQuarter
from initiatives.roles import COORDINATOR, OFFICER, READER
from reports.rendering.sections import MIN_SECTION_ROWS
from tests.factories import (
    AmbitionFactory,
    InitiativeFactory,
    MutualisationLevelFactory,
    ObjectiveFactory,
    OrganizationFactory,
    OrientationFactory,
    TagFactory,
    ThemeFactory,
)

# What initiatives/roles.py grants (see the README, "Rapports PDF"); added here
# only if the role groups lack it, so that these tests do not depend on the
# order in which the two changes land. test_permissions checks roles.py itself.
REPORT_PERMISSIONS = {
    READER: ["request_report"],
    OFFICER: ["request_report"],
    COORDINATOR: ["request_report", "download_any_report"],
}


@pytest.fixture
def roles(roles):
    for name, codenames in REPORT_PERMISSIONS.items():
        wanted = Permission.objects.filter(
            content_type__app_label="reports", codename__in=codenames
        )
        roles[name].permissions.add(*wanted)
    return roles


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture(autouse=True)
def june_2024(monkeypatch):
    """Read the plan as of 2024-2025 T1, the date of the seed's update."""
    monkeypatch.setattr(FiscalQuarter, "current", classmethod(lambda cls: FiscalQuarter(2024, 1)))


@pytest.fixture
def tags(db):
    return {
        "data": TagFactory(
            slug="donnees", name="Valorisation des données", category=TagCategory.DATA
        ),
        "ai": TagFactory(slug="ia", name="Intelligence artificielle", category=TagCategory.AI),
    }


@pytest.fixture
def portfolio(plan, mcc, banq, ambition, tags):
    """Four initiatives of two organisations, two ambitions, with tags, a level and benefits."""
    return {
        **_mcc_initiatives(plan, mcc, banq, ambition, tags),
        **_banq_initiatives(plan, banq, tags),
    }


def _mcc_initiatives(plan, mcc, banq, ambition, tags) -> dict:
    orientation = OrientationFactory(organization=mcc, number=3, title="Favoriser l’innovation")
    theme = ThemeFactory(name="Aide financière", parent=ThemeFactory(name="Parcours client"))
    common = {"plan": plan, "ambition": ambition, "lead_organization": mcc}
    return {
        "online": InitiativeFactory(
            code="MCC-001",
            title="Refonte des services en ligne des programmes d’aide financière",
            orientation=orientation,
            objective=ObjectiveFactory(orientation=orientation, code="3.1"),
            theme=theme,
            is_3pgtn=True,
            financial_benefit=1_234_567,
            service_benefit="Demandes traitées en ligne de bout en bout.",
            tags=[tags["data"]],
            **common,
        ),
        "passport": InitiativeFactory(
            code="MCC-002",
            title="Passeport Culturel Numérique - phase 1",
            status=Status.NOT_STARTED,
            start_quarter=FiscalQuarter(2025, 1),
            end_quarter=FiscalQuarter(2026, 4),
            mutualisation_level=MutualisationLevelFactory(rank=2, name="Partage d’expertise"),
            partners=[banq],
            tags=[tags["ai"]],
            **common,
        ),
    }


def _banq_initiatives(plan, banq, tags) -> dict:
    ambition_3 = AmbitionFactory(number=3, title="Performance organisationnelle")
    common = {"plan": plan, "ambition": ambition_3, "lead_organization": banq}
    return {
        "archives": InitiativeFactory(
            code="BANQ-001",
            title="Numérisation des archives sonores",
            status=Status.DONE,
            start_quarter=FiscalQuarter(2022, 1),
            end_quarter=FiscalQuarter(2023, 4),
            financial_benefit=50_000,
            tags=[tags["data"], tags["ai"]],
            **common,
        ),
        "security": InitiativeFactory(
            code="BANQ-002",
            title="Mise en oeuvre d’un programme de GIA - phase 1",
            start_quarter=FiscalQuarter(2023, 1),
            end_quarter=FiscalQuarter(2024, 2),
            **common,
        ),
    }


@pytest.fixture
def many_initiatives(plan, ambition):
    """Enough rows for several pages: 90 initiatives of three organisations."""
    return initiatives_in_lots(plan, ambition, 90)


@pytest.fixture
def two_sections_of_initiatives(plan, ambition):
    """Enough rows for two worker processes to share a report: 2 × MIN_SECTION_ROWS."""
    return initiatives_in_lots(plan, ambition, 2 * MIN_SECTION_ROWS)


def initiatives_in_lots(plan, ambition, count: int) -> list:
    organizations = [OrganizationFactory(acronym=f"ORG{n}") for n in range(3)]
    return [
        InitiativeFactory(
            code=f"LOT-{n:03d}",
            title=f"Initiative du lot numéro {n:03d}",
            plan=plan,
            ambition=ambition,
            lead_organization=organizations[n % 3],
        )
        for n in range(count)
    ]


NO_BREAK_SPACES = str.maketrans({"\u00a0": " ", "\u202f": " "})


def pdf_pages_text(data: bytes) -> list[str]:
    """Return the text of each page, read by pypdf (no system program needed).

    No-break spaces read as plain spaces, as a reader sees them.
    """
    return [page.extract_text().translate(NO_BREAK_SPACES) for page in pdf_reader(data).pages]


def pdf_of(report) -> bytes:
    return Path(report.file.path).read_bytes()


def pdf_reader(data: bytes) -> PdfReader:
    return PdfReader(BytesIO(data))
