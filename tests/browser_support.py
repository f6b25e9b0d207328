"""Browser tests: Debian's Chromium driven by pytest-playwright, or a clear skip.

A browser test module starts with::

    from tests.browser_support import requires_chromium

    pytestmark = [pytest.mark.browser, requires_chromium]

and tests/conftest.py registers this module as a plugin::

    pytest_plugins = ["tests.browser_support"]

so that its fixtures and hook apply: Playwright launches the system Chromium
(no browser download: this machine's network is closed) with the flags it
needs here, Django lets the ORM run once Playwright's event loop has started,
and a test marked ``browser`` skips with a reason when Chromium is not
installed, even if it forgot ``requires_chromium``.
"""

import os

import pytest

from ptn.preflight import chromium_path

# PTN_CHROMIUM points to another build (e.g. "chromium-browser" elsewhere).
CHROMIUM = chromium_path()

# As root in a container: no sandbox, no GPU; and no background calls to
# Google's services, which the closed network refuses many at a time.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

MISSING_CHROMIUM = (
    f"Chromium is not installed ({CHROMIUM}): browser tests need Debian's "
    "'chromium' package (apt-get install chromium); .ci/run installs it."
)

ASYNC_UNSAFE = "DJANGO_ALLOW_ASYNC_UNSAFE"


def chromium_available() -> bool:
    """Return whether the system Chromium can be launched."""
    return os.path.isfile(CHROMIUM) and os.access(CHROMIUM, os.X_OK)


requires_chromium = pytest.mark.skipif(not chromium_available(), reason=MISSING_CHROMIUM)


def chromium_launch_args(base: dict | None = None) -> dict:
    """Return Playwright's launch options for the system Chromium, on top of ``base``."""
    base = dict(base or {})
    return {
        **base,
        "executable_path": CHROMIUM,
        "args": [*base.get("args", []), *CHROMIUM_ARGS],
    }


@pytest.fixture(scope="session")
def playwright(playwright):
    """Let Django's ORM run while Playwright's event loop is running.

    Playwright's synchronous API leaves its event loop marked as running in the
    main thread from its start to the end of the session, so every later test
    touching the database would otherwise raise SynchronousOnlyOperation.
    """
    previous = os.environ.get(ASYNC_UNSAFE)
    os.environ[ASYNC_UNSAFE] = "true"
    yield playwright
    if previous is None:
        os.environ.pop(ASYNC_UNSAFE, None)
    else:
        os.environ[ASYNC_UNSAFE] = previous


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Launch the system Chromium instead of a browser Playwright would download."""
    return chromium_launch_args(browser_type_launch_args)


def _is_browser_test(item) -> bool:
    return item.get_closest_marker("browser") is not None


def pytest_collection_modifyitems(config, items):
    """Skip every browser test, with the reason, when Chromium is absent."""
    if chromium_available():
        return
    skip = pytest.mark.skip(reason=MISSING_CHROMIUM)
    for item in items:
        if _is_browser_test(item):
            item.add_marker(skip)
