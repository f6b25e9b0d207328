"""Every write goes through the initiative services: permission, validation, history."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from initiatives.choices import Status
from initiatives.fiscal import FiscalQuarter
from initiatives.models import Initiative
from initiatives.permissions import SYSTEM
from initiatives.services import (
    InitiativeConflict,
    initiative_archive,
    initiative_create,
    initiative_update,
)
from tests.factories import InitiativeFactory, MutualisationLevelFactory, TagFactory

pytestmark = pytest.mark.django_db


def new_initiative_data(organization, ambition, **overrides):
    return {
        "code": "MCC-100",
        "title": "Plateforme de données clients",
        "lead_organization": organization,
        "ambition": ambition,
        "status": Status.NOT_STARTED,
        "start_quarter": FiscalQuarter(2024, 2),
        "end_quarter": FiscalQuarter(2025, 4),
        **overrides,
    }


class TestCreate:
    def test_an_officer_creates_an_initiative_of_their_organisation_with_one_history_record(
        self, mcc_officer, mcc, ambition, plan
    ):
        initiative = initiative_create(user=mcc_officer, data=new_initiative_data(mcc, ambition))
        assert initiative.plan == plan
        [record] = initiative.history.all()
        assert (record.history_type, record.history_user) == ("+", mcc_officer)

    def test_it_refuses_an_officer_creating_for_another_organisation(
        self, banq_officer, mcc, ambition, plan
    ):
        with pytest.raises(PermissionDenied):
            initiative_create(user=banq_officer, data=new_initiative_data(mcc, ambition))
        assert not Initiative.objects.exists()

    def test_it_refuses_a_reader(self, manager, mcc, ambition, plan):
        with pytest.raises(PermissionDenied):
            initiative_create(user=manager, data=new_initiative_data(mcc, ambition))

    def test_a_mutualised_initiative_keeps_its_partners_in_the_same_history_record(
        self, coordinator, mcc, banq, ambition, plan
    ):
        data = new_initiative_data(
            mcc,
            ambition,
            mutualisation_level=MutualisationLevelFactory(rank=3),
            partners=[banq],
            tags=[TagFactory(slug="donnees")],
        )
        initiative = initiative_create(user=coordinator, data=data)
        [record] = initiative.history.all()
        assert [p.organization for p in record.partners.all()] == [banq]
        assert list(initiative.partners.all()) == [banq]

    def test_it_refuses_a_mutualised_initiative_without_partner_and_saves_nothing(
        self, coordinator, mcc, ambition, plan
    ):
        data = new_initiative_data(
            mcc, ambition, mutualisation_level=MutualisationLevelFactory(rank=3)
        )
        with pytest.raises(ValidationError) as error:
            initiative_create(user=coordinator, data=data)
        assert "partners" in error.value.message_dict
        assert not Initiative.objects.exists()

    def test_it_reports_every_broken_rule_at_once(self, coordinator, mcc, ambition, plan):
        data = new_initiative_data(
            mcc,
            ambition,
            end_quarter=FiscalQuarter(2023, 1),
            mutualisation_level=MutualisationLevelFactory(rank=3),
        )
        with pytest.raises(ValidationError) as error:
            initiative_create(user=coordinator, data=data)
        assert {"end_quarter", "partners"} <= set(error.value.message_dict)

    def test_the_system_loads_data_with_no_user_in_history(self, mcc, ambition, plan):
        initiative = initiative_create(user=SYSTEM, data=new_initiative_data(mcc, ambition))
        assert initiative.history.get().history_user is None


class TestUpdate:
    def test_an_officer_updates_their_initiative_and_history_names_them_and_the_field(
        self, mcc_officer, mcc_initiative
    ):
        initiative_update(user=mcc_officer, initiative=mcc_initiative, data={"status": Status.DONE})
        mcc_initiative.refresh_from_db()
        assert mcc_initiative.status == Status.DONE
        assert mcc_initiative.version == 2
        latest = mcc_initiative.history.latest()
        assert latest.history_user == mcc_officer
        assert [
            c.field for c in latest.diff_against(latest.prev_record).changes if c.field != "version"
        ] == ["status"]

    def test_it_refuses_an_officer_of_another_organisation(self, banq_officer, mcc_initiative):
        with pytest.raises(PermissionDenied):
            initiative_update(
                user=banq_officer, initiative=mcc_initiative, data={"title": "Piraté"}
            )
        mcc_initiative.refresh_from_db()
        assert mcc_initiative.title == "Refonte des services en ligne"

    def test_it_refuses_an_officer_moving_the_initiative_to_another_lead(
        self, mcc_officer, mcc_initiative, banq
    ):
        with pytest.raises(PermissionDenied):
            initiative_update(
                user=mcc_officer, initiative=mcc_initiative, data={"lead_organization": banq}
            )
        mcc_initiative.refresh_from_db()
        assert mcc_initiative.lead_organization.acronym == "MCC"

    def test_a_coordinator_may_move_an_initiative_to_another_lead(
        self, coordinator, mcc_initiative, banq
    ):
        initiative_update(
            user=coordinator, initiative=mcc_initiative, data={"lead_organization": banq}
        )
        mcc_initiative.refresh_from_db()
        assert mcc_initiative.lead_organization == banq

    def test_an_update_that_changes_nothing_writes_nothing(self, mcc_officer, mcc_initiative):
        history_before = mcc_initiative.history.count()
        initiative_update(
            user=mcc_officer,
            initiative=mcc_initiative,
            data={"title": mcc_initiative.title, "partners": [], "tags": []},
        )
        mcc_initiative.refresh_from_db()
        assert (mcc_initiative.version, mcc_initiative.history.count()) == (1, history_before)

    def test_a_stale_version_is_refused_and_the_other_change_stands(
        self, mcc_officer, coordinator, mcc_initiative
    ):
        initiative_update(
            user=coordinator,
            initiative=mcc_initiative,
            data={"title": "Titre du coordonnateur"},
            expected_version=1,
        )
        with pytest.raises(InitiativeConflict) as conflict:
            initiative_update(
                user=mcc_officer,
                initiative=mcc_initiative,
                data={"title": "Titre de l’agent"},
                expected_version=1,
            )
        assert conflict.value.changed_fields == ["title"]
        mcc_initiative.refresh_from_db()
        assert mcc_initiative.title == "Titre du coordonnateur"

    def test_an_invalid_update_saves_nothing(self, mcc_officer, mcc_initiative):
        with pytest.raises(ValidationError):
            initiative_update(
                user=mcc_officer,
                initiative=mcc_initiative,
                data={"end_quarter": FiscalQuarter(2022, 1)},
            )
        mcc_initiative.refresh_from_db()
        assert (mcc_initiative.end_quarter, mcc_initiative.version) == (FiscalQuarter(2025, 1), 1)


class TestArchive:
    def test_a_coordinator_archives_and_the_initiative_leaves_the_active_list(
        self, coordinator, mcc_initiative
    ):
        initiative_archive(user=coordinator, initiative=mcc_initiative)
        assert not Initiative.objects.active().exists()
        assert mcc_initiative.history.latest().history_change_reason == "Archivage"

    def test_an_officer_cannot_archive(self, mcc_officer, mcc_initiative):
        with pytest.raises(PermissionDenied):
            initiative_archive(user=mcc_officer, initiative=mcc_initiative)

    def test_archiving_twice_writes_one_record(self, coordinator, mcc_initiative):
        initiative_archive(user=coordinator, initiative=mcc_initiative)
        initiative_archive(user=coordinator, initiative=mcc_initiative)
        assert mcc_initiative.history.filter(history_change_reason="Archivage").count() == 1


def test_factories_build_initiatives_the_services_accept(coordinator, mcc_initiative):
    other = InitiativeFactory(lead_organization=mcc_initiative.lead_organization)
    initiative_update(user=coordinator, initiative=other, data={"title": "Nouveau titre"})
