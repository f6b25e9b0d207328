"""Who may read and change which initiative: roles from groups, scope from memberships."""

import pytest

from initiatives import permissions
from initiatives.selectors import initiatives_editable_by, initiatives_visible_to
from tests.factories import InitiativeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def banq_initiative(plan, banq, ambition):
    return InitiativeFactory(code="BANQ-1", lead_organization=banq, plan=plan, ambition=ambition)


@pytest.mark.parametrize(
    ("persona", "may_edit_mcc", "may_edit_banq"),
    [
        ("coordinator", True, True),
        ("mcc_officer", True, False),
        ("banq_officer", False, True),
        ("manager", False, False),
        ("outsider", False, False),
    ],
)
def test_each_role_edits_exactly_its_organisations(
    request, persona, may_edit_mcc, may_edit_banq, mcc_initiative, banq_initiative
):
    user = request.getfixturevalue(persona)
    assert permissions.can_edit(user, mcc_initiative) is may_edit_mcc
    assert permissions.can_edit(user, banq_initiative) is may_edit_banq
    editable = set(initiatives_editable_by(user).values_list("code", flat=True))
    assert editable == {
        code for code, ok in (("MCC-900", may_edit_mcc), ("BANQ-1", may_edit_banq)) if ok
    }


@pytest.mark.parametrize("persona", ["coordinator", "mcc_officer", "banq_officer", "manager"])
def test_every_role_reads_the_whole_portfolio(request, persona, mcc_initiative, banq_initiative):
    user = request.getfixturevalue(persona)
    assert initiatives_visible_to(user).count() == 2


def test_a_user_without_role_reads_nothing(outsider, mcc_initiative):
    assert not initiatives_visible_to(outsider).exists()


def test_an_inactive_officer_edits_nothing(mcc_officer, mcc_initiative):
    mcc_officer.is_active = False
    assert not permissions.can_edit(mcc_officer, mcc_initiative)


def test_only_coordinators_archive(coordinator, mcc_officer, mcc_initiative):
    assert permissions.can_archive(coordinator, mcc_initiative)
    assert not permissions.can_archive(mcc_officer, mcc_initiative)


def test_an_officer_without_membership_cannot_create(roles):
    from initiatives.roles import OFFICER
    from tests.factories import UserFactory

    lonely = UserFactory(username="agent.sans.organisation", groups=[roles[OFFICER]])
    assert not permissions.can_create(lonely)
