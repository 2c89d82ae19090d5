# The README's two commands: `make run` and `make test`. Both create .venv as needed.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test lint ci migrations-check messages install e2e lock lock-upgrade audit

# Installs exactly what requirements/dev.txt locks, every file checked against its hash
# (requirements/lock makes it from pyproject.toml). The project runs from the checkout.
$(STAMP): requirements/dev.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements/dev.txt
	touch $(STAMP)

install: $(STAMP)

# The lock files: `make lock` after changing pyproject.toml's dependencies (keeps what it
# can), `make lock-upgrade` for the newest versions the ranges allow; then `make audit`.
lock:
	requirements/lock

lock-upgrade:
	requirements/lock --upgrade

# Known vulnerabilities in what production and development install, read from the locks.
audit:
	test -x .venv-tools/bin/pip-audit || requirements/lock
	.venv-tools/bin/pip-audit --require-hashes --disable-pip --progress-spinner off --strict \
		-r requirements/prod.txt
	.venv-tools/bin/pip-audit --require-hashes --disable-pip --progress-spinner off --strict \
		-r requirements/dev.txt

# Translations: the compiled .mo files are committed, so a new machine needs no gettext.
# locale/third_party/ (Django's and other apps' missing Vietnamese) is kept by hand.
messages: $(STAMP)
	$(BIN)/python manage.py makemessages -l vi -l en --no-obsolete \
		--ignore=.venv --ignore=bench --ignore=media --ignore=staticfiles --ignore=tests
	$(BIN)/python manage.py compilemessages --ignore=.venv

run: $(STAMP)
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py seed_demo --site-url http://$(HOST):$(PORT)
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

test: $(STAMP)
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff check --select C901 newsroom/caching
	$(BIN)/ruff format --check .

migrations-check: $(STAMP)
	$(BIN)/python manage.py makemigrations --check --dry-run

ci:
	bash .ci/run
