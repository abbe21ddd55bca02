# newsweave: `make demo` analyses the example corpus; `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
# pytest workers: the quality gate parses real corpora, two workers use both cores of a laptop
WORKERS ?= 2

.PHONY: demo test lint bench clean help

help:
	@echo "make demo   create .venv, install newsweave, analyse examples/ into dossier.json and report.html"
	@echo "make test   create .venv with the dev extras and run the whole suite (unit, CLI, integration, quality gate)"
	@echo "make lint   ruff and mypy"
	@echo "make bench  run the benchmarks against their peers (see bench/README.md)"

$(BIN)/pip:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/pip
	$(BIN)/pip install --quiet -e ".[model]"
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/pip
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $@ $(VENV)/.installed

demo: $(VENV)/.installed
	$(BIN)/newsweave analyze examples/ --json dossier.json --html report.html

test: $(VENV)/.installed-dev
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy
	$(PY) -m pytest -q -n $(WORKERS) --dist loadfile

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy

bench: $(VENV)/.installed-dev
	$(BIN)/pip install --quiet -e ".[bench]"
	@echo "see bench/README.md for each benchmark's command"

clean:
	rm -rf $(VENV) dossier.json report.html .pytest_cache .mypy_cache .ruff_cache
