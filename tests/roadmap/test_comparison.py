"""Comparing two states of the plan: what was added, removed, slipped, advanced or changed status."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from initiatives.choices import Status
from initiatives.filtersets import InitiativeFilterSet
from initiatives.fiscal import FiscalQuarter
from initiatives.models import Initiative
from initiatives.permissions import SYSTEM
from initiatives.services import initiative_archive
from roadmap.choices import ChangeKind
from roadmap.comparison import IncomparableStates, compare
from roadmap.selectors_versions import baseline_schedules
from roadmap.services import plan_version_publish
from tests.factories import InitiativeFactory, PlanFactory

Q = FiscalQuarter


def publish(plan, name):
    return plan_version_publish(
        user=SYSTEM, plan=plan, name=name, published_on=datetime.date(2024, 6, 15)
    )


def move(code, **changes):
    """Change an initiative behind the services' back: history is not the point here."""
    Initiative.objects.filter(code=code).update(**changes)


def rows_by_code(comparison):
    return {row.code: row for row in comparison.rows}


def only(**filters):
    """Return the roadmap's filters applied to every initiative, archived ones included."""
    return InitiativeFilterSet(filters, queryset=Initiative.objects.all()).qs


@pytest.fixture
def portfolio(plan, mcc, banq, ambition):
    """Four MCC and two BAnQ initiatives, in progress from 2023 T2 to 2025 T1."""
    for code in ("MCC-1", "MCC-2", "MCC-3", "MCC-4"):
        InitiativeFactory(code=code, plan=plan, lead_organization=mcc, ambition=ambition)
    for code in ("BANQ-1", "BANQ-2"):
        InitiativeFactory(code=code, plan=plan, lead_organization=banq, ambition=ambition)
    return Initiative.objects.all()


@pytest.fixture
def version(plan, portfolio):
    return publish(plan, "Mise à jour de juin 2024")


def test_nothing_changed_right_after_publishing(version):
    comparison = compare(version, None)

    assert comparison.rows == []
    assert comparison.unchanged == 6


def test_it_finds_an_initiative_added_since_the_version(version, plan, mcc, ambition):
    InitiativeFactory(code="MCC-9", plan=plan, lead_organization=mcc, ambition=ambition)

    row = rows_by_code(compare(version, None))["MCC-9"]

    assert row.kinds == [ChangeKind.ADDED]
    assert row.before is None and row.after.code == "MCC-9"


def test_an_archived_initiative_is_removed(version):
    initiative_archive(user=SYSTEM, initiative=Initiative.objects.get(code="BANQ-2"))

    row = rows_by_code(compare(version, None))["BANQ-2"]

    assert row.kinds == [ChangeKind.REMOVED]
    assert row.after is None and row.shown.title == row.before.title


def test_a_later_end_is_a_slip_by_so_many_quarters(version):
    move("MCC-1", end_quarter=Q(2025, 3))

    row = rows_by_code(compare(version, None))["MCC-1"]

    assert row.kinds == [ChangeKind.SLIPPED]
    assert (row.end_shift, row.start_shift) == (2, 0)
    assert row.end_shift_label == "+2 trimestres"
    assert (row.before.end, row.after.end) == (Q(2025, 1), Q(2025, 3))


def test_a_slip_reports_the_start_shift_too(version):
    move("MCC-1", start_quarter=Q(2023, 3), end_quarter=Q(2025, 2))

    row = rows_by_code(compare(version, None))["MCC-1"]

    assert (row.end_shift_label, row.start_shift_label) == ("+1 trimestre", "+1 trimestre")


def test_an_earlier_end_is_an_advance(version):
    move("MCC-2", end_quarter=Q(2024, 4))

    row = rows_by_code(compare(version, None))["MCC-2"]

    assert row.kinds == [ChangeKind.ADVANCED]
    assert row.end_shift == -1
    assert row.end_shift_label == "\u22121 trimestre"


def test_a_start_moved_alone_counts_by_its_direction(version):
    move("MCC-1", start_quarter=Q(2023, 4))
    move("MCC-2", start_quarter=Q(2023, 1))

    rows = rows_by_code(compare(version, None))

    assert rows["MCC-1"].kinds == [ChangeKind.SLIPPED]
    assert rows["MCC-2"].kinds == [ChangeKind.ADVANCED]
    assert rows["MCC-1"].end_shift == 0 and rows["MCC-1"].start_shift == 2


def test_a_schedule_set_or_removed_is_rescheduled(version):
    move("MCC-3", start_quarter=None, end_quarter=None)

    row = rows_by_code(compare(version, None))["MCC-3"]

    assert row.kinds == [ChangeKind.RESCHEDULED]
    assert row.end_shift is None


def test_a_status_change_can_come_with_a_slip(version):
    move("MCC-3", status=Status.DONE)
    move("MCC-4", status=Status.SUSPENDED, end_quarter=Q(2026, 1))

    rows = rows_by_code(compare(version, None))

    assert rows["MCC-3"].kinds == [ChangeKind.STATUS_CHANGED]
    assert rows["MCC-4"].kinds == [ChangeKind.SLIPPED, ChangeKind.STATUS_CHANGED]
    assert (rows["MCC-4"].before.status_label, rows["MCC-4"].after.status_label) == (
        "En cours",
        "Suspendu",
    )


