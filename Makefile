# Deux commandes suffisent : `make run` (démonstration locale) et `make test` (toute la suite).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test verifier

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(VENV)/.installe-run: requirements.txt | $(BIN)/python
	$(BIN)/pip install -q -r requirements.txt
	touch $@

$(VENV)/.installe-dev: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install -q -r requirements-dev.txt
	touch $@ $(VENV)/.installe-run

run: $(VENV)/.installe-run
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py charger_referentiel
	$(BIN)/python manage.py charger_demo
	@echo "Application servie sur http://127.0.0.1:8000, avec un processus de tâches (Ctrl+C arrête les deux)"
	@nice -n 10 $(BIN)/python manage.py db_worker --queue-name='*' & trap "kill $$! 2>/dev/null" EXIT INT TERM; \
	$(BIN)/python manage.py runserver 127.0.0.1:8000

test: $(VENV)/.installe-dev
	$(BIN)/pytest

verifier: $(VENV)/.installe-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python manage.py makemigrations --check --dry-run
	PYTHONPATH=. $(BIN)/lint-imports
