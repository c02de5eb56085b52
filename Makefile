# quizhost — every target sets up .venv itself; nothing is installed by hand.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip install -q --disable-pip-version-check
# Two installs: RUN_STAMP is what running needs; STAMP adds the tools to test and lint.
RUN_STAMP := $(VENV)/.installed-run
STAMP := $(VENV)/.installed
# An editable install of a project that maps folders into its package (player_web/ and
# question_banks/ become quizhost.*) always gets setuptools' fixed "Editable installation"
# notice; it asks nothing of us, so it is filtered out to keep the install quiet.
QUIET_BUILD := PYTHONWARNINGS="ignore:Editable installation"
BANK ?= question_banks/sample.yaml
DB ?= quizhost.db
ARGS ?=
# The fast loop: pure and in-process tests only (no browser, subprocess server or tmux);
# tests in these folders that are slower or need those are marked `slow`.
UNIT_TESTS := tests/core tests/bank tests/protocol tests/server tests/session tests/store

.PHONY: run unit test lint types style imports jscheck bench clean venv hooks

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(PIP) --upgrade pip

$(RUN_STAMP): pyproject.toml | $(BIN)/python
	$(QUIET_BUILD) $(PIP) -e .
	touch $@

$(STAMP): pyproject.toml | $(BIN)/python
	$(QUIET_BUILD) $(PIP) -e '.[dev]'
	touch $@ $(RUN_STAMP)

venv: $(STAMP)

# Options for `quizhost run`: make run ARGS="--port 9000 --host 127.0.0.1"
run: $(RUN_STAMP)
	$(BIN)/quizhost run $(BANK) --db $(DB) $(ARGS)

unit: $(STAMP)
	$(BIN)/python -m pytest -m "not slow" -q --durations=5 $(UNIT_TESTS) $(PYTEST_ARGS)

test: $(STAMP)
	$(BIN)/python -m pytest --cov=quizhost --cov-report=term-missing:skip-covered $(PYTEST_ARGS)
	@echo "Coverage of the game core and banks (must be >= 95%):"
	@$(BIN)/python -m coverage report --include='quizhost/core/*,quizhost/bank/*' \
		--fail-under=95 --format=total

# The load generator: every target row against quizhost and the bare-websockets baseline
# (docs/performance.md). One run: $(BIN)/python -m bench run --players 2000 --baseline
bench: $(STAMP)
	$(BIN)/python -m bench table $(BENCH_ARGS)

lint: style types imports jscheck

style: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

types: $(STAMP)
	$(BIN)/mypy

# The layer contracts in pyproject.toml ([tool.importlinter]).
imports: $(STAMP)
	$(BIN)/lint-imports

# Run `make lint` before every commit (.pre-commit-config.yaml).
hooks: $(STAMP)
	$(BIN)/pre-commit install

# The player page's JSDoc types, checked by TypeScript's checker (tsconfig.json); installed
# from npm into the ignored .tools/, never committed.
TSC := .tools/node_modules/.bin/tsc
$(TSC):
	npm install --prefix .tools --no-audit --no-fund --silent typescript@5.9.3

jscheck: $(TSC)
	$(TSC) -p tsconfig.json

clean:
	rm -rf $(VENV) .tools .pytest_cache .mypy_cache .ruff_cache build *.egg-info .coverage
