"""Cell values as they travel: cleaned when read, guarded against formulas when written."""

import datetime
import math
import re
import unicodedata

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from initiatives.exchange.codecs import NO, YES

# Characters a spreadsheet would take for the start of a formula (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_LARGEST_EXACT_FLOAT = 2**53


def clean(value) -> str:
    """Return a cell read from a file as text: trimmed, without control characters."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return YES if value else NO
    if isinstance(value, float):
        return _float_text(value)
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    text = unicodedata.normalize("NFC", _CONTROL.sub("", str(value).replace("\r\n", "\n")))
    text = text.strip()
    if len(text) > 1 and text[0] == "'" and text[1] in FORMULA_STARTS:
        return text[1:]  # written so by the CSV export: see guard_csv
    return text


def _float_text(value: float) -> str:
    if math.isfinite(value) and value.is_integer() and abs(value) < _LARGEST_EXACT_FLOAT:
        return str(int(value))
    return str(value)


def guard_csv(value):
    """Return a CSV cell that no spreadsheet evaluates: a leading "'" before a formula sign."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def xlsx_text(value):
    """Return a text cell openpyxl can write (it refuses some control characters)."""
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("", value)
    return value
