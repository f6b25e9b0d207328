"""The reference data and the seed's initiatives load on an empty database, once."""

import io
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.management import call_command

from initiatives.choices import OrganizationKind, Status, TagCategory
from initiatives.demo_builder import schedule_agrees_with_status
from initiatives.fiscal import FiscalQuarter
from initiatives.models import (
    Ambition,
    Initiative,
    MutualisationLevel,
    Organization,
    Orientation,
    Plan,
    Programme,
    Tag,
    Theme,
)
from initiatives.permissions import SYSTEM
from initiatives.roles import COORDINATOR, OFFICER, READER
from initiatives.services import initiative_update

FIXTURES = Path(settings.BASE_DIR) / "fixtures"
PCN = "Passeport Culturel Numérique"
GIA = "Programme de gestion des identités et des accès (GIA)"
AID = "Parcours client et promotion des services - Aide financière"
JOURNEY = "Parcours client et promotion des services - Parcours client"
SECURITY = "Sécurité et services technologiques communs - Sécurité"
JUNE_2024 = FiscalQuarter(2024, 1)  # the date of the plan's update
SEED_ROWS = [
    # code, title, status, orientation, theme, ambition, programme, phase
    (
        "MCC-001",
        "Refonte des services en ligne supportant les programmes d'aide financière",
        Status.IN_PROGRESS,
        3,
        AID,
        1,
        None,
        None,
    ),
    ("MCC-002", f"{PCN} - phase 1", Status.IN_PROGRESS, 1, JOURNEY, 1, PCN, 1),
    ("MCC-003", f"{PCN} - phase 2", Status.NOT_STARTED, 1, JOURNEY, 1, PCN, 2),
    (
        "MCC-004",
        "Mise en oeuvre d'un programme de GIA - phase 1",
        Status.DONE,
        2,
        SECURITY,
        3,
        GIA,
        1,
    ),
    (
        "MCC-005",
        "Mise en oeuvre d'un programme de GIA - phase 2",
        Status.DONE,
        2,
        SECURITY,
        3,
        GIA,
        2,
    ),
    (
        "MCC-006",
        "Mise en oeuvre d'un programme de GIA - phase 3",
        Status.IN_PROGRESS,
        2,
        SECURITY,
        3,
        GIA,
        3,
    ),
    (
        "MCC-007",
        "Mise en oeuvre d'un programme de GIA - phase 4",
        Status.IN_PROGRESS,
        2,
        SECURITY,
        3,
        GIA,
        4,
    ),
]


def assert_schedules_agree_with_statuses(initiatives) -> None:
    """Assert each schedule lies in the plan and tells its status's story in June 2024."""
    for initiative in initiatives.select_related("plan"):
        start, end = initiative.start_quarter, initiative.end_quarter
        assert initiative.plan.contains(start), initiative.code
        assert initiative.plan.contains(end), initiative.code
        assert schedule_agrees_with_status(initiative.status, start, end, JUNE_2024), (
            initiative.code
        )
        assert initiative.consistency_warnings(JUNE_2024) == [], initiative.code


def assert_every_initiative_passes_the_model_rules(initiatives) -> None:
    """Assert each initiative passes what initiative_create() checks."""
    for initiative in initiatives.prefetch_related("partners"):
        initiative.full_clean()
        initiative.clean_partners(initiative.partners.all())


def load_reference_data() -> str:
    out = io.StringIO()
    call_command("load_reference_data", stdout=out)
    return out.getvalue()


@pytest.fixture
def reference_data(db):
    return load_reference_data()


def counts() -> dict:
    models = (Plan, Organization, Ambition, MutualisationLevel, Theme, Orientation, Tag, Programme)
    result = {model.__name__: model.objects.count() for model in models}
    result["initiatives"] = Initiative.objects.count()
    result["history"] = Initiative.history.count()
    return result


def test_it_loads_twelve_organizations_including_mcc_and_banq(reference_data):
    assert Organization.objects.count() == 12
    mcc = Organization.objects.get(acronym="MCC")
    assert mcc.name == "Ministère de la Culture et des Communications"
    assert mcc.kind == OrganizationKind.MINISTRY
    assert Organization.objects.first() == mcc
    banq = Organization.objects.get(acronym="BAnQ")
    assert banq.name == "Bibliothèque et Archives nationales du Québec"


