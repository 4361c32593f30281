# Komunikat: `make run` serves the embedded default, `make test` runs the whole suite on real services.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PORT   ?= 8000

.PHONY: run test lint messages services-up services-down clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip setuptools wheel

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e ".[test]"
	touch $@

# The demo's social channels publish to local stand-ins of the platforms (manage.py platform_sandbox),
# started here and stopped with the server; the platforms' addresses point at them.
SANDBOX_PORT ?= 8010
SANDBOX := http://127.0.0.1:$(SANDBOX_PORT)
EMBEDDED := env -u DATABASE_URL -u REDIS_URL -u ELASTICSEARCH_URL KOMUNIKAT_SANDBOX_URL=$(SANDBOX) \
	FACEBOOK_GRAPH_URL=$(SANDBOX)/facebook INSTAGRAM_GRAPH_URL=$(SANDBOX)/instagram LINKEDIN_API_URL=$(SANDBOX)/linkedin

run: $(VENV)/.installed
	$(EMBEDDED) $(BIN)/python manage.py migrate --noinput
	$(EMBEDDED) $(BIN)/python manage.py platform_sandbox --port $(SANDBOX_PORT) & sandbox=$$!; \
	trap 'kill $$sandbox' EXIT INT TERM; \
	$(EMBEDDED) $(BIN)/python manage.py seed_demo && \
	$(EMBEDDED) $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

test: $(VENV)/.installed
	scripts/test.sh

lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# Re-extract and compile the Polish catalogue after changing user-facing strings.
IGNORE := -i ".venv/*" -i "var/*" -i ".services/*" -i "tests/*" -i "bench/*" -i "cms/plugin_api/plugin_template/*"
messages: $(VENV)/.installed
	$(BIN)/python manage.py makemessages -l pl $(IGNORE)
	$(BIN)/python manage.py compilemessages -l pl $(IGNORE)

services-up:
	scripts/services.sh up

services-down:
	scripts/services.sh down

clean:
	rm -rf $(VENV) var .services .pytest_cache .ruff_cache

# Benchmarks (bench/): ratios against a baseline measured in the same run, on a throw-away database.
# They run against the services scripts/services.sh starts (outbox_publish needs PostgreSQL and Redis).
.PHONY: bench
bench: $(VENV)/.installed services-up
	. .services/env && for module in bench/[a-z]*.py; do $(BIN)/python -m bench.$$(basename $$module .py) || exit 1; done
