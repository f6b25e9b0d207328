"""Production settings: refuse to start without the secrets and hosts they need."""

from django.core.exceptions import ImproperlyConfigured

from ptn.settings.base import *  # noqa: F403
from ptn.settings.base import ALLOWED_HOSTS, DATABASES, SECRET_KEY, STORAGES, env


def _require(name: str, value):
    if not value:
        raise ImproperlyConfigured(f"Production settings need the {name} environment variable.")
    return value


SECRET_KEY = _require("DJANGO_SECRET_KEY", SECRET_KEY)
ALLOWED_HOSTS = _require("DJANGO_ALLOWED_HOSTS", ALLOWED_HOSTS)
_require("DATABASE_URL", env("DATABASE_URL", default=""))

DEBUG = False
PTN_DEMO_ACCOUNTS_ALLOWED = False

# Gunicorn and Celery workers keep their connection for a minute, checked
# before reuse, instead of opening one per request.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DJANGO_CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

# The API's throttling counts requests in the cache: with the default
# per-process cache, each gunicorn worker would count on its own.
CACHES = {"default": env.cache("DJANGO_CACHE_URL", default="locmemcache://")}

STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
