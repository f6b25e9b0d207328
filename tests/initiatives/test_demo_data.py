"""The demonstration portfolio looks like the real thing, is labelled, and loads once.

The portfolio is built once for the module, without the demonstration accounts,
inside a transaction rolled back at the end; each test runs in a savepoint of it.
"""

import io
import re
from collections import Counter

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

from initiatives.choices import OrganizationKind, Status, TagCategory
from initiatives.demo_accounts import DEMO_ACCOUNTS
from initiatives.demo_builder import build_portfolio, code_prefix
from initiatives.models import (
    Ambition,
    Initiative,
    Membership,
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
from tests.initiatives.test_reference_data import (
    assert_every_initiative_passes_the_model_rules,
    assert_schedules_agree_with_statuses,
)

DEMO_USERNAMES = [username for username, _role, _acronym in DEMO_ACCOUNTS]


def load_demo_data() -> str:
    out = io.StringIO()
    call_command("load_demo_data", stdout=out)
    return out.getvalue()


@pytest.fixture(scope="module")
def demo_output(django_db_setup, django_db_blocker):
    with (
        django_db_blocker.unblock(),
        override_settings(PTN_DEMO_ACCOUNTS_ALLOWED=False),
        transaction.atomic(),
    ):
        yield load_demo_data()
        transaction.set_rollback(True)


@pytest.fixture
def portfolio(demo_output, db):
    return Initiative.objects.select_related("lead_organization", "plan", "theme__parent")


def snapshot() -> dict:
    return {
        "initiatives": Initiative.objects.count(),
        "history": Initiative.history.count(),
        "orientations": Orientation.objects.count(),
        "programmes": Programme.objects.count(),
        "users": get_user_model().objects.count(),
    }


def test_it_builds_about_two_hundred_initiatives_including_the_seven_seed_ones(portfolio):
    assert 190 <= portfolio.count() <= 210
    seed = portfolio.filter(is_demo=False)
    assert sorted(seed.values_list("code", flat=True)) == [f"MCC-00{n}" for n in range(1, 8)]


def test_about_ninety_are_mutualised_with_a_level_and_one_to_four_partners(portfolio):
    mutualised = portfolio.mutualised().prefetch_related("partners")
    assert 80 <= mutualised.count() <= 100
    for initiative in mutualised:
        partners = list(initiative.partners.all())
        assert 1 <= len(partners) <= 4, initiative.code
        assert initiative.lead_organization not in partners, initiative.code
    assert not portfolio.filter(mutualisation_level__isnull=True, partners__isnull=False).exists()


def test_the_museum_law_museums_mostly_share_with_one_another(portfolio):
    led_by_museums = portfolio.mutualised().filter(lead_organization__is_museum_law=True)
    with_a_museum = led_by_museums.filter(partners__is_museum_law=True).distinct()
    assert with_a_museum.count() >= led_by_museums.count() / 2


def test_every_organization_leads_initiatives_and_mcc_leads_the_most(portfolio):
    per_org = Counter(portfolio.values_list("lead_organization__acronym", flat=True))
    assert set(per_org) == set(Organization.objects.values_list("acronym", flat=True))
    assert per_org.most_common(1)[0][0] == "MCC"


def test_every_status_ambition_and_theme_is_represented(portfolio):
    assert set(portfolio.values_list("status", flat=True)) == set(Status.values)
    assert set(portfolio.values_list("ambition", flat=True)) == set(
        Ambition.objects.values_list("pk", flat=True)
    )
    used = set(portfolio.values_list("theme", flat=True))
    assert set(Theme.objects.filter(parent__isnull=False).values_list("pk", flat=True)) == used


def test_every_fiscal_year_of_the_plan_sees_initiatives_start(portfolio):
    starts = {initiative.start_quarter.fiscal_year for initiative in portfolio}
    assert starts == set(Plan.objects.get().fiscal_years)


def test_schedules_agree_with_statuses_as_of_june_2024(portfolio):
    assert_schedules_agree_with_statuses(portfolio)


def test_every_initiative_passes_the_model_rules(portfolio):
    assert_every_initiative_passes_the_model_rules(portfolio)


def test_every_demo_initiative_is_labelled_and_coded_by_its_organization(portfolio):
    for initiative in portfolio.filter(is_demo=True):
        match = re.fullmatch(r"DEMO-([A-Z0-9]+)-\d{3}", initiative.code)
        assert match, initiative.code
        assert match.group(1) == code_prefix(initiative.lead_organization.acronym)


def test_titles_are_plain_french_and_unique_within_an_organization(portfolio):
    titles = list(portfolio.values_list("lead_organization__acronym", "title"))
    assert len(set(titles)) == len(titles)
    for _acronym, title in titles:
        assert title and title[0].isupper(), title
        assert not re.search(r"[{}]|lorem|ipsum", title, re.IGNORECASE), title


def test_demo_initiatives_carry_benefits_contacts_and_tags(portfolio):
    demo = portfolio.filter(is_demo=True).prefetch_related("tags")
    amounts = [i.financial_benefit for i in demo]
    assert None in amounts
    assert all(amount % 1000 == 0 for amount in amounts if amount is not None)
    assert all(i.service_benefit and i.contact_name for i in demo)
    assert all(i.contact_email.endswith(".example") for i in demo)
    used_tags = {tag for initiative in demo for tag in initiative.tags.all()}
    assert used_tags == set(Tag.objects.all())


def test_initiatives_on_ai_and_financial_aid_carry_the_matching_tag(portfolio):
    on_ai = portfolio.filter(theme__name="Intelligence artificielle")
    assert on_ai.exists()
    assert not on_ai.exclude(tags__category=TagCategory.AI).exists()
    on_aid = portfolio.filter(theme__name="Aide financière")
    assert on_aid.exists()
    assert not on_aid.exclude(tags__slug="parcours-aide-financiere").exists()


def test_state_corporations_have_two_or_three_demo_orientations(portfolio):
    for organization in Organization.objects.all():
        demo = organization.orientations.filter(is_demo=True).count()
        if organization.kind == OrganizationKind.MINISTRY:
            assert demo == 0
        else:
            assert 2 <= demo <= 3, organization.acronym


def test_demo_programmes_group_numbered_phases(portfolio):
    programmes = Programme.objects.filter(is_demo=True)
    assert programmes.count() >= 3
    for programme in programmes:
        phases = list(programme.phases.order_by("phase"))
        assert [i.phase for i in phases] == list(range(1, len(phases) + 1))
        assert all(i.lead_organization_id == programme.lead_organization_id for i in phases)
        assert all(i.title == f"{programme.name} - phase {i.phase}" for i in phases)


def test_each_demo_initiative_has_one_creation_record_by_no_user(portfolio):
    records = Initiative.history.filter(is_demo=True)
    assert records.count() == portfolio.filter(is_demo=True).count()
    assert {(r.history_type, r.history_user_id) for r in records} == {("+", None)}
    assert {r.history_change_reason for r in records} == {"Chargement des données de démonstration"}


def test_the_portfolio_is_the_same_for_the_same_seed():
    assert build_portfolio() == build_portfolio()
    assert build_portfolio(seed=1) != build_portfolio()


def test_it_reports_what_it_created_in_french(demo_output):
    assert "Données de démonstration" in demo_output
    assert "initiative(s) créée(s)" in demo_output


def test_a_second_run_changes_nothing(portfolio):
    before = snapshot()
    output = load_demo_data()
    assert snapshot() == before
    assert "Données de démonstration\u00a0: 0 initiative(s) créée(s)" in output


def test_a_second_run_keeps_what_users_changed(portfolio):
    initiative = portfolio.filter(is_demo=True).first()
    initiative_update(user=SYSTEM, initiative=initiative, data={"title": "Titre révisé"})
    load_demo_data()
    initiative.refresh_from_db()
    assert initiative.title == "Titre révisé"


def test_a_deleted_demo_initiative_comes_back_on_the_next_run(portfolio):
    code = portfolio.filter(is_demo=True, programme__isnull=True).last().code
    Initiative.objects.filter(code=code).delete()
    load_demo_data()
    assert Initiative.objects.filter(code=code).exists()


def test_it_creates_no_demo_accounts_when_they_are_not_allowed(portfolio, settings):
    settings.PTN_DEMO_ACCOUNTS_ALLOWED = False
    output = load_demo_data()
    assert not get_user_model().objects.filter(username__in=DEMO_USERNAMES).exists()
    assert "PTN_DEMO_ACCOUNTS_ALLOWED" in output


def test_it_creates_the_demo_accounts_with_their_roles(portfolio, settings):
    settings.PTN_DEMO_ACCOUNTS_ALLOWED = True
    load_demo_data()
    users = {
        user.username: user for user in get_user_model().objects.filter(username__in=DEMO_USERNAMES)
    }
    assert set(users) == set(DEMO_USERNAMES)
    expected = {
        "coordination": (COORDINATOR, set()),
        "agent.mcc": (OFFICER, {"MCC"}),
        "agent.banq": (OFFICER, {"BAnQ"}),
        "gestion": (READER, set()),
        "analyse": (READER, set()),
    }
    for username, (group, acronyms) in expected.items():
        user = users[username]
        assert list(user.groups.values_list("name", flat=True)) == [group]
        memberships = Membership.objects.filter(user=user)
        assert set(memberships.values_list("organization__acronym", flat=True)) == acronyms
        assert user.check_password("demo")


def test_the_demo_accounts_are_created_once(portfolio, settings):
    settings.PTN_DEMO_ACCOUNTS_ALLOWED = True
    load_demo_data()
    before = snapshot()
    output = load_demo_data()
    assert snapshot() == before
    assert "déjà présents" in output
