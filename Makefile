# Tension Dashboard — every target sets up what it needs first (only Python 3.11+ and make required).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PORT   ?= 8501

.PHONY: dashboard test lint types unit eval bench demo clean help

help:
	@echo "make dashboard  set up, load the demo corpus if the store is empty, start on 127.0.0.1:$(PORT)"
	@echo "make test       set up with test extras, then lint, types, unit, app and browser tests"
	@echo "make eval       scoring and attribution evaluations (reads ../shared when present);"
	@echo "                the issue-11 table of eval/score_dev.py; the fit is re-run and checked"
	@echo "                (python eval/fit_weights.py --check; --write stores the refit in"
	@echo "                eval/fitted_weights.toml), python -m tools.build_cameo rebuilds"
	@echo "                scoring/data/cameo.toml"
	@echo "make bench      speed and memory benchmarks; figures to bench/results.json"

$(BIN)/python:
	$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11) and "Python 3.11+ is required")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	@touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	@touch $@

dashboard: $(VENV)/.installed
	$(BIN)/tension demo --if-empty
	@echo "Open http://127.0.0.1:$(PORT) (Ctrl+C stops the dashboard)"
	$(BIN)/tension dashboard --host 127.0.0.1 --port $(PORT)

demo: $(VENV)/.installed
	$(BIN)/tension demo

lint: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

types: $(VENV)/.installed-test
	$(BIN)/mypy

unit: $(VENV)/.installed-test
	$(BIN)/python -m pytest

test: lint types unit

$(VENV)/.installed-eval: pyproject.toml $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e '.[eval]'
	@touch $@

eval: $(VENV)/.installed-eval
	$(BIN)/python -m tools.build_cameo --check
	$(BIN)/python eval/fit_weights.py --check
	$(BIN)/python eval/score_unscon.py
	$(BIN)/python eval/score_dev.py
	$(BIN)/python eval/bow_ceiling.py
	$(BIN)/python eval/attribution.py

bench: $(VENV)/.installed-test
	$(BIN)/python -m bench.run

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache test-artifacts