def test_it_counts_eleven_state_corporations_beside_the_ministry(reference_data):
    corporations = Organization.objects.filter(kind=OrganizationKind.STATE_CORPORATION)
    assert set(corporations.values_list("acronym", flat=True)) == {
        "BAnQ",
        "CALQ",
        "CMADQ",
        "MAC",
        "MCQ",
        "MNBAQ",
        "MBAM",
        "SODEC",
        "Télé-Québec",
        "PdA",
        "GTQ",
    }


def test_it_flags_the_four_museum_law_museums(reference_data):
    museums = Organization.objects.filter(is_museum_law=True)
    assert set(museums.values_list("acronym", flat=True)) == {"MAC", "MCQ", "MNBAQ", "MBAM"}


def test_it_writes_official_names_with_the_typographic_apostrophe(reference_data):
    assert Organization.objects.get(acronym="MAC").name == "Musée d’art contemporain de Montréal"
    assert not Organization.objects.filter(name__contains="'").exists()


def test_it_loads_the_current_plan_over_six_fiscal_years_from_2022_2023(reference_data):
    plan = Plan.objects.get()
    assert (plan.name, plan.first_fiscal_year, plan.years, plan.is_current) == (
        "PTN 2023-2027",
        2022,
        6,
        True,
    )
    assert plan.window_label == "2022-2023 – 2027-2028"


def test_it_loads_the_three_ambitions_with_their_descriptors(reference_data):
    ambitions = list(Ambition.objects.all())
    assert [a.number for a in ambitions] == [1, 2, 3]
    assert ambitions[0].title == "Expérience clients, citoyens, partenaires, visiteurs"
    assert ambitions[0].descriptor_list == [
        "Client",
        "Citoyen",
        "Partenaire/prestataire",
        "Visiteur",
    ]
    assert ambitions[1].title == "Les employés sont au cœur de la transformation"
    assert "Attirer des talents" in ambitions[1].descriptor_list
    assert ambitions[2].title == "Performance organisationnelle"
    assert "Améliorer la collaboration en brisant les silos" in ambitions[2].descriptor_list
    assert all(a.short_title and a.description for a in ambitions)


def test_it_loads_four_mutualisation_levels_ranked_from_the_lightest(reference_data):
    levels = list(MutualisationLevel.objects.all())
    assert [level.rank for level in levels] == [1, 2, 3, 4]
    assert levels[0].name == "Partage de connaissances et de pratiques"
    assert levels[3].name == "Service commun"
    assert all(level.description for level in levels)


def test_it_loads_the_seed_themes_under_their_parents(reference_data):
    names = {theme.full_name for theme in Theme.objects.select_related("parent")}
    assert {AID, JOURNEY, SECURITY} <= names


def test_it_loads_about_six_themes_with_two_to_four_sub_themes_each(reference_data):
    top_level = Theme.objects.filter(parent__isnull=True)
    assert 5 <= top_level.count() <= 7
    for theme in top_level:
        assert 2 <= theme.children.count() <= 4, theme.name


def test_it_loads_the_three_mcc_orientations_with_their_text_repaired(reference_data):
    orientations = list(Orientation.objects.filter(organization__acronym="MCC"))
    assert [o.number for o in orientations] == [1, 2, 3]
    assert orientations[0].title == (
        "Faire découvrir la culture québécoise francophone, particulièrement aux jeunes, et en "
        "accroître l’accessibilité et la diffusion au Québec, au Canada et à l’international."
    )
    assert orientations[1].title == (
        "Faire rayonner davantage le contenu québécois dans l’environnement numérique."
    )
    assert orientations[2].title.startswith("Favoriser l’innovation et l’accélération")
    assert not any(o.is_demo for o in orientations)


def test_it_loads_the_data_and_ai_tags_and_the_five_simplification_topics(reference_data):
    assert Tag.objects.get(category=TagCategory.DATA).name == "Valorisation des données"
    assert Tag.objects.get(category=TagCategory.AI).name == "Intelligence artificielle"
    assert set(
        Tag.objects.filter(category=TagCategory.SIMPLIFICATION).values_list("name", flat=True)
    ) == {
        "Personnalisation de l’expérience de visiteur",
        "Valorisation des collections et du patrimoine culturel",
        "Découvrabilité des contenus culturels",
        "Amélioration du parcours client pour l’aide financière",
        "Renforcement de l’offre d’enseignement en ligne",
    }


