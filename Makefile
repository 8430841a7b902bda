# Beredd: `make demo` runs it, `make test` checks it. Everything it needs, it installs.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
PG_DIR ?= /tmp/beredd-pg
PG_PORT ?= 55432
export DJANGO_SETTINGS_MODULE := beredd.settings

.PHONY: demo test check install messages chromium test-postgres bench serve clean format

$(BIN)/python:
	$(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $(STAMP)

install: $(STAMP) messages
	$(BIN)/python scripts/warm_engine.py

# compilemessages needs GNU gettext's msgfmt.
messages: $(STAMP)
	@command -v msgfmt >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gettext)
	$(BIN)/python manage.py compilemessages --ignore ".venv" -v 0

chromium:
	@test -x /usr/bin/chromium || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium)

# DEBUG is off by default; the demo on one's own machine turns it on.
demo: export DEBUG := True
demo: install
	$(BIN)/python manage.py migrate --noinput -v 0
	$(BIN)/python manage.py createcachetable
	$(BIN)/python manage.py load_demo
	@echo "Starting the task worker and the web server on http://$(HOST):$(PORT) (Ctrl-C stops both)"
	@$(BIN)/python manage.py db_worker --interval 0.5 & worker=$$!; \
	trap "kill $$worker 2>/dev/null" EXIT INT TERM; \
	$(BIN)/python manage.py runserver --noreload $(HOST):$(PORT)

# Production: refuses unsafe settings (one line each), migrates, collects static files for
# whitenoise, then gunicorn (WEB_CONCURRENCY workers x GUNICORN_THREADS threads) and the task
# worker. Put it behind a TLS reverse proxy; README "Run in production".
serve: export STATICFILES_STORAGE ?= whitenoise.storage.CompressedManifestStaticFilesStorage
serve: install
	@$(BIN)/python -m beredd.preflight
	$(BIN)/python manage.py migrate --noinput -v 0
	$(BIN)/python manage.py createcachetable
	$(BIN)/python manage.py collectstatic --noinput -v 0
	@echo "Starting the task worker and gunicorn on http://$(HOST):$(PORT) (Ctrl-C stops both)"
	@$(BIN)/python manage.py db_worker --interval 1 & worker=$$!; \
	trap "kill $$worker 2>/dev/null" EXIT INT TERM; \
	$(BIN)/gunicorn beredd.wsgi --bind $(HOST):$(PORT) \
		--workers $${WEB_CONCURRENCY:-3} --threads $${GUNICORN_THREADS:-4} \
		--access-logfile - --forwarded-allow-ips "$${FORWARDED_ALLOW_IPS:-127.0.0.1}"

check: install
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .
	$(BIN)/mypy beredd
	$(BIN)/lint-imports
	$(BIN)/python manage.py makemigrations --check --dry-run

test: install chromium check
	$(BIN)/pytest -n 2 --dist loadfile

# The database tests (browser tests excepted) against a real PostgreSQL started here.
test-postgres: install
	@command -v pg_ctl >/dev/null || test -x /usr/lib/postgresql/15/bin/pg_ctl || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql)
	bash scripts/with-postgres.sh $(PG_DIR) $(PG_PORT) $(BIN)/pytest -n 2 --dist loadfile -m "not browser"

bench: install
	$(BIN)/python benchmarks/bench_engine.py

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) db.sqlite3* media staticfiles .cache .pytest_cache .mypy_cache .ruff_cache
