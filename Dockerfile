# PTN 2023-2027 portfolio: one image for the web process (gunicorn) and the
# Celery workers. Build: docker build -t ptn . ; run: see docker-compose.yml.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PYTHONPATH=/app \
    DJANGO_SETTINGS_MODULE=ptn.settings.production \
    DJANGO_MEDIA_ROOT=/data/media \
    WEB_CONCURRENCY=3 \
    GUNICORN_CMD_ARGS="--timeout 60"

# WeasyPrint's runtime (text layout with Pango, HarfBuzz subsetting) and a font.
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*

RUN useradd --create-home --uid 10001 --user-group ptn \
    && mkdir -p /data/media && chown ptn:ptn /data/media

WORKDIR /app

# Dependencies first, in a layer rebuilt only when pyproject.toml changes:
# `pip install .` of the bare project installs them, then the bare project
# itself goes away. The code runs from /app (PYTHONPATH), where the settings
# find templates/, static/, locale/ and fixtures/ beside it.
COPY pyproject.toml ./
RUN touch README.md \
    && pip install . \
    && pip uninstall -y ptn-portfolio \
    && rm -rf build *.egg-info README.md

COPY . .

# Static files are collected and compressed at build time; the settings need
# a key, hosts and a database to load, none of which is used here.
RUN DJANGO_SECRET_KEY=collectstatic-at-build-time-only \
    DJANGO_ALLOWED_HOSTS=localhost \
    DATABASE_URL=sqlite:////tmp/collectstatic.sqlite3 \
    python manage.py collectstatic --noinput --verbosity 0 \
    && rm -f /tmp/collectstatic.sqlite3

USER ptn
EXPOSE 8000

# Gunicorn reads its number of workers from WEB_CONCURRENCY and further
# options from GUNICORN_CMD_ARGS: both can be changed at run time.
CMD ["gunicorn", "ptn.wsgi", "--bind", "0.0.0.0:8000", "--access-logfile", "-"]
