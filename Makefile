# Porth: `make run` to try it, `make test` to check it. `make help` lists the rest.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: help install run serve worker demo test test-browser lint format messages check clean stack stack-down backup restore loadtest

help: ## List the commands
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check uv

$(VENV)/.installed: $(BIN)/python requirements/base.txt requirements/dev.txt
	$(BIN)/uv pip install --quiet --python $(BIN)/python -r requirements/base.txt -r requirements/dev.txt
	touch $@

# The Redis task queue (TASK_BACKEND=rq) is optional: `make run` does without it, `make test`
# installs it so the suite covers that path too.
$(VENV)/.redis-installed: $(VENV)/.installed requirements/redis.txt
	$(BIN)/uv pip install --quiet --python $(BIN)/python -r requirements/redis.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

porth/core/static/core/css/main.css: node_modules/.installed $(wildcard frontend/scss/*.scss) frontend/build.mjs
	npm run --silent build

install: $(VENV)/.installed node_modules/.installed porth/core/static/core/css/main.css ## Install everything (Python, npm, assets, Welsh catalogue)
	if compgen -G 'porth/*/locale' >/dev/null; then $(MANAGE) compilemessages --ignore=.venv --ignore=node_modules -v0; fi

demo: install ## Set up the database with organisations, pages, demo services, standards and accounts
	$(MANAGE) migrate --no-input -v0
	$(MANAGE) seed --demo

run: demo ## Install, load demo data and serve on http://127.0.0.1:8000 with a worker
	@echo "Porth: http://$(HOST):$(PORT)/  (Ctrl+C stops the web server and the worker)"
	@trap 'kill 0' EXIT; \
	$(MANAGE) db_worker & \
	$(MANAGE) runserver $(HOST):$(PORT)

worker: install ## Run the background worker on its own
	$(MANAGE) db_worker

test: install $(VENV)/.redis-installed ## Install (Redis extras too), lint and run every test (browser tests included)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-logo
	DJANGO_SETTINGS_MODULE=config.settings.test $(MANAGE) makemigrations --check --dry-run -v0
	$(BIN)/pytest --ds=config.settings.test $(PYTEST_ARGS)

lint: install ## Check code style and the import contracts between apps (.importlinter)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-logo

format: install ## Fix code style
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

messages: install ## Update the Welsh catalogues from the code and templates
	for app in porth/*/; do \
	  if [ -d "$$app/locale" ]; then (cd $$app && ../../$(BIN)/python ../../manage.py makemessages -l cy --no-obsolete --ignore=tests -v0); fi; \
	done
	$(MANAGE) update_upstream_welsh

check: install ## Django's system checks, with production settings
	SECRET_KEY=$$(python3 -c 'import secrets; print(secrets.token_urlsafe(64))') \
	  DJANGO_SETTINGS_MODULE=config.settings.production $(MANAGE) check --deploy --fail-level WARNING

# locust in a virtualenv of its own: its gevent must not share a process with Django.
.venv-bench/.installed: requirements/bench.txt
	$(PYTHON) -m venv .venv-bench
	$(BIN)/uv pip install --quiet --python .venv-bench/bin/python -r requirements/bench.txt
	touch $@

LOADTEST_USERS ?= 50
LOADTEST_SECONDS ?= 120
LOADTEST_WORKERS ?= 3
LOADTEST_ARGS ?=
loadtest: install $(VENV)/.redis-installed .venv-bench/.installed ## Load test (locust, not part of `make test`): DATABASE_URL=postgres://... [LOADTEST_USERS=50 LOADTEST_SECONDS=120 LOADTEST_WORKERS=3 LOADTEST_HOST=...]
	$(BIN)/python bench/load/run.py --users $(LOADTEST_USERS) --seconds $(LOADTEST_SECONDS) \
	  --workers $(LOADTEST_WORKERS) $(if $(LOADTEST_HOST),--host $(LOADTEST_HOST)) $(LOADTEST_ARGS)

clean: ## Remove installed and generated files
	rm -rf $(VENV) .venv-bench node_modules porth/core/static/core/css porth/core/static/core/govuk staticfiles

stack: install $(VENV)/.redis-installed ## Production-like: nginx + 3 gunicorn + 2 workers on PostgreSQL and Redis (docs/deploy.md)
	config/stack/stack.sh up

stack-down: ## Stop what `make stack` started, each by its recorded process ID
	config/stack/stack.sh down

backup: install ## Dump PostgreSQL (pg_dump, custom format) and the media into var/backups (BACKUP_DIR=...)
	$(MANAGE) backup $(if $(BACKUP_DIR),--to $(BACKUP_DIR))

restore: install ## Restore DUMP=var/backups/porth-....dump [MEDIA=...-media.tar.gz] [RESTORE_DATABASE_URL=...]
	$(MANAGE) restore $(DUMP) $(if $(MEDIA),--media $(MEDIA)) $(if $(RESTORE_DATABASE_URL),--database-url $(RESTORE_DATABASE_URL))
