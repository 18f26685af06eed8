# The two entry points (see README): `make run` and `make test`. Everything else is a step of them.
SHELL := /bin/bash
export UV_PYTHON_DOWNLOADS := never
# Trust the system certificate store, as pip, npm and Maven here do.
export UV_NATIVE_TLS := 1
UV := $(shell command -v uv 2>/dev/null || echo $(HOME)/.local/bin/uv)

.PHONY: run test setup stack deps migrate seed lint typecheck pytest bench down status

# The local stack's emulator signs the tokens `make run` accepts (never set in production).
run: export FIREBASE_AUTH_EMULATOR_HOST ?= 127.0.0.1:9099
run: setup migrate seed ## the stack, migrations, demo data, the API on :8000 and a worker
	@# The worker rides out outages itself; this loop restarts it if its process dies.
	@( while ! $(UV) run lumen worker; do echo "[run] worker exited; restarting" >&2; sleep 2; done ) & \
	  worker=$$!; \
	  trap 'pkill -TERM -P $$worker 2>/dev/null; kill $$worker 2>/dev/null; wait $$worker' EXIT INT TERM; \
	  $(UV) run lumen serve --host 127.0.0.1 --port 8000

test: setup lint typecheck pytest ## everything CI runs, on both search engines
# Both engines up for make test (so for CI): the whole suite runs on the default one,
# Elasticsearch, and the suites that talk to an engine run again on OpenSearch.
test: export LUMEN_ENGINES := both
ENGINE_SUITES := tests/engine tests/projections tests/queries \
	tests/uploads/test_concurrent_processing.py tests/foundation/test_services.py \
	tests/foundation/test_health.py tests/foundation/test_worker.py \
	tests/outages

setup: deps stack

deps: ## Python packages; the docs pages' scripts; the TypeScript tools the tests use (npm, pinned)
	@command -v uv >/dev/null 2>&1 || [ -x $(UV) ] || python3 -m pip install --user --quiet uv
	$(UV) sync --frozen
	infra/docs-assets
	infra/typescript-tools

stack:
	infra/up

migrate:
	$(UV) run lumen migrate

seed:
	$(UV) run lumen seed cities
	$(UV) run lumen seed demo --size small

lint:
	$(UV) run ruff check .
	$(UV) run ruff format --check .
	$(UV) run lint-imports
	promtool check rules infra/monitoring/alerts.yml
	promtool test rules infra/monitoring/alerts.test.yml

typecheck:
	$(UV) run mypy

pytest:
	$(UV) run pytest
	@# An empty URL means the local stack's address for the engine named.
	LUMEN_TEST_SEARCH_ENGINE=opensearch LUMEN_TEST_SEARCH_URL= $(UV) run pytest $(ENGINE_SUITES)

bench: setup
	$(UV) run --group bench python -m bench

status:
	infra/status

down:
	infra/down
