# `make run` opens the app on the sample timeline; `make test` runs the tests;
# `make bench` runs the benchmarks. Each creates .venv on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: compile run test bench check lint clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test,lint]'
	touch $(STAMP)

# Byte-compile first, as installing a package does: an editable install run with
# PYTHONDONTWRITEBYTECODE set (as on CI machines) would compile every module at every start.
compile: $(STAMP)
	$(BIN)/python -m compileall -q timeline_tui benchmarks

# `make run ARGS="some/folder file.toml"` opens other paths.
ARGS ?= events/
run: compile
	$(BIN)/timeline $(ARGS)

test: $(STAMP)
	$(BIN)/python -m pytest -q -n 2

# ruff (lint and format) over the package, tests and benchmarks; mypy on the package
# (strict on core, records and view: see pyproject.toml).
lint: $(STAMP)
	$(BIN)/ruff check timeline_tui tests benchmarks
	$(BIN)/ruff format --check timeline_tui tests benchmarks
	$(BIN)/mypy

check: $(STAMP)
	$(BIN)/timeline check events/

# `make bench BENCH_ARGS=--million` adds the figures at 1,000,000 events (about 4 minutes more);
# `--results FILE` also writes the table as Markdown.
BENCH_ARGS ?=
bench: compile
	$(BIN)/python -m benchmarks.run $(BENCH_ARGS)

clean:
	rm -rf $(VENV) .pytest_cache build dist
