"""Split a report into sections that several workers render at once.

More cores do not speed up one WeasyPrint render, and its memory grows with
the document. A report is cut into sections, each a document of its own, then
assembled (see reports.rendering.assembly):

- of at most PTN_REPORT_SECTION_ROWS rows each (memory);
- and, where worker processes render sections side by side, into at least as
  many sections as there are such processes (``parallel_sections()``), as long
  as each keeps ``MIN_SECTION_ROWS`` rows: below that, assembling costs more
  than the parallel render saves. Run eagerly, in one process, a report is cut
  for memory only.

Cuts fall on a group boundary when one is near, so that a section starts with
its group's header.
"""

from importlib.util import find_spec

from django.conf import settings

from reports.rendering.html import Section

MIN_SECTION_ROWS = 80
SNAP = 0.25  # how far from the ideal cut (share of a section) a group boundary may be


def can_assemble() -> bool:
    """Return whether sections can be joined (pikepdf installed); if not, render in one piece."""
    return find_spec("pikepdf") is not None


def parallel_sections() -> int:
    """Return how many sections workers can render side by side: 1 when tasks run eagerly."""
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return 1
    return settings.PTN_REPORT_PARALLEL_SECTIONS


def section_count(total: int, size: int, parallel: int) -> int:
    """Return how many sections ``total`` rows make (1: one document)."""
    return max(-(-total // size), min(parallel, total // MIN_SECTION_ROWS), 1)


GROUP_KEYS = {
    "organization": "lead_organization__acronym",
    "organization_only": "lead_organization__acronym",
    "ambition": "ambition__number",
    "mutualisation": "mutualisation_level__rank",
}


def plan_sections(
    pairs: list, grouping: str, size: int | None = None, parallel: int | None = None
) -> list[Section]:
    """Return the sections of ``pairs`` (values, row); none when one document will do."""
    total = len(pairs)
    count = section_count(
        total, size or settings.PTN_REPORT_SECTION_ROWS, parallel or parallel_sections()
    )
    if count <= 1:
        return []
    size = -(-total // count)
    starts = [0]
    boundaries = _group_starts(pairs, GROUP_KEYS[grouping])
    for index in range(1, count):
        ideal = round(index * total / count)
        near = [b for b in boundaries if abs(b - ideal) <= size * SNAP and b > starts[-1]]
        starts.append(min(near, key=lambda b: abs(b - ideal)) if near else ideal)
    ends = [*starts[1:], total]
    return [
        Section(index=i, first_row=start, row_count=end - start)
        for i, (start, end) in enumerate(zip(starts, ends, strict=True))
    ]


def _group_starts(pairs: list, key: str) -> list[int]:
    """Return the indexes where a top-level group starts."""
    return [
        index for index in range(1, len(pairs)) if pairs[index][0][key] != pairs[index - 1][0][key]
    ]
