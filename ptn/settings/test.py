"""Settings for the test suite: fast hashing, eager tasks unless a test says otherwise."""

from ptn.settings.base import *  # noqa: F403
from ptn.settings.base import BASE_DIR, DATABASES, REST_FRAMEWORK

SECRET_KEY = "test-secret-key"
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = BASE_DIR / ".pytest_media"
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["TEST"] = {"NAME": ":memory:"}

# Tasks run in the test's own process even when CI gives a broker
# (CELERY_BROKER_URL): a test that needs the real queue turns this off itself.
CELERY_TASK_ALWAYS_EAGER = True

# A fresh clone has no collected static files: serve them from the finders,
# looked up per request, instead of warning that STATIC_ROOT is missing.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# Tests are not throttled (tests/api covers throttling with its own rates).
REST_FRAMEWORK = {
    **REST_FRAMEWORK,
    "DEFAULT_THROTTLE_RATES": {"api": None, "api_auth_failure": None},
}
