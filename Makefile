# ward-analysis — set-up, build and test. `make` lists the targets.
# Needs only python3 (>= 3.11) and make: the first target that needs the
# environment creates .venv and installs the project into it.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.DEFAULT_GOAL := help
.PHONY: help install reports lab test test-fast lint format bench clean

help: ## list the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-zA-Z_-]+:.*## / {printf "  make %-12s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11) and "ward-analysis needs Python >= 3.11; set PYTHON=python3.11 or newer")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $@

install: $(STAMP) ## create .venv and install the project with its test tools

reports: $(STAMP) ## build everything from data/raw/: clean, assess, HTML reports + index in reports/
	$(BIN)/ward-analysis reports
	$(BIN)/ward-analysis assess

lab: $(STAMP) ## start JupyterLab on the project's environment (notebooks/)
	$(BIN)/jupyter lab --notebook-dir=notebooks

test: $(STAMP) ## run the whole test suite (lint included; slow tests too)
	$(BIN)/ruff check ward_analysis tests benchmarks
	$(BIN)/python -m pytest

test-fast: $(STAMP) ## run the suite without the slow tests
	$(BIN)/python -m pytest -m "not slow"

lint: $(STAMP) ## ruff check
	$(BIN)/ruff check ward_analysis tests benchmarks

format: $(STAMP) ## ruff format and fix imports
	$(BIN)/ruff check --fix ward_analysis tests
	$(BIN)/ruff format ward_analysis tests

bench: $(STAMP) ## benchmarks: assess 100 … 3,321 synthetic wards (time, peak memory)
	$(BIN)/python benchmarks/bench_assess.py

clean: ## remove the environment and everything generated
	rm -rf $(VENV) data/processed/*.csv reports/*.html .pytest_cache .ruff_cache .hypothesis
