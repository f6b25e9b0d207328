"""Run WeasyPrint: tagged PDF/UA-1 documents, fonts and style sheets read once per process."""

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration

from reports.rendering.fetcher import BASE_URL, StaticFileFetcher

PDF_OPTIONS = {"pdf_variant": "pdf/ua-1"}
BASE_STYLESHEET = "css/reports/report.css"
UA_STYLESHEET = "css/reports/ua.css"

# Fonts and parsed style sheets are kept per thread: WeasyPrint's font
# configuration is not meant to be shared by concurrent renders.
_local = threading.local()


def font_config() -> FontConfiguration:
    if not hasattr(_local, "fonts"):
        _local.fonts = FontConfiguration()
        _local.sheets = {}
    return _local.fonts


def stylesheet(name: str) -> CSS:
    """Return the parsed style sheet ``name`` (a static path); its fonts are loaded once."""
    fonts = font_config()
    if name not in _local.sheets:
        url = f"{BASE_URL}static/{name}"
        _local.sheets[name] = CSS(url=url, url_fetcher=StaticFileFetcher(), font_config=fonts)
    return _local.sheets[name]


class ReportHTML(HTML):
    """An HTML document whose user-agent style sheet is the reports' short one.

    ``_ua_stylesheets`` is WeasyPrint's hook for its own default sheets; should a
    later version drop it, documents get the full default sheet: slower, same look.
    """

    def _ua_stylesheets(self, forms=False):
        return [stylesheet(UA_STYLESHEET)]


RENDER_GC_THRESHOLD = 100_000  # allocations between two young collections (Python's: 700)


@contextmanager
def fewer_gc_collections() -> Iterator[None]:
    """Let Python's cyclic garbage collector run rarely for the length of one render.

    A render allocates some millions of short-lived boxes, freed by reference
    counting; at its usual threshold the collector walks the live ones again and
    again: an eighth of the time of a report. The cycles a render leaves are
    collected once its outcome is saved (reports.tasks.collect_render_garbage):
    without that, a worker grew by about 55 MB with every 500-row section.
    """
    thresholds = gc.get_threshold()
    gc.set_threshold(max(RENDER_GC_THRESHOLD, thresholds[0]), *thresholds[1:])
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)


def html_to_pdf(html: str, stylesheets: list[str], *, tagged: bool = True) -> tuple[bytes, int]:
    """Return the PDF of ``html`` and its number of pages."""
    options = PDF_OPTIONS if tagged else {}
    sheets = [stylesheet(BASE_STYLESHEET)] + [stylesheet(name) for name in stylesheets]
    with fewer_gc_collections():
        return _render(html, sheets, options)


def _render(html: str, sheets: list[CSS], options: dict) -> tuple[bytes, int]:
    source = ReportHTML(string=html, base_url=BASE_URL, url_fetcher=StaticFileFetcher())
    document = source.render(stylesheets=sheets, font_config=font_config(), **options)
    return document.write_pdf(**options), len(document.pages)
