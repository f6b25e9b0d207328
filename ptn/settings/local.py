"""Settings for a developer's machine and the embedded default of `make run`."""

from ptn.settings.base import *  # noqa: F403
from ptn.settings.base import ALLOWED_HOSTS, SECRET_KEY, env

SECRET_KEY = SECRET_KEY or "insecure-local-development-key-not-for-production"
ALLOWED_HOSTS = ALLOWED_HOSTS or ["127.0.0.1", "localhost"]
DEBUG = env.bool("DJANGO_DEBUG", default=False)

# DEBUG stays off by default, so runserver does not serve static files:
# WhiteNoise does, from the collected files and straight from the finders, so
# that a file added under static/ shows up without running collectstatic again.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
