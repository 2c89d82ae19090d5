# The README's two commands: `make run` and `make test`. Both create .venv as needed.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test lint ci migrations-check messages install e2e lock lock-upgrade audit screenshots

# Installs exactly what requirements/dev.txt locks, every file checked against its hash
# (requirements/lock makes it from pyproject.toml). The project runs from the checkout.
$(STAMP): requirements/dev.txt
	@echo "→ Installing the locked packages into $(VENV)/ (the first time takes a minute or two)"
	@PYTHON=$(PYTHON) VENV=$(VENV) requirements/install requirements/dev.txt
	@touch $(STAMP)

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

# One line per step, then where to go and the logins; Django's own lines only when
# something is wrong (the dev server's production warning is said in the README instead).
# SITE_URL: the links the site makes without a request (mails, feeds) name this server too.
run: export SITE_URL = http://$(HOST):$(PORT)
run: export DJANGO_RUNSERVER_HIDE_WARNING = true
run: $(STAMP)
	@echo "→ Preparing the database"
	@$(BIN)/python manage.py migrate --noinput -v 0
	@echo "→ Loading the demo newsroom (half a minute the first time)"
	@$(BIN)/python manage.py seed_demo --site-url http://$(HOST):$(PORT)
	@echo "→ Serving http://$(HOST):$(PORT)/ (Ctrl-C stops it)"
	@$(BIN)/python manage.py runserver $(HOST):$(PORT)

test: $(STAMP)
	$(BIN)/python -m pytest

# The README's screenshots, taken afresh on a throwaway demo site (docs/screenshots/take.py).
screenshots: $(STAMP)
	@$(BIN)/python docs/screenshots/take.py

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff check --select C901 newsroom/caching
	$(BIN)/ruff format --check .

migrations-check: $(STAMP)
	$(BIN)/python manage.py makemigrations --check --dry-run

ci:
	bash .ci/run
