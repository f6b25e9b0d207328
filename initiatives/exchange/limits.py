"""The import's limits, from settings, with defaults that suit the portfolio."""

from django.conf import settings

MEGABYTE = 1024 * 1024


def max_upload_bytes() -> int:
    """Return the largest file accepted (PTN_IMPORT_MAX_BYTES, 5 MB by default)."""
    return getattr(settings, "PTN_IMPORT_MAX_BYTES", 5 * MEGABYTE)


def max_rows() -> int:
    """Return the most rows a file may hold (PTN_IMPORT_MAX_ROWS, 20,000 by default)."""
    return getattr(settings, "PTN_IMPORT_MAX_ROWS", 20_000)


def async_rows() -> int:
    """Return the row count above which a file is processed by Celery (PTN_IMPORT_ASYNC_ROWS)."""
    return getattr(settings, "PTN_IMPORT_ASYNC_ROWS", 500)