def test_it_loads_the_two_programmes_led_by_mcc(reference_data):
    programmes = Programme.objects.select_related("lead_organization")
    assert {(p.name, p.lead_organization.acronym, p.is_demo) for p in programmes} == {
        (PCN, "MCC", False),
        (GIA, "MCC", False),
    }


@pytest.mark.parametrize(
    ("code", "title", "status", "orientation", "theme", "ambition", "programme", "phase"),
    SEED_ROWS,
)
def test_it_loads_each_seed_initiative_verbatim(
    reference_data, code, title, status, orientation, theme, ambition, programme, phase
):
    initiative = Initiative.objects.get(code=code)
    assert initiative.title == title
    assert initiative.status == status
    assert initiative.lead_organization.acronym == "MCC"
    assert initiative.orientation.number == orientation
    assert initiative.theme.full_name == theme
    assert initiative.ambition.number == ambition
    assert getattr(initiative.programme, "name", None) == programme
    assert initiative.phase == phase


def test_the_seed_initiatives_are_3pgtn_with_estimated_schedules_and_not_demo(reference_data):
    initiatives = Initiative.objects.all()
    assert initiatives.count() == 7
    assert all(i.is_3pgtn and i.schedule_is_estimated and not i.is_demo for i in initiatives)
    assert not initiatives.mutualised().exists()


def test_the_seed_schedules_agree_with_their_status_as_of_june_2024(reference_data):
    assert_schedules_agree_with_statuses(Initiative.objects.all())


def test_every_seed_initiative_passes_the_model_rules(reference_data):
    assert_every_initiative_passes_the_model_rules(Initiative.objects.all())


def test_it_writes_one_creation_record_by_no_user_for_each_seed_initiative(reference_data):
    records = Initiative.history.all()
    assert records.count() == 7
    assert {record.history_type for record in records} == {"+"}
    assert {record.history_user_id for record in records} == {None}
    assert {record.history_change_reason for record in records} == {
        "Chargement des données de référence"
    }


def test_it_tags_the_financial_aid_redesign_with_its_simplification_topic(reference_data):
    initiative = Initiative.objects.get(code="MCC-001")
    assert [tag.slug for tag in initiative.tags.all()] == ["parcours-aide-financiere"]
    recorded = initiative.history.get().tags.select_related("tag")
    assert [row.tag.slug for row in recorded] == ["parcours-aide-financiere"]


def test_it_creates_the_three_role_groups(reference_data):
    assert set(Group.objects.values_list("name", flat=True)) >= {COORDINATOR, OFFICER, READER}
    assert Group.objects.get(name=OFFICER).permissions.filter(codename="add_initiative").exists()


def test_a_second_run_changes_nothing(reference_data):
    before = counts()
    output = load_reference_data()
    assert counts() == before
    assert "0 objet(s) créé(s), 0 initiative(s) inscrite(s) à l’historique" in output


def test_a_second_run_keeps_what_a_coordinator_changed(reference_data):
    initiative = Initiative.objects.get(code="MCC-003")
    initiative_update(user=SYSTEM, initiative=initiative, data={"status": Status.IN_PROGRESS})
    MutualisationLevel.objects.filter(rank=4).update(name="Centre d’expertise commun")
    load_reference_data()
    assert Initiative.objects.get(code="MCC-003").status == Status.IN_PROGRESS
    assert MutualisationLevel.objects.get(rank=4).name == "Centre d’expertise commun"
    assert Initiative.history.count() == 8


def test_the_fixtures_load_with_loaddata_on_an_empty_database_twice(db):
    paths = [str(FIXTURES / "reference.json"), str(FIXTURES / "seed_initiatives.json")]
    call_command("loaddata", *paths, stdout=io.StringIO())
    first = counts()
    call_command("loaddata", *paths, stdout=io.StringIO())
    assert counts() == first
    assert (first["Organization"], first["Ambition"], first["initiatives"]) == (12, 3, 7)


def test_it_prints_nothing_at_verbosity_zero(db):
    out = io.StringIO()
    call_command("load_reference_data", verbosity=0, stdout=out)
    assert out.getvalue() == ""
    assert Initiative.objects.count() == 7


def test_rows_added_after_loading_take_fresh_keys(reference_data):
    # On PostgreSQL, the sequences must have moved past the fixtures' explicit keys.
    theme = Theme.objects.create(name="Nouveau thème")
    organization = Organization.objects.create(
        acronym="NOUV", name="Nouvelle organisation", kind=OrganizationKind.STATE_CORPORATION
    )
    assert theme.pk > 25
    assert organization.pk > 12
