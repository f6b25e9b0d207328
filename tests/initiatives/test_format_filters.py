"""The Quebec typography filters: amounts "1 234 567 $", dates "le 1er avril 2024"."""

import datetime
import zoneinfo

import pytest
from django.template import Context, Template
from django.utils import translation

from initiatives.templatetags.ptn_format import money, quantieme

NNBSP = "\u202f"
NBSP = "\u00a0"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (1234567, f"1{NNBSP}234{NNBSP}567{NBSP}$"),
        (1000, f"1{NNBSP}000{NBSP}$"),
        (999, f"999{NBSP}$"),
        (0, f"0{NBSP}$"),
        (-1500, f"-1{NNBSP}500{NBSP}$"),
        ("2500", f"2{NNBSP}500{NBSP}$"),
    ],
)
def test_money_groups_thousands_with_narrow_no_break_spaces_and_puts_the_sign_after(
    value, expected
):
    assert money(value) == expected


def test_money_rounds_cents_half_up():
    assert money("12.50") == f"13{NBSP}$"
    assert money(2.5) == f"3{NBSP}$"


@pytest.mark.parametrize("value", [None, ""])
def test_money_writes_nothing_for_a_missing_amount(value):
    assert money(value) == ""


def test_money_returns_what_is_not_a_number_unchanged():
    assert money("à venir") == "à venir"


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (datetime.date(2024, 4, 1), "le 1er avril 2024"),
        (datetime.date(2024, 4, 2), "le 2 avril 2024"),
        (datetime.date(2025, 2, 1), "le 1er février 2025"),
        (datetime.date(2024, 8, 31), "le 31 août 2024"),
        (datetime.date(2024, 12, 25), "le 25 décembre 2024"),
    ],
)
def test_quantieme_writes_the_first_day_as_an_ordinal_and_others_as_numbers(day, expected):
    with translation.override("fr-ca"):
        assert quantieme(day) == expected


def test_quantieme_reads_an_aware_datetime_in_local_time():
    # 1 April 2024, 02:30 UTC is still 31 March in Quebec.
    moment = datetime.datetime(2024, 4, 1, 2, 30, tzinfo=zoneinfo.ZoneInfo("UTC"))
    with translation.override("fr-ca"):
        assert quantieme(moment) == "le 31 mars 2024"


def test_quantieme_returns_what_is_not_a_date_unchanged():
    assert quantieme("demain") == "demain"


def test_quantieme_falls_back_to_the_date_format_outside_french():
    with translation.override("en"):
        assert quantieme(datetime.date(2024, 4, 1)) == "April 1, 2024"


def test_the_filters_load_in_a_template():
    template = Template("{% load ptn_format %}{{ amount|money }} – {{ day|quantieme }}")
    with translation.override("fr-ca"):
        rendered = template.render(Context({"amount": 1234567, "day": datetime.date(2024, 4, 1)}))
    assert rendered == f"1{NNBSP}234{NNBSP}567{NBSP}$ – le 1er avril 2024"


def test_money_follows_the_active_language():
    from django.utils import translation

    from initiatives.templatetags.ptn_format import money

    with translation.override("en"):
        assert money(1234567) == "$1,234,567"
    with translation.override("fr-ca"):
        assert money(1234567) == "1\u202f234\u202f567\u00a0$"


def test_a_label_is_followed_by_the_colon_of_its_language():
    from django.utils import translation

    from initiatives.templatetags.ptn_format import colon

    with translation.override("fr-ca"):
        assert colon("Statut") == "Statut\u00a0:"
    with translation.override("en"):
        assert colon("Status") == "Status:"
