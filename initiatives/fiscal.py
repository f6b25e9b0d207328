"""Quebec fiscal quarters: the fiscal year runs from 1 April to 31 March.

T1 = April-June, T2 = July-September, T3 = October-December, T4 = January-March.
A fiscal year is named by its two calendar years ("2024-2025") and a quarter is
labelled "2024-2025 T1". Quarters are stored as one integer, ``year * 4 + q - 1``
where ``year`` is the calendar year in which the fiscal year starts, so that the
database compares and orders them like numbers.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator
from dataclasses import dataclass

from django.utils.translation import gettext as _

FIRST_MONTH = 4  # April
QUARTERS_PER_YEAR = 4
MIN_YEAR = 1990
MAX_YEAR = 2099

_LABEL = re.compile(r"^\s*(\d{4})\s*[-–]\s*(\d{4})\s+T\s*([1-4])\s*$", re.IGNORECASE)


class InvalidQuarter(ValueError):
    """A value that does not name a fiscal quarter; its message is for users."""


@dataclass(frozen=True, order=True, slots=True)
class FiscalYear:
    """The fiscal year that starts on 1 April of ``start``."""

    start: int

    @classmethod
    def of(cls, day: datetime.date) -> FiscalYear:
        """Return the fiscal year a date falls in."""
        return cls(day.year if day.month >= FIRST_MONTH else day.year - 1)

    @property
    def label(self) -> str:
        return f"{self.start}-{self.start + 1}"

    @property
    def first_day(self) -> datetime.date:
        return datetime.date(self.start, FIRST_MONTH, 1)

    @property
    def last_day(self) -> datetime.date:
        return datetime.date(self.start + 1, FIRST_MONTH, 1) - datetime.timedelta(days=1)

    def quarters(self) -> list[FiscalQuarter]:
        return [FiscalQuarter(self.start, q) for q in range(1, QUARTERS_PER_YEAR + 1)]

    def __str__(self) -> str:
        return self.label


@dataclass(frozen=True, order=True, slots=True)
class FiscalQuarter:
    """Quarter ``quarter`` (1-4) of the fiscal year starting in April of ``year``."""

    year: int
    quarter: int

    def __post_init__(self):
        if not 1 <= self.quarter <= QUARTERS_PER_YEAR:
            raise InvalidQuarter(_("Le trimestre doit être T1, T2, T3 ou T4."))
        if not MIN_YEAR <= self.year <= MAX_YEAR:
            raise InvalidQuarter(
                _("L’année financière doit être comprise entre %(min)s et %(max)s.")
                % {"min": MIN_YEAR, "max": MAX_YEAR}
            )

    # Conversions -----------------------------------------------------------

    @classmethod
    def of(cls, day: datetime.date) -> FiscalQuarter:
        """Return the fiscal quarter a date falls in (1 April starts T1)."""
        months_into_year = (day.month - FIRST_MONTH) % 12
        return cls(FiscalYear.of(day).start, months_into_year // 3 + 1)

    @classmethod
    def current(cls) -> FiscalQuarter:
        from django.utils import timezone

        return cls.of(timezone.localdate())

    @classmethod
    def from_index(cls, index: int) -> FiscalQuarter:
        year, offset = divmod(int(index), QUARTERS_PER_YEAR)
        return cls(year, offset + 1)

    @classmethod
    def parse(cls, value: str) -> FiscalQuarter:
        """Read a label such as "2024-2025 T1"; raise InvalidQuarter otherwise."""
        match = _LABEL.match(str(value))
        if not match:
            raise InvalidQuarter(
                _("« %(value)s » n’est pas un trimestre financier (format attendu : 2024-2025 T1).")
                % {"value": str(value)[:40]}
            )
        first, second, quarter = (int(group) for group in match.groups())
        if second != first + 1:
            raise InvalidQuarter(
                _(
                    "L’année financière « %(first)s-%(second)s » doit couvrir deux années qui se suivent."
                )
                % {"first": first, "second": second}
            )
        return cls(first, quarter)

    @property
    def index(self) -> int:
        return self.year * QUARTERS_PER_YEAR + self.quarter - 1

    @property
    def fiscal_year(self) -> FiscalYear:
        return FiscalYear(self.year)

    @property
    def label(self) -> str:
        return f"{self.fiscal_year.label} T{self.quarter}"

    @property
    def short_label(self) -> str:
        return f"T{self.quarter}"

    @property
    def first_day(self) -> datetime.date:
        month = (FIRST_MONTH - 1 + (self.quarter - 1) * 3) % 12 + 1
        year = self.year if month >= FIRST_MONTH else self.year + 1
        return datetime.date(year, month, 1)

    @property
    def last_day(self) -> datetime.date:
        return (self + 1).first_day - datetime.timedelta(days=1)

    # Arithmetic ------------------------------------------------------------

    def __add__(self, quarters: int) -> FiscalQuarter:
        return FiscalQuarter.from_index(self.index + quarters)

    def __sub__(self, other):
        if isinstance(other, FiscalQuarter):
            return self.index - other.index
        return FiscalQuarter.from_index(self.index - other)

    def __str__(self) -> str:
        return self.label


def quarter_range(first: FiscalQuarter, last: FiscalQuarter) -> Iterator[FiscalQuarter]:
    """Yield every quarter from ``first`` to ``last``, both included."""
    for index in range(first.index, last.index + 1):
        yield FiscalQuarter.from_index(index)


def schedule_label(start: FiscalQuarter | None, end: FiscalQuarter | None) -> str:
    """Return the schedule as users read it: "2023-2024 T2 à 2025-2026 T1"."""
    if start and end:
        if start == end:
            return start.label
        return _("%(start)s à %(end)s") % {"start": start.label, "end": end.label}
    if start:
        return _("à partir de %(start)s") % {"start": start.label}
    if end:
        return _("jusqu’à %(end)s") % {"end": end.label}
    return _("non planifié")
