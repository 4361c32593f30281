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

run: $(VENV)/.installed
	env -u DATABASE_URL -u REDIS_URL -u ELASTICSEARCH_URL $(BIN)/python manage.py migrate --noinput
	env -u DATABASE_URL -u REDIS_URL -u ELASTICSEARCH_URL $(BIN)/python manage.py seed_demo
	env -u DATABASE_URL -u REDIS_URL -u ELASTICSEARCH_URL $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

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
.PHONY: bench
bench: $(VENV)/.installed
	for module in bench/[a-z]*.py; do $(BIN)/python -m bench.$$(basename $$module .py) || exit 1; done
