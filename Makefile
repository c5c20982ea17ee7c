# ward-analysis — set-up, build and test. `make` lists the targets.
# Needs only python3 (>= 3.11) and make: the first target that needs the
# environment creates .venv and installs the project into it.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
# The exact versions to install (`make lock` refreshes it); LOCK= installs from pyproject.toml.
LOCK ?= requirements.lock

.DEFAULT_GOAL := help
.PHONY: help install lock reports lab test test-fast browser lint format backtest bench clean distclean

help: ## list the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-zA-Z_-]+:.*## / {printf "  make %-12s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

$(STAMP): pyproject.toml $(LOCK)
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11) and "ward-analysis needs Python >= 3.11; set PYTHON=python3.11 or newer")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -qq --upgrade pip
	$(if $(LOCK),$(BIN)/python -m pip install -qq -r $(LOCK))
	$(BIN)/python -m pip install -qq $(if $(LOCK),--no-deps )-e '.[dev]'
	@touch $@

install: $(STAMP) ## create .venv and install the project with its test tools (the versions of requirements.lock)

lock: $(STAMP) ## refresh requirements.lock: the newest versions pyproject.toml allows (then run make test)
	$(BIN)/python -m pip install -qq uv
	$(BIN)/uv pip compile pyproject.toml --extra dev --python-version $$($(BIN)/python -c 'import platform; print(platform.python_version())') --upgrade --no-header --no-annotate -o $(LOCK).new
	@{ sed -n '/^#/p' $(LOCK); cat $(LOCK).new; } > $(LOCK).tmp && rm $(LOCK).new && mv $(LOCK).tmp $(LOCK)
	@echo "$(LOCK) refreshed; 'make test' installs it into a new .venv and runs the suite"

reports: $(STAMP) ## build everything from data/raw/: every unit's reports (vi, en) and the page of all units; only what changed
	$(BIN)/ward-analysis reports
	$(BIN)/ward-analysis reports --lang en
	$(BIN)/ward-analysis assess --observations data/processed/chi_lang/observations.csv

# JupyterLab refuses to start as root unless told to (a container, a CI box).
LAB_ROOT = $(if $(filter 0,$(shell id -u)), --allow-root)
lab: $(STAMP) ## start JupyterLab at the project root (notebooks/, reports/, data/) on the project's environment
	$(BIN)/jupyter lab --notebook-dir=$(CURDIR)$(LAB_ROOT)

test: $(STAMP) ## run the whole test suite (lint and format check included; slow notebook and browser tests too)
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "The browser tests need Chromium: run 'make browser' once (installs Debian's chromium; needs root)" >&2; exit 1; }
	$(BIN)/ruff check ward_analysis tests benchmarks notebooks
	$(BIN)/ruff format --check ward_analysis tests benchmarks notebooks
	$(BIN)/python -m pytest -n 2 --dist loadfile

browser: ## install Debian's chromium for the browser tests, if it is missing (needs root)
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "The browser tests need Chromium: sudo apt-get install chromium" >&2; exit 1; fi; }

test-fast: $(STAMP) ## run the suite without the slow tests
	$(BIN)/python -m pytest -m "not slow"

lint: $(STAMP) ## ruff check and ruff format --check
	$(BIN)/ruff check ward_analysis tests benchmarks notebooks
	$(BIN)/ruff format --check ward_analysis tests benchmarks notebooks

format: $(STAMP) ## ruff format and fix imports
	$(BIN)/ruff check --fix ward_analysis tests benchmarks notebooks
	$(BIN)/ruff format ward_analysis tests benchmarks notebooks

backtest: $(STAMP) ## score ours and the three baselines on the real series (tuning part), shipped and synthetic data
	$(BIN)/python benchmarks/backtest_real.py

bench: $(STAMP) ## benchmarks: assess 3,321 units (one catalog, and each its own); clean 100,000 rows; build a synthetic province (1, 20, 135 units) vs a plain Papermill pool and the no-notebook floor
	$(BIN)/python benchmarks/bench_assess.py
	$(BIN)/python benchmarks/bench_clean.py
	$(BIN)/python benchmarks/bench_reports.py

clean: ## remove everything generated (reports, processed tables, caches); keeps .venv
	rm -rf data/processed/*.csv reports/*.html reports/*.ipynb reports/*.csv reports/*.xlsx reports/*.docx reports/*.key.json .cache .pytest_cache .ruff_cache .hypothesis
	find data/processed reports -mindepth 1 -maxdepth 1 -type d -exec rm -rf {} +

distclean: clean ## also remove the environment (.venv)
	rm -rf $(VENV)
