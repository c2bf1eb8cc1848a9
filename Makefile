# loti-okr: `make run` to try it, `make test` to test it. See the README.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
HOST ?= 127.0.0.1

.PHONY: run install assets migrate load-plan serve superuser test screenshots bench perf lint format check clean

run: install assets migrate load-plan serve

$(BIN)/python:
	$(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)

# Reinstall only when pyproject.toml changes.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

install: $(VENV)/.installed

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts

# GOV.UK Frontend, compiled with our settings into assets/dist/. Its images are copied; its
# fonts are not: GDS Transport is licensed for GOV.UK services only.
assets: node_modules/.package-lock.json
	npm run --silent build
	mkdir -p assets/dist/js
	cp node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.js assets/dist/js/
	cp assets/js/app.mjs assets/dist/js/
	rm -rf assets/dist/govuk && mkdir -p assets/dist/govuk/assets
	cp -r node_modules/govuk-frontend/dist/govuk/assets/images assets/dist/govuk/assets/

migrate: install
	DEBUG=true $(BIN)/python manage.py migrate --no-input

# Loads the Q2 plan once; run again, it keeps what staff have edited since.
load-plan: migrate
	DEBUG=true $(BIN)/python manage.py load_plan loti-year3-q2

serve:
	DEBUG=true $(BIN)/python manage.py runserver $(HOST):$(PORT)

# Asks for the username, full name, e-mail address and password.
superuser: migrate
	DEBUG=true $(BIN)/python manage.py createsuperuser

# Browser tests need the stylesheet and Debian's Chromium; without Chromium they are skipped,
# and pytest says so in its summary (with CI=true they fail instead).
test: install assets
	@test -x /usr/bin/chromium || echo "make test: /usr/bin/chromium not found: browser tests will be skipped (apt-get install chromium)"
	$(BIN)/pytest -rs $(PYTEST_ARGS)

# Regenerates docs/screenshots/*.png from sample data in a throwaway test database.
screenshots: install assets
	$(BIN)/pytest -m screenshots tests/browser/test_screenshots.py

# The production setup under load; writes docs/performance.md. Needs PostgreSQL and wrk.
bench: install assets
	@command -v wrk >/dev/null || (apt-get update -qq && apt-get install -y -qq wrk)
	$(BIN)/python bench/bench.py
	$(MAKE) perf

# Timings and budgets that pin today's design (Lighthouse performance, a hit's queries, the
# dashboard's weight): tests marked perf, left out of make test.
perf: install assets
	$(BIN)/pytest -rs -m perf

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

check: install
	DEBUG=true $(BIN)/python manage.py check
	DEBUG=true $(BIN)/python manage.py makemigrations --check --dry-run

clean:
	rm -rf $(VENV) node_modules assets/dist staticfiles *.egg-info
