import datetime

import pytest

from initiatives.fiscal import (
    FiscalQuarter,
    FiscalYear,
    InvalidQuarter,
    quarter_range,
    schedule_label,
)


@pytest.mark.parametrize(
    ("day", "label"),
    [
        (datetime.date(2024, 3, 31), "2023-2024 T4"),
        (datetime.date(2024, 4, 1), "2024-2025 T1"),
        (datetime.date(2024, 6, 30), "2024-2025 T1"),
        (datetime.date(2024, 7, 1), "2024-2025 T2"),
        (datetime.date(2024, 9, 30), "2024-2025 T2"),
        (datetime.date(2024, 10, 1), "2024-2025 T3"),
        (datetime.date(2024, 12, 31), "2024-2025 T3"),
        (datetime.date(2025, 1, 1), "2024-2025 T4"),
    ],
)
def test_a_date_falls_in_the_quebec_fiscal_quarter(day, label):
    assert FiscalQuarter.of(day).label == label


def test_the_fiscal_year_runs_from_first_april_to_thirty_first_march():
    year = FiscalYear.of(datetime.date(2025, 2, 14))
    assert year.label == "2024-2025"
    assert year.first_day == datetime.date(2024, 4, 1)
    assert year.last_day == datetime.date(2025, 3, 31)


def test_a_quarter_knows_its_first_and_last_days():
    t4 = FiscalQuarter(2024, 4)
    assert (t4.first_day, t4.last_day) == (datetime.date(2025, 1, 1), datetime.date(2025, 3, 31))
    t1 = FiscalQuarter(2024, 1)
    assert (t1.first_day, t1.last_day) == (datetime.date(2024, 4, 1), datetime.date(2024, 6, 30))


@pytest.mark.parametrize("text", ["2024-2025 T1", " 2024-2025  t1 ", "2024–2025 T1"])
def test_it_parses_a_label(text):
    assert FiscalQuarter.parse(text) == FiscalQuarter(2024, 1)


@pytest.mark.parametrize(
    "text", ["2024 T1", "2024-2026 T1", "2024-2025 T5", "T1", "", "2024-2025\x00 T1"]
)
def test_it_refuses_what_is_not_a_quarter_with_a_french_message(text):
    with pytest.raises(InvalidQuarter) as error:
        FiscalQuarter.parse(text)
    assert "trimestre" in str(error.value) or "année financière" in str(error.value)


def test_it_refuses_a_quarter_number_out_of_range():
    with pytest.raises(InvalidQuarter):
        FiscalQuarter(2024, 0)


def test_the_stored_integer_round_trips_and_orders_like_the_quarters():
    quarters = [FiscalQuarter(2023, 4), FiscalQuarter(2024, 1), FiscalQuarter(2024, 2)]
    indexes = [quarter.index for quarter in quarters]
    assert indexes == sorted(indexes)
    assert [FiscalQuarter.from_index(i) for i in indexes] == quarters


def test_adding_quarters_crosses_the_fiscal_year_end():
    assert FiscalQuarter(2023, 4) + 1 == FiscalQuarter(2024, 1)
    assert FiscalQuarter(2024, 1) - 1 == FiscalQuarter(2023, 4)
    assert FiscalQuarter(2025, 1) - FiscalQuarter(2023, 2) == 7


def test_it_iterates_a_window_of_six_fiscal_years_as_twenty_four_quarters():
    window = list(quarter_range(FiscalQuarter(2022, 1), FiscalQuarter(2027, 4)))
    assert len(window) == 24
    assert window[0].label == "2022-2023 T1"
    assert window[-1].label == "2027-2028 T4"


def test_a_schedule_reads_as_text():
    assert (
        schedule_label(FiscalQuarter(2023, 2), FiscalQuarter(2025, 1))
        == "2023-2024 T2 à 2025-2026 T1"
    )
    assert schedule_label(FiscalQuarter(2023, 2), FiscalQuarter(2023, 2)) == "2023-2024 T2"
    assert schedule_label(None, None) == "non planifié"