def test_it_counts_the_rows_of_each_kind(version, plan, mcc, ambition):
    InitiativeFactory(code="MCC-9", plan=plan, lead_organization=mcc, ambition=ambition)
    initiative_archive(user=SYSTEM, initiative=Initiative.objects.get(code="BANQ-2"))
    move("MCC-1", end_quarter=Q(2025, 3))
    move("MCC-2", end_quarter=Q(2024, 4), status=Status.DONE)
    move("MCC-4", end_quarter=Q(2026, 1), status=Status.SUSPENDED)

    comparison = compare(version, None)

    counts = {item.kind: item.count for item in comparison.counts}
    assert counts == {
        ChangeKind.ADDED: 1,
        ChangeKind.REMOVED: 1,
        ChangeKind.SLIPPED: 2,
        ChangeKind.ADVANCED: 1,
        ChangeKind.RESCHEDULED: 0,
        ChangeKind.STATUS_CHANGED: 2,
    }
    assert len(comparison.rows) == 5
    assert comparison.unchanged == 2
    assert [row.code for row in comparison.rows] == ["MCC-1", "MCC-2", "MCC-4", "MCC-9", "BANQ-2"]


def test_two_versions_compare_with_each_other(version, plan):
    move("MCC-1", end_quarter=Q(2025, 2))
    later = publish(plan, "Mise à jour de juin 2025")
    move("MCC-1", end_quarter=Q(2025, 4))

    comparison = compare(version, later)

    assert [(row.code, row.end_shift) for row in comparison.rows] == [("MCC-1", 1)]
    assert (comparison.base_label, comparison.target_label) == (
        "Mise à jour de juin 2024",
        "Mise à jour de juin 2025",
    )


def test_the_current_state_may_be_the_base(version):
    move("MCC-1", end_quarter=Q(2025, 3))

    row = rows_by_code(compare(None, version))["MCC-1"]

    assert row.kinds == [ChangeKind.ADVANCED]
    assert compare(None, version).base_label == "État actuel"


def test_versions_of_two_plans_cannot_be_compared(version, mcc, ambition):
    other = PlanFactory(name="PTN 2028-2032", first_fiscal_year=2028, is_current=False)

    with pytest.raises(IncomparableStates, match="même plan"):
        compare(version, publish(other, "Version initiale"))


# Filtering ----------------------------------------------------------------------


def test_a_filter_keeps_only_the_matching_initiatives(version, portfolio):
    move("MCC-1", end_quarter=Q(2025, 3))
    move("BANQ-1", end_quarter=Q(2025, 3))

    comparison = compare(version, None, within=only(organization=["MCC"]))

    assert [row.code for row in comparison.rows] == ["MCC-1"]
    assert comparison.unchanged == 3
    assert comparison.filtered


def test_a_filter_judges_initiatives_on_their_current_attributes(version, portfolio, mcc):
    move("BANQ-1", lead_organization=mcc, end_quarter=Q(2025, 3))
    initiative_archive(user=SYSTEM, initiative=Initiative.objects.get(code="MCC-4"))

    rows = rows_by_code(compare(version, None, within=only(organization=["MCC"])))

    assert rows["BANQ-1"].kinds == [ChangeKind.SLIPPED]  # led by the MCC today
    assert rows["MCC-4"].kinds == [ChangeKind.REMOVED]  # archived, still the MCC's


def test_an_entry_without_a_current_initiative_shows_only_without_filter(version, portfolio):
    Initiative.objects.get(code="BANQ-2").delete()

    unfiltered = rows_by_code(compare(version, None))
    filtered = rows_by_code(compare(version, None, within=only(organization=["BAnQ"])))

    assert unfiltered["BANQ-2"].kinds == [ChangeKind.REMOVED]
    assert "BANQ-2" not in filtered


def test_an_entry_that_lost_its_link_is_matched_by_code(version, plan, banq, ambition, portfolio):
    Initiative.objects.get(code="BANQ-2").delete()
    InitiativeFactory(code="BANQ-2", plan=plan, lead_organization=banq, ambition=ambition)

    comparison = compare(version, None, within=only(organization=["BAnQ"]))

    assert comparison.rows == []
    assert comparison.unchanged == 2


# Size -------------------------------------------------------------------------------


@pytest.mark.parametrize("filtered", [False, True])
def test_a_comparison_takes_two_queries_whatever_the_size(plan, mcc, ambition, filtered):
    def queries_to_compare(version):
        within = None
        if filtered:
            within = only(organization=["MCC"])
            within.count()  # the filter's form reads its choices now, outside the count
        with CaptureQueriesContext(connection) as captured:
            comparison = compare(version, None, within=within)
        return len(captured), len(comparison.rows)

    InitiativeFactory.create_batch(3, plan=plan, lead_organization=mcc, ambition=ambition)
    small = publish(plan, "Petite")
    Initiative.objects.update(end_quarter=Q(2025, 4))
    assert queries_to_compare(small) == (2, 3)

    InitiativeFactory.create_batch(60, plan=plan, lead_organization=mcc, ambition=ambition)
    large = publish(plan, "Grande")
    Initiative.objects.update(end_quarter=Q(2026, 1))
    assert queries_to_compare(large) == (2, 63)


def test_the_baseline_gives_each_initiative_its_planned_schedule_in_one_query(
    version, portfolio, django_assert_num_queries
):
    move("MCC-1", end_quarter=Q(2025, 3))
    ids = list(portfolio.values_list("pk", flat=True))

    with django_assert_num_queries(1):
        baseline = baseline_schedules(version, ids)

    assert len(baseline) == 6
    mcc_1 = portfolio.get(code="MCC-1")
    assert baseline[mcc_1.pk] == (Q(2023, 2), Q(2025, 1))
    assert baseline_schedules(None, ids) == {}
