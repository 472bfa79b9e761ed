# Recourse: two commands. `make run` sets up and serves; `make test` sets up and tests.
# Every target is safe to rerun: stamps and content hashes skip work that is up to date.

PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
DATA ?= data
HOST ?= 127.0.0.1
PORT ?= 8000
export RECOURSE_DATA_DIR ?= $(abspath $(DATA))
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export TOKENIZERS_PARALLELISM := false
PG_URL ?= postgres://postgres@127.0.0.1:5432/recourse
REDIS_URL ?= redis://127.0.0.1:6379/15
CONTENT := $(shell find legal_content -type f -name '*.md' 2>/dev/null)

.PHONY: run test setup lint browser-deps db content index clean evaluate benchmark maps messages fuzz

run: setup
	@echo "Admin: make the first account (two-factor) with: $(PY) manage.py create_staff NAME --role admin"
	$(PY) manage.py runserver $(HOST):$(PORT) --noreload

setup: $(VENV)/.installed db content index messages

# Translations: the .po files are the source, the compiled .mo files are committed too; msgfmt (Debian's
# gettext) recompiles any .mo older than its .po.
MO := $(patsubst %.po,%.mo,$(wildcard locale/*/LC_MESSAGES/django.po))
messages: $(MO)
locale/%/LC_MESSAGES/django.mo: locale/%/LC_MESSAGES/django.po
	@command -v msgfmt >/dev/null || { apt-get update -qq && apt-get install -y -qq gettext >/dev/null; }
	msgfmt --check -o $@ $<

# torch first, from the CPU wheel on disk, so sentence-transformers finds it and pulls no CUDA build.
$(VENV)/.installed: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q torch==2.13.0
	$(BIN)/pip install -q -e '.[dev]'
	touch $@

db: $(VENV)/.installed
	@mkdir -p $(DATA)
	$(PY) manage.py migrate --noinput -v 0
	$(PY) manage.py create_roles -v 0 > /dev/null
	$(PY) manage.py collectstatic --noinput -v 0

content: $(DATA)/.content-loaded
$(DATA)/.content-loaded: $(CONTENT) $(VENV)/.installed
	$(MAKE) db
	$(PY) manage.py load_content
	touch $@

# build_index compares the content hash with the saved manifest and returns at once when current.
index: $(DATA)/.content-loaded
	$(PY) manage.py build_index

.PHONY: serve serve-setup nginx stress test-deploy
# The production server (deploy/README.md): nginx in front of gunicorn with the model preloaded, on
# PostgreSQL and Redis. Its own data folder (index) and stamps, so it never mixes with `make run`'s SQLite.
SERVE_PORT ?= 8080
SERVE_DB ?= postgres://postgres@127.0.0.1:5432/recourse
SERVE_REDIS ?= redis://127.0.0.1:6379/0
SERVE_ENV = DATABASE_URL=$(SERVE_DB) RECOURSE_CACHE_URL=$(SERVE_REDIS) RECOURSE_DATA_DIR=$(abspath $(DATA))/serve
serve: serve-setup
	$(SERVE_ENV) $(PY) deploy/serve.py --port $(SERVE_PORT)
serve-setup: $(VENV)/.installed nginx
	$(SERVE_ENV) $(PY) deploy/createdb.py
	$(MAKE) setup DATA=$(DATA)/serve $(SERVE_ENV)
nginx:
	@command -v nginx >/dev/null || test -x /usr/sbin/nginx || \
		{ apt-get update -qq && apt-get install -y -qq nginx-light >/dev/null; }

# Load test against a production instance it starts (bounded: about 3 minutes, loopback only).
STRESS_PORT ?= 8081
stress: serve-setup
	$(SERVE_ENV) $(PY) deploy/stress.py --serve --url http://127.0.0.1:$(STRESS_PORT)

# Two instances over one PostgreSQL and Redis, slow clients (tests/deploy; a few minutes).
test-deploy: $(VENV)/.installed nginx
	RECOURSE_TEST_DEPLOY=1 $(PY) -m pytest tests/deploy -p no:randomly

# Browser tests: Debian's chromium and axe-core from the npm registry.
browser-deps: node_modules/axe-core/axe.min.js
	@command -v chromium >/dev/null || { apt-get update -qq && apt-get install -y -qq chromium >/dev/null; }
node_modules/axe-core/axe.min.js: package.json
	@command -v npm >/dev/null || { apt-get update -qq && apt-get install -y -qq npm >/dev/null; }
	npm install --no-audit --no-fund --silent
	touch $@

test: $(VENV)/.installed browser-deps messages
	$(BIN)/ruff check .
	$(PY) -m pytest
	@if $(PY) -c "import psycopg,sys; psycopg.connect('$(PG_URL)'.rsplit('/',1)[0]+'/postgres', connect_timeout=3).close()" 2>/dev/null; then \
		echo "== again on PostgreSQL ($(PG_URL)) with Redis cache"; \
		DATABASE_URL=$(PG_URL) RECOURSE_CACHE_URL=$(REDIS_URL) $(PY) -m pytest -m "not browser"; \
	else echo "== PostgreSQL not reachable on 127.0.0.1:5432: PostgreSQL pass skipped"; fi

# Schemathesis, every check, against a live server on loopback (kb/management/commands/fuzz_api.py).
fuzz: $(VENV)/.installed
	$(PY) manage.py fuzz_api

lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# Tune on dev; test is only reported (and gates `make test` through tests/chat/test_evaluation_gate.py).
evaluate: setup
	$(PY) manage.py evaluate --split dev
	$(PY) manage.py evaluate --split test

benchmark: setup
	$(PY) manage.py benchmark

# Map outlines come from npm packages; the preprocessed paths are committed.
maps: $(VENV)/.installed
	npm install --no-audit --no-fund --silent
	$(PY) manage.py build_map_paths

clean:
	rm -rf $(VENV) $(DATA) node_modules
