# PTN 2023-2027 portfolio: everyday commands.
#
#   make run          install if needed, prepare the database, serve on 127.0.0.1:$(PORT)
#   make test         install if needed, run the whole test suite
#   make lint         ruff check + ruff format --check
#   make bench        time the main pages on 200, 2,000 and 10,000 initiatives
#
# The virtualenv is (re)installed only when pyproject.toml is newer than its
# stamp file, so that `make run` and `make test` start at once the second time.

SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
MANAGE := $(BIN)/python manage.py
PORT ?= 8000
CELERY_CONCURRENCY ?= 2
PYTEST_ARGS ?=
BENCH_ARGS ?=

.PHONY: help install preflight run serve test lint format bench worker migrate messages clean distclean

help:
	@echo "Cibles : run test lint format bench worker migrate messages clean distclean"
	@echo "  PORT=8765 make run      sert l’application sur 127.0.0.1:8765"
	@echo "  make test PYTEST_ARGS='-k fiscal'"
	@echo "  make bench BENCH_ARGS='--sizes 200 2000 --repeat 3 --json bench.json'"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e ".[dev]"
	@touch $(STAMP)

install: $(STAMP)

# .mo files are committed: no compilemessages here (see `make messages`).
run: $(STAMP) preflight
	$(MANAGE) migrate --noinput
	$(MANAGE) collectstatic --noinput --verbosity 0
	$(MANAGE) load_reference_data
	$(MANAGE) load_demo_data
	$(MAKE) --no-print-directory serve

# DEBUG stays off: WhiteNoise serves the static files (see ptn/settings/local.py).
serve: $(STAMP)
	$(MANAGE) runserver 127.0.0.1:$(PORT)

test: $(STAMP) preflight
	$(BIN)/pytest $(PYTEST_ARGS)

# Names the Debian packages to install when a system library is missing (exit 3).
preflight: $(STAMP)
	@$(BIN)/python -m ptn.preflight

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

bench: $(STAMP)
	$(MANAGE) bench $(BENCH_ARGS)
	$(MANAGE) bench_reports $(REPORT_BENCH_ARGS)

worker: $(STAMP)
	@if [ -z "$${CELERY_BROKER_URL:-$${REDIS_URL:-}}" ]; then \
		echo "make worker : définissez CELERY_BROKER_URL (par exemple redis://127.0.0.1:6379/0)." >&2; \
		echo "Sans courtier, les tâches s’exécutent déjà dans le processus Web." >&2; \
		exit 2; \
	fi
	CELERY_CONCURRENCY=$(CELERY_CONCURRENCY) $(BIN)/celery -A ptn worker -l info --concurrency $(CELERY_CONCURRENCY)

migrate: $(STAMP)
	$(MANAGE) migrate --noinput

# Source strings are French (fr-CA): the only catalogue to translate is English.
# After it, translate every new empty msgstr of locale/en/LC_MESSAGES/django.po
# (check, then remove, every "#, fuzzy" flag) and compile again; the .mo is committed.
# --add-location=file: references without line numbers, so that moving code
# around does not rewrite the catalogue. tests/test_translations.py fails while an
# entry is untranslated or fuzzy, or while the .mo does not match the .po.
messages: $(STAMP)
	$(MANAGE) makemessages -l en --no-obsolete --add-location=file \
		--ignore=.venv --ignore=staticfiles --ignore=static/vendor --ignore=tests \
		--ignore=node_modules
	$(MANAGE) compilemessages -l en --ignore=.venv

clean:
	rm -rf staticfiles .pytest_media .pytest_cache .ruff_cache test-results build *.egg-info
	find . -path ./.venv -prune -o -name __pycache__ -type d -prune -exec rm -rf {} +
	rm -f $(STAMP)

# Also removes the virtualenv and the local SQLite database.
distclean: clean
	rm -rf $(VENV) db.sqlite3
