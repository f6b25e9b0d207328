"""Time the PDF reports and their peak memory: `manage.py bench_reports` (run by `make bench`).

In a throwaway database grown with roadmap.bench's synthetic portfolio, for each size:

- the MCC roadmap as rendered (one bar per row, tagged PDF/UA-1), beside a naive
  table of the same rows with 24 quarter cells per row (default WeasyPrint
  style sheet, collapsed borders, tagged too): the reference point;
- above PTN_REPORT_SECTION_ROWS rows, the report in one document (what a single
  worker would do) and in sections rendered by ``workers`` processes at once,
  then assembled, as the Celery workers do.

Each render runs in a forked process, so that its peak resident memory
(getrusage) is its own; the times are medians of ``repeat`` runs.
"""

import io
import multiprocessing
import random
import resource
import statistics
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass

from django.core.management import call_command
from django.utils.html import escape

from initiatives.selectors import current_plan
from reports.choices import ReportKind
from reports.models import ReportRequest
from reports.rendering.content import ReportContent, report_content
from reports.rendering.html import render_html
from reports.rendering.pdf import PDF_OPTIONS, html_to_pdf
from reports.rendering.sections import can_assemble, plan_sections
from roadmap.bench import SEED, grow_portfolio, throwaway_database

DEFAULT_SIZES = (200, 3000)
DEFAULT_REPEAT = 3
DEFAULT_WORKERS = 2
STYLESHEETS = ["css/reports/mcc.css"]


@dataclass(frozen=True)
class ReportMeasurement:
    name: str
    rows: int
    pages: int
    median_s: float
    peak_mb: int  # largest peak resident memory of one rendering process


def run_report_benchmark(
    *, sizes: Sequence[int] = DEFAULT_SIZES, repeat: int = DEFAULT_REPEAT, workers: int = 2
) -> list[ReportMeasurement]:
    """Measure the reports in a throwaway database of the configured engine."""
    with throwaway_database():
        call_command("load_reference_data", verbosity=0, stdout=io.StringIO())
        rng = random.Random(SEED)
        measurements = []
        for size in sorted(set(sizes)):
            grow_portfolio(size, rng=rng)
            measurements += measure_size(size, repeat=repeat, workers=workers)
        return measurements


def measure_size(size: int, *, repeat: int, workers: int) -> list[ReportMeasurement]:
    content = mcc_content()
    html, naive = render_html(content), naive_table_html(content)
    sections = plan_sections(content.pairs, content.layout.grouping) if can_assemble() else []
    runs = repeat if not sections else 1  # large documents: one run each
    results = [
        _median("MCC, une barre par ligne (balisé)", size, [_forked(html) for _ in range(runs)]),
        _median(
            "Tableau naïf, 24 cellules (balisé)", size, [_forked(naive, True) for _ in range(runs)]
        ),
    ]
    if sections:
        htmls = [render_html(content, section) for section in sections]
        name = f"MCC en {len(sections)} sections, {workers} processus + assemblage"
        results.append(_median(name, size, [_in_parallel(htmls, workers) for _ in range(runs)]))
    return results


def mcc_content() -> ReportContent:
    """Return the rows of the MCC roadmap of every initiative (as the application reads them)."""
    return report_content(ReportRequest(kind=ReportKind.ROADMAP_MCC, plan=current_plan()))


def _median(name, size, runs) -> ReportMeasurement:
    return ReportMeasurement(
        name=name,
        rows=size,
        pages=runs[0][1],
        median_s=round(statistics.median(run[0] for run in runs), 2),
        peak_mb=max(run[2] for run in runs),
    )


def _render(html: str, naive: bool = False) -> tuple[float, int, int, bytes]:
    started = time.perf_counter()
    if naive:
        pdf, pages = _naive_pdf(html)
    else:
        pdf, pages = html_to_pdf(html, STYLESHEETS)
    elapsed = time.perf_counter() - started
    return elapsed, pages, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024, pdf


