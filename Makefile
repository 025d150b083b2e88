# ASM Hub: `make run` sets everything up and serves the hub at
# http://127.0.0.1:5000; `make test` sets up and runs the whole test suite.
# Both are safe to run again: they reuse what exists and lose nothing.

SHELL := /bin/bash
VENV  ?= .venv
PY    := $(VENV)/bin/python
CKAN  := $(VENV)/bin/ckan
INI   ?= ckan.ini
HOST  ?= 127.0.0.1
PORT  ?= 5000
# Parallel checkouts can each test against their own database and Redis db:
# `make test TEST_DB=asmhub_test_x TEST_REDIS=redis://127.0.0.1:6379/5`.
TEST_DB    ?= asmhub_test
TEST_REDIS ?= redis://127.0.0.1:6379/1
TEST_WORKERS ?= 2
# CKAN's own search tests on a stock site with asmhub_search alone (test-search-core).
CORE_DB    ?= asmhub_core
CORE_REDIS ?= redis://127.0.0.1:6379/11
# The DataStore URLs of a CKAN database DB: DB_datastore (scripts/datastore.sh).
DATASTORE_ENV = CKAN_DATASTORE_WRITE_URL=postgresql://asmhub:asmhub@127.0.0.1:5432/$(1)_datastore \
  CKAN_DATASTORE_READ_URL=postgresql://asmhub_datastore_ro:asmhub_datastore_ro@127.0.0.1:5432/$(1)_datastore
TEST_ENV   := CKAN_SQLALCHEMY_URL=postgresql://asmhub:asmhub@127.0.0.1:5432/$(TEST_DB) CKAN_REDIS_URL=$(TEST_REDIS) \
  $(call DATASTORE_ENV,$(TEST_DB))

.PHONY: run test test-search-core services test-services venv i18n db admin seed index datastore serve stop lint bench screenshots atlas help docker-check

help:
	@echo "make run   - install what is missing, seed demo content, serve on http://$(HOST):$(PORT)"
	@echo "make test  - install what is missing and run the whole test suite"
	@echo "make stop  - stop the server and workers started by make run"

run: services venv i18n db admin seed index datastore serve

# Browser tests drive Debian's chromium (Playwright cannot download browsers here).
# TEST_WORKERS pytest processes (pytest-xdist), each with its own database
# $(TEST_DB)_gwN and Redis database (tests/workers.py); 0 runs in one process on $(TEST_DB).
test: test-services venv i18n node_modules/.installed
	@mkdir -p var
	@dbs="$(TEST_DB)"; [ "$(TEST_WORKERS)" -gt 0 ] && dbs=$$(for w in $$(seq 0 $$(($(TEST_WORKERS) - 1))); do echo $(TEST_DB)_gw$$w; done); \
	for db in $$dbs; do bash scripts/database.sh $$db && bash scripts/datastore.sh $(CKAN) test.ini $$db && \
	  CKAN_SQLALCHEMY_URL=postgresql://asmhub:asmhub@127.0.0.1:5432/$$db CKAN_REDIS_URL=$(TEST_REDIS) \
	  $(call DATASTORE_ENV,$${db}) $(CKAN) -c test.ini db upgrade >/dev/null || exit 1; done
	$(TEST_ENV) $(VENV)/bin/pytest -n $(TEST_WORKERS) --dist loadscope $(PYTEST_ARGS)
	@[ -n "$(PYTEST_ARGS)" ] || $(MAKE) --no-print-directory test-search-core

# CKAN's own package_search, index and dataset search page tests against a stock
# CKAN 2.12 site whose only plugin is asmhub_search (tests/search/core.ini, on
# $(CORE_DB) and $(CORE_REDIS)); `make test` runs it after the suite when no
# PYTEST_ARGS narrow the run. Deselected core tests and why: scripts/test-search-core.sh.
test-search-core: test-services venv
	@bash scripts/test-search-core.sh $(VENV) $(CORE_DB) $(CORE_REDIS) -q

