"""Time the PDF reports and their peak memory: `manage.py bench_reports` (run by `make bench`).

In a throwaway database grown with roadmap.bench's synthetic portfolio, for each size:

- the MCC roadmap as rendered (one bar per row, tagged PDF/UA-1) in one
  process, beside a naive table of the same rows with 24 quarter cells per row
  (default WeasyPrint style sheet, collapsed borders), tagged like the report
  and untagged: the reference points. The last column is each time over the
  naive untagged table's;
- the report cut into sections as ``workers`` Celery worker processes would cut
  it (reports.rendering.sections), rendered by that many processes at once, then
  assembled: the time between a request's started_at and finished_at, less the
  queue's hops.

The renders run in processes forked once per size and warmed up (fonts and
style sheets loaded), like workers that have served a request before; peak
resident memory (getrusage) is that of the busiest of them. Times are medians
of ``repeat`` runs.
"""

import gc
import io
import multiprocessing
import random
import resource
import statistics
import time
from collections.abc import Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import asdict, dataclass, replace
from functools import partial

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
SMALL = 500  # rows: above, one run of each render
STYLESHEETS = ["css/reports/mcc.css"]


@dataclass(frozen=True)
class ReportMeasurement:
    name: str
    rows: int
    pages: int
    median_s: float
    peak_mb: int  # largest peak resident memory of one rendering process
    naive_ratio: float = 0.0  # median_s over the naive untagged table's


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
    # name: (processes, what one run does with them)
    renders = {
        "MCC, une barre par ligne (balisé), 1 processus": (1, partial(_timed, html, "report")),
        "Tableau naïf, 24 cellules (balisé)": (1, partial(_timed, naive, "naive-tagged")),
        "Tableau naïf, 24 cellules (non balisé)": (1, partial(_timed, naive, "naive")),
    }
    sections = []
    if can_assemble():
        sections = plan_sections(content.pairs, content.layout.grouping, parallel=workers)
    if sections:
        name = f"MCC en {len(sections)} sections, {workers} processus + assemblage"
        htmls = [render_html(content, section) for section in sections]
        renders[name] = (workers, partial(_in_parallel, htmls))
    runs = repeat if size <= SMALL else 1  # large documents: one run each
    times = _interleaved(renders, runs)
    results = [_median(name, size, times[name]) for name in renders]
    naive_untagged = results[2].median_s
    return [replace(m, naive_ratio=round(m.median_s / naive_untagged, 2)) for m in results]


def _interleaved(renders: dict, runs: int) -> dict[str, list]:
    """Run each render ``runs`` times, taking turns, each in a pool of its own.

    Taking turns spreads the machine's drifts (other work, heat) over all the
    renders alike, so that their ratios hold even when the times move.
    """
    times = {name: [] for name in renders}
    with ExitStack() as stack:
        pools = {name: stack.enter_context(_warm_pool(size)) for name, (size, _) in renders.items()}
        for _ in range(runs):
            for name, (_size, measure) in renders.items():
                times[name].append(measure(pools[name]))
    return times


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


@contextmanager
def _warm_pool(workers: int):
    """Yield ``workers`` forked processes that have rendered once (fonts and sheets loaded).

    A pool serves one kind of render only: a process's peak memory is a high-water mark.
    """
    context = multiprocessing.get_context("fork")
    with context.Manager() as manager, context.Pool(workers) as pool:
        pool.map(_warm_up, [manager.Barrier(workers)] * workers, chunksize=1)
        yield pool


def _warm_up(barrier) -> None:
    """Render once; wait for the other processes, so that each of them warms up."""
    _render(WARM_UP)
    _naive_pdf(WARM_UP, tagged=True)
    barrier.wait(timeout=60)


def _render(html: str, how: str = "report") -> tuple[float, int, int, bytes]:
    started = time.perf_counter()
    if how == "report":
        pdf, pages = html_to_pdf(html, STYLESHEETS)
    else:
        pdf, pages = _naive_pdf(html, tagged=how == "naive-tagged")
    elapsed = time.perf_counter() - started
    gc.collect()  # as the worker does once the request is saved (reports.tasks)
    return elapsed, pages, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024, pdf


def _timed(html: str, how: str, pool) -> tuple[float, int, int]:
    elapsed, pages, peak, _pdf = pool.apply(_render, (html, how))
    return elapsed, pages, peak


def _in_parallel(htmls: list[str], pool) -> tuple[float, int, int]:
    """Render the sections in the pool's processes at once, then assemble them here."""
    from reports.rendering.assembly import assemble

    started = time.perf_counter()
    parts = pool.map(_render, htmls, chunksize=1)
    _pdf, pages = assemble([part[3] for part in parts], STYLESHEETS)
    elapsed = time.perf_counter() - started
    return elapsed, pages, max(part[2] for part in parts)


WARM_UP = (
    '<!DOCTYPE html><html lang="fr"><head><title>Échauffement</title></head>'
    "<body><p>Échauffement ⚠ 1\u202f000\u00a0$</p></body></html>"
)


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


def _naive_pdf(html: str, *, tagged: bool) -> tuple[bytes, int]:
    from weasyprint import HTML

    from reports.rendering.fetcher import BASE_URL, StaticFileFetcher
    from reports.rendering.pdf import BASE_STYLESHEET, font_config, stylesheet

    options = PDF_OPTIONS if tagged else {}
    fonts = [stylesheet(BASE_STYLESHEET)]  # for its @font-face rules only
    document = HTML(string=html, base_url=BASE_URL, url_fetcher=StaticFileFetcher()).render(
        stylesheets=fonts, font_config=font_config(), **options
    )
    return document.write_pdf(**options), len(document.pages)


# Reporting -------------------------------------------------------------------

HEADERS = ("Rendu", "Lignes", "Pages", "Médiane (s)", "Mémoire max. (Mo)", "/ naïf non balisé")


def format_report_table(measurements: Sequence[ReportMeasurement]) -> str:
    rows = [HEADERS] + [
        (
            m.name,
            str(m.rows),
            str(m.pages),
            f"{m.median_s:.2f}",
            str(m.peak_mb),
            f"{m.naive_ratio:.2f}",
        )
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
