"""WeasyPrint reads /static/ from disk through the staticfiles finders, never over HTTP."""

from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from weasyprint.urls import URLFetcher, URLFetcherResponse

# The documents' base URL: a host that resolves nowhere, so that nothing can leak out.
BASE_URL = "https://ptn.invalid/"
MIME_TYPES = {".css": "text/css", ".woff2": "font/woff2", ".svg": "image/svg+xml"}


class StaticFileFetcher(URLFetcher):
    """Answer /static/... from the finders; refuse every other URL."""

    def __init__(self):
        super().__init__(allowed_protocols=["https", "data"], fail_on_errors=True)

    def fetch(self, url, headers=None):
        if url.startswith("data:"):  # decoded in the process by urllib
            return super().fetch(url, headers)
        prefix = BASE_URL + settings.STATIC_URL.lstrip("/")
        if not url.startswith(prefix):
            raise ValueError(f"Only static files may be fetched, not {url}")
        path = static_path(url.removeprefix(prefix).split("?")[0])
        content_type = MIME_TYPES.get(path.suffix, "application/octet-stream")
        return URLFetcherResponse(url, read_static(path), {"Content-Type": content_type})


def static_path(name: str) -> Path:
    found = finders.find(name)
    if not found:
        raise FileNotFoundError(f"Static file not found: {name}")
    return Path(found)


@lru_cache(maxsize=64)
def read_static(path: Path) -> bytes:
    return path.read_bytes()