services:
	@bash scripts/services.sh

test-services:
	@bash scripts/services.sh chromium fonts-liberation

# Translations: compile ckanext/asmhub/i18n/*/LC_MESSAGES/*.po into the .mo files
# CKAN loads (fast; always run so a .mo is never older than its .po).
i18n: venv
	@PYTHONWARNINGS=ignore $(PY) setup.py -q compile_catalog

# axe-core (npm, pinned in package-lock.json) for the accessibility tests.
node_modules/.installed: package.json package-lock.json
	@command -v npm >/dev/null || bash scripts/services.sh nodejs npm
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

# The venv is rebuilt only when the requirements change.
venv: $(VENV)/.installed
$(VENV)/.installed: requirements.txt requirements-no-deps.txt dev-requirements.txt pyproject.toml setup.py
	@test -x $(PY) || python3 -m venv $(VENV)
	$(VENV)/bin/pip install -q --disable-pip-version-check -r requirements.txt -r dev-requirements.txt
	$(VENV)/bin/pip install -q --disable-pip-version-check --no-deps -r requirements-no-deps.txt
	$(VENV)/bin/pip install -q --disable-pip-version-check --no-deps -e .
	@touch $@

$(INI):
	@bash scripts/config.sh $(INI)

db: $(INI)
	@bash scripts/database.sh asmhub
	@bash scripts/datastore.sh $(CKAN) $(INI) asmhub
	@bash scripts/ini-set.sh $(INI) ckan.datastore.write_url postgresql://asmhub:asmhub@127.0.0.1:5432/asmhub_datastore
	@bash scripts/ini-set.sh $(INI) ckan.datastore.read_url postgresql://asmhub_datastore_ro:asmhub_datastore_ro@127.0.0.1:5432/asmhub_datastore
	@mkdir -p var/storage var/run var/log var/harvest
	$(CKAN) -c $(INI) db upgrade

admin: $(INI)
	@bash scripts/admin.sh $(CKAN) $(INI)

seed: $(INI)
	$(CKAN) -c $(INI) asmhub seed

index: $(INI)
	$(CKAN) -c $(INI) search-index rebuild

# xloader's API token (written into $(INI) once), default views for every resource,
# and every tabular resource not yet in the DataStore queued for loading (docs/datastore.md).
datastore: $(INI)
	@bash scripts/xloader.sh $(CKAN) $(INI)

serve: $(INI)
	@bash scripts/serve.sh $(CKAN) $(INI) $(HOST) $(PORT)

stop:
	@bash scripts/serve.sh --stop

lint: venv
	$(VENV)/bin/ruff check .
	cd ckanext && ../$(VENV)/bin/lint-imports --no-cache --no-logo ../pyproject.toml

bench: venv
	$(TEST_ENV) $(PY) bench/search.py --ini test.ini

# Retake the README's screenshots (Countries table, a profile, the home page) in chromium.
screenshots: test-services venv
	@bash scripts/database.sh $(TEST_DB)
	@bash scripts/datastore.sh $(CKAN) test.ini $(TEST_DB)
	$(TEST_ENV) $(CKAN) -c test.ini db upgrade >/dev/null
	$(TEST_ENV) ASMHUB_SCREENSHOT_DIR=docs/screenshots $(VENV)/bin/pytest -q tests/e2e/test_countries_screenshots.py

# Check the production stack in docker/ without a Docker engine (docker/README.md).
docker-check:
	@bash docker/checks/run.sh

# Copy the basemap data (npm world-atlas, pinned in package.json) into the extension's public files.
atlas:
	npm install --no-audit --no-fund
	cp node_modules/world-atlas/countries-110m.json node_modules/world-atlas/countries-50m.json \
	   node_modules/world-atlas/LICENSE ckanext/asmhub/public/asmhub/atlas/
