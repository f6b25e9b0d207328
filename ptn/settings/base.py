"""Settings shared by every environment, read from environment variables.

The embedded default (no variable set) is SQLite in the project folder and Celery
tasks run eagerly in the web process; DATABASE_URL and CELERY_BROKER_URL (or
REDIS_URL) switch to PostgreSQL and Redis.
"""

from pathlib import Path

import environ
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()

DEBUG = env.bool("DJANGO_DEBUG", default=False)
SECRET_KEY = env("DJANGO_SECRET_KEY", default="")
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=[])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "simple_history",
    "django_htmx",
    "initiatives",
    "roadmap",
    "reports",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "ptn.middleware.FrenchFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
]

ROOT_URLCONF = "ptn.urls"
WSGI_APPLICATION = "ptn.wsgi.application"
ASGI_APPLICATION = "ptn.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
            ],
        },
    },
    # Jinja2 renders the few templates that repeat per row by the thousand (the
    # roadmap's rows, on screen and in the PDF reports): several times faster.
    {
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [BASE_DIR / "templates" / "jinja2"],
        "APP_DIRS": False,
        "OPTIONS": {"environment": "ptn.jinja2.environment"},
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DJANGO_CONN_MAX_AGE", default=0)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# French (Canada) first. "fr-ca" must be listed for Django to use the fr_CA
# formats; ptn.formats overrides what Django 5.2 gets wrong for fr_CA.
LANGUAGE_CODE = "fr-ca"
LANGUAGES = [("fr-ca", _("Français")), ("en", _("Anglais"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["ptn.formats"]
TIME_ZONE = "America/Toronto"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("DJANGO_MEDIA_ROOT", default=str(BASE_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Celery: eager in the process unless a broker is configured.
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default=env("REDIS_URL", default=""))
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# Redis re-delivers unacknowledged tasks after the visibility timeout: keep it
# above every task's hard time limit.
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}

REST_FRAMEWORK = {
    # The token class comes first: its WWW-Authenticate header turns a request
    # without credentials into 401 (not 403).
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "initiatives.api.authentication.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_FILTER_BACKENDS": ["initiatives.api.filters.FilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "initiatives.api.pagination.ApiPagination",
    "DEFAULT_SCHEMA_CLASS": "initiatives.api.schema.ApiAutoSchema",
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
    "DEFAULT_THROTTLE_CLASSES": ["initiatives.api.throttling.ApiRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {
        "api": env("PTN_API_RATE", default="3000/hour"),
        "api_auth_failure": env("PTN_API_AUTH_FAILURE_RATE", default="20/minute"),
    },
    "EXCEPTION_HANDLER": "initiatives.api.exceptions.api_exception_handler",
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "API du portefeuille PTN 2023-2027",
    "DESCRIPTION": (
        "API REST du portefeuille Culture et Communications, soumise aux mêmes règles que "
        "le navigateur.\n\n"
        "**Authentification** : `Authorization: Bearer <jeton>` (jeton personnel créé sur "
        "/accounts/tokens/), ou la session du navigateur. Sans authentification : 401.\n\n"
        '**Erreurs** : toujours `{"detail": "…", "errors": {"champ": ["message"]}, '
        '"status": 400}`, messages en français.\n\n'
        "**Mises à jour concurrentes** : GET d’une initiative renvoie un ETag "
        '`"<id>-<version>"`. Renvoyez-le dans `If-Match` avec PUT, PATCH, DELETE, archive/ '
        "ou unarchive/ : s’il est périmé, la réponse est 412 et rien n’est écrit. Sans "
        "If-Match, l’écriture est acceptée (la dernière écriture l’emporte).\n\n"
        "**Trimestres** : chaînes « 2024-2025 T1 » (année financière du 1er avril au 31 mars).\n\n"
        "**Pagination** : `page` et `page_size` (50 par défaut, 500 au plus)."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    # Tags by resource ("initiatives", "organizations"), not by version.
    "SCHEMA_PATH_PREFIX": r"/api/v[0-9]+",
    # Request bodies get their own components, without the read-only fields.
    "COMPONENT_SPLIT_REQUEST": True,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}

# Spreadsheet imports: the largest file, the most rows, and from how many rows
# the import runs in a Celery task rather than in the request.
PTN_IMPORT_MAX_BYTES = env.int("PTN_IMPORT_MAX_BYTES", default=5 * 1024 * 1024)
PTN_IMPORT_MAX_ROWS = env.int("PTN_IMPORT_MAX_ROWS", default=20_000)
PTN_IMPORT_ASYNC_ROWS = env.int("PTN_IMPORT_ASYNC_ROWS", default=500)

# PDF reports (see reports/rendering/sections.py): the most rows one process
# renders as one document, and how many worker processes render sections side
# by side (the workers' --concurrency; tasks run eagerly are never split for it).
PTN_REPORT_SECTION_ROWS = env.int("PTN_REPORT_SECTION_ROWS", default=500)
PTN_REPORT_PARALLEL_SECTIONS = env.int(
    "PTN_REPORT_PARALLEL_SECTIONS", default=env.int("CELERY_CONCURRENCY", default=2)
)

# Demonstration accounts (password "demo") are created only where this is true;
# the production settings force it off.
PTN_DEMO_ACCOUNTS_ALLOWED = env.bool("PTN_DEMO_ACCOUNTS_ALLOWED", default=True)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("DJANGO_LOG_LEVEL", default="INFO")},
    # WeasyPrint logs each step of each render (from its import on), fontTools
    # each font it decodes: noise at INFO.
    "loggers": {
        "weasyprint.progress": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