def _forked(html: str, naive: bool = False) -> tuple[float, int, int]:
    with multiprocessing.get_context("fork").Pool(1) as pool:
        elapsed, pages, peak, _pdf = pool.apply(_render, (html, naive))
    return elapsed, pages, peak


def _in_parallel(htmls: list[str], workers: int) -> tuple[float, int, int]:
    """Render the sections in ``workers`` processes, then assemble them here."""
    from reports.rendering.assembly import assemble

    started = time.perf_counter()
    with multiprocessing.get_context("fork").Pool(workers, maxtasksperchild=None) as pool:
        parts = pool.map(_render, htmls, chunksize=1)
    _pdf, pages = assemble([part[3] for part in parts], STYLESHEETS)
    elapsed = time.perf_counter() - started
    return elapsed, pages, max(part[2] for part in parts)


# The naive table: what a first implementation would write. -------------------

NAIVE_CSS = """
@page { size: letter landscape; margin: 10mm; }
body { font-family: "Open Sans", "PTN Symboles", sans-serif; font-size: 6.2pt; }
table { width: 100%; border-collapse: collapse; }
th, td { border: 0.2mm solid #c5cad2; padding: 0.5mm; text-align: left; vertical-align: top; }
td.on { background: #095797; }
"""
NAIVE_HEADERS = ("Org.", "Or.", "Obj.", "Amb.", "Initiative", "3PGTN", "Thème")


def naive_table_html(content: ReportContent) -> str:
    """Return the rows as one table with a cell per quarter, coloured where the bar would be."""
    quarters = content.window.size
    head = "".join(f"<th>{label}</th>" for label in NAIVE_HEADERS)
    head += (
        "".join(f"<th>{q.short_label}</th>" for q in content.window.quarters) + "<th>Statut</th>"
    )
    rows = []
    for row in content.rows:
        first, last = row.bar or (quarters, -1)
        cells = (row.organization, row.orientation, row.objective, row.ambition, row.title)
        cells += (row.three_pgtn, row.theme)
        html = "".join(f"<td>{escape(value)}</td>" for value in cells)
        html += "".join(
            '<td class="on"></td>' if first <= index <= last else "<td></td>"
            for index in range(quarters)
        )
        rows.append(f"<tr>{html}<td>{escape(row.status_label)}</td></tr>")
    return (
        f'<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>Naïf</title>'
        f"<style>{NAIVE_CSS}</style></head><body><table><thead><tr>{head}</tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table></body></html>"
    )


def _naive_pdf(html: str) -> tuple[bytes, int]:
    from weasyprint import HTML

    from reports.rendering.fetcher import BASE_URL, StaticFileFetcher
    from reports.rendering.pdf import BASE_STYLESHEET, font_config, stylesheet

    fonts = [stylesheet(BASE_STYLESHEET)]  # for its @font-face rules only
    document = HTML(string=html, base_url=BASE_URL, url_fetcher=StaticFileFetcher()).render(
        stylesheets=fonts, font_config=font_config(), **PDF_OPTIONS
    )
    return document.write_pdf(**PDF_OPTIONS), len(document.pages)


# Reporting -------------------------------------------------------------------

HEADERS = ("Rendu", "Lignes", "Pages", "Médiane (s)", "Mémoire max. (Mo)")


def format_report_table(measurements: Sequence[ReportMeasurement]) -> str:
    rows = [HEADERS] + [
        (m.name, str(m.rows), str(m.pages), f"{m.median_s:.2f}", str(m.peak_mb))
        for m in measurements
    ]
    widths = [max(len(row[col]) for row in rows) for col in range(len(HEADERS))]
    lines = [
        "  ".join(
            cell.ljust(width) if col == 0 else cell.rjust(width)
            for col, (cell, width) in enumerate(zip(row, widths, strict=True))
        )
        for row in rows
    ]
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(lines)


def as_dicts(measurements: Sequence[ReportMeasurement]) -> list[dict]:
    return [asdict(m) for m in measurements]
