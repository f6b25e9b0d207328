"""The rules of domain.md, refused by the model (full_clean) and by the database."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from initiatives.choices import Status
from initiatives.fiscal import FiscalQuarter
from initiatives.models import Initiative
from tests.factories import (
    InitiativeFactory,
    MutualisationLevelFactory,
    ObjectiveFactory,
    OrientationFactory,
    ProgrammeFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db


def errors_of(initiative, partners=None):
    with pytest.raises(ValidationError) as error:
        initiative.full_clean()
        if partners is not None:
            initiative.clean_partners(partners)
    return error.value.message_dict


def refused_by_database(initiative):
    with pytest.raises(IntegrityError), transaction.atomic():
        initiative.save()
    return True


class TestOrientation:
    def test_it_refuses_an_orientation_of_another_organisation(self, mcc_initiative, banq):
        mcc_initiative.orientation = OrientationFactory(organization=banq, number=1)
        errors = errors_of(mcc_initiative)
        assert "organisation responsable" in errors["orientation"][0]

    def test_it_accepts_an_orientation_of_the_lead_organisation(self, mcc_initiative, mcc):
        mcc_initiative.orientation = OrientationFactory(organization=mcc, number=1)
        mcc_initiative.full_clean()

    def test_it_refuses_an_objective_outside_the_chosen_orientation(self, mcc_initiative, mcc):
        mcc_initiative.orientation = OrientationFactory(organization=mcc, number=1)
        other = OrientationFactory(organization=mcc, number=2)
        mcc_initiative.objective = ObjectiveFactory(orientation=other)
        assert "orientation choisie" in errors_of(mcc_initiative)["objective"][0]

    def test_the_database_refuses_an_objective_without_orientation(self, mcc_initiative, mcc):
        mcc_initiative.objective = ObjectiveFactory(
            orientation=OrientationFactory(organization=mcc)
        )
        mcc_initiative.orientation = None
        assert refused_by_database(mcc_initiative)


class TestSchedule:
    def test_it_refuses_an_end_quarter_before_the_start_quarter(self, mcc_initiative):
        mcc_initiative.start_quarter = FiscalQuarter(2024, 3)
        mcc_initiative.end_quarter = FiscalQuarter(2024, 2)
        message = errors_of(mcc_initiative)["end_quarter"][0]
        assert message == (
            "Le trimestre de fin (2024-2025 T2) ne peut pas précéder le trimestre de début (2024-2025 T3)."
        )

    def test_the_database_refuses_an_end_quarter_before_the_start_quarter(self, mcc_initiative):
        mcc_initiative.start_quarter = FiscalQuarter(2024, 3)
        mcc_initiative.end_quarter = FiscalQuarter(2024, 2)
        assert refused_by_database(mcc_initiative)

    @pytest.mark.parametrize(
        ("field", "quarter"),
        [("start_quarter", FiscalQuarter(2021, 4)), ("end_quarter", FiscalQuarter(2028, 1))],
    )
    def test_it_refuses_a_quarter_outside_the_plan_window(self, mcc_initiative, field, quarter):
        setattr(mcc_initiative, field, quarter)
        if field == "start_quarter":
            mcc_initiative.end_quarter = FiscalQuarter(2022, 2)
        message = errors_of(mcc_initiative)[field][0]
        assert "hors de la fenêtre du plan (2022-2023 T1 à 2027-2028 T4)" in message

    def test_it_accepts_the_first_and_last_quarters_of_the_window(self, mcc_initiative):
        mcc_initiative.start_quarter = FiscalQuarter(2022, 1)
        mcc_initiative.end_quarter = FiscalQuarter(2027, 4)
        mcc_initiative.full_clean()

    def test_it_refuses_a_start_without_an_end(self, mcc_initiative):
        mcc_initiative.end_quarter = None
        assert "à la fois" in errors_of(mcc_initiative)["end_quarter"][0]

    def test_the_database_refuses_a_start_without_an_end(self, mcc_initiative):
        mcc_initiative.end_quarter = None
        assert refused_by_database(mcc_initiative)

    def test_a_quarter_is_stored_as_a_comparable_integer(self, mcc_initiative):
        found = Initiative.objects.filter(start_quarter__lte=FiscalQuarter(2023, 2)).get()
        assert found.start_quarter == FiscalQuarter(2023, 2)
        assert found.schedule_label == "2023-2024 T2 à 2025-2026 T1"


class TestMutualisation:
    def test_it_refuses_a_level_without_partner(self, mcc_initiative):
        mcc_initiative.mutualisation_level = MutualisationLevelFactory(rank=2)
        message = errors_of(mcc_initiative, partners=[])["partners"][0]
        assert (
            message == "Une initiative mutualisée doit avoir au moins une organisation partenaire."
        )

    def test_it_refuses_the_lead_as_its_own_partner(self, mcc_initiative, mcc):
        mcc_initiative.mutualisation_level = MutualisationLevelFactory(rank=2)
        assert "aussi partenaire" in errors_of(mcc_initiative, partners=[mcc])["partners"][0]

    def test_it_refuses_partners_without_a_level(self, mcc_initiative, banq):
        errors = errors_of(mcc_initiative, partners=[banq])
        assert "niveau de mutualisation" in errors["mutualisation_level"][0]

    def test_it_accepts_a_level_with_a_partner_other_than_the_lead(self, mcc_initiative, banq):
        mcc_initiative.mutualisation_level = MutualisationLevelFactory(rank=2)
        mcc_initiative.full_clean()
        mcc_initiative.clean_partners([banq])


class TestProgrammeAndStatus:
    def test_the_database_refuses_a_phase_without_a_programme(self, mcc_initiative):
        mcc_initiative.phase = 2
        assert refused_by_database(mcc_initiative)

    def test_the_database_refuses_two_initiatives_for_the_same_phase(self, mcc_initiative, mcc):
        programme = ProgrammeFactory(lead_organization=mcc)
        InitiativeFactory(programme=programme, phase=1, lead_organization=mcc)
        mcc_initiative.programme, mcc_initiative.phase = programme, 1
        assert errors_of(mcc_initiative)["__all__"] == [
            "Ce programme a déjà une initiative pour cette phase."
        ]
        assert refused_by_database(mcc_initiative)

    def test_the_database_refuses_an_unknown_status(self, mcc_initiative):
        mcc_initiative.status = "perdu"
        assert refused_by_database(mcc_initiative)

    def test_a_sub_theme_cannot_have_sub_themes(self):
        child = ThemeFactory(name="Sécurité", parent=ThemeFactory(name="Services communs"))
        grandchild = ThemeFactory.build(name="Trop profond", parent=child)
        with pytest.raises(ValidationError):
            grandchild.full_clean()
        assert str(child) == "Services communs - Sécurité"


class TestConsistencyFlags:
    now = FiscalQuarter(2024, 1)

    @pytest.mark.parametrize(
        ("status", "start", "end", "flagged"),
        [
            (Status.DONE, FiscalQuarter(2023, 1), FiscalQuarter(2025, 1), True),
            (Status.DONE, FiscalQuarter(2023, 1), FiscalQuarter(2023, 4), False),
            (Status.NOT_STARTED, FiscalQuarter(2023, 1), FiscalQuarter(2025, 1), True),
            (Status.NOT_STARTED, FiscalQuarter(2024, 2), FiscalQuarter(2025, 1), False),
            (Status.IN_PROGRESS, FiscalQuarter(2022, 1), FiscalQuarter(2023, 3), True),
            (Status.IN_PROGRESS, FiscalQuarter(2022, 1), FiscalQuarter(2024, 1), False),
        ],
    )
    def test_a_status_that_contradicts_the_schedule_is_allowed_but_flagged(
        self, mcc_initiative, status, start, end, flagged
    ):
        mcc_initiative.status, mcc_initiative.start_quarter, mcc_initiative.end_quarter = (
            status,
            start,
            end,
        )
        mcc_initiative.full_clean()
        assert bool(mcc_initiative.consistency_warnings(self.now)) is flagged
