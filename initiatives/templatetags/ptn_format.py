"""Quebec typography for amounts and dates (OQLF): "1 234 567 $", "le 1er avril 2024".

Django's fr_CA formats cannot write either: its number grouping does not put the
dollar sign after the amount, and no date format writes "1er" for the first day.
"""

import datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django import template
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language

register = template.Library()

NARROW_NBSP = "\u202f"  # thousands separator
NBSP = "\u00a0"  # between the amount and its unit
MONTHS = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)


@register.filter
def money(value):
    """Write whole dollars the Quebec way: 1234567 -> "1 234 567 $" ("$1,234,567" in English).

    Thousands are grouped with narrow no-break spaces and the sign follows the
    amount after a no-break space, so that the amount never breaks across lines.
    Cents are rounded half up; a value that is not a number is returned unchanged.
    """
    if value is None or value == "":
        return ""
    try:
        dollars = int(Decimal(str(value)).to_integral_value(rounding=ROUND_HALF_UP))
    except (InvalidOperation, OverflowError, ValueError):
        return value
    sign = "-" if dollars < 0 else ""
    if not _is_french():
        return f"{sign}${abs(dollars):,}"
    grouped = f"{abs(dollars):,}".replace(",", NARROW_NBSP)
    return f"{sign}{grouped}{NBSP}$"


@register.filter
def colon(text):
    """Follow a label with a colon: "Statut :" in French (OQLF), "Status:" in English."""
    return f"{text}{NBSP}:" if _is_french() else f"{text}:"


def _is_french() -> bool:
    return (get_language() or "fr").startswith("fr")


@register.filter
def quantieme(value):
    """Write a date as French running text: "le 1er avril 2024".

    The first day of a month is an ordinal ("1er"), every other day a cardinal.
    An aware datetime is read in the local time zone. Outside French the date
    falls back to the active language's DATE_FORMAT.
    """
    if not isinstance(value, datetime.date):
        return value
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        value = value.date()
    if not (get_language() or "fr").startswith("fr"):
        return date_format(value, "DATE_FORMAT")
    day = "1er" if value.day == 1 else str(value.day)
    return f"le {day} {MONTHS[value.month - 1]} {value.year}"
