# quizhost — every target sets up .venv itself; nothing is installed by hand.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
BANK ?= question_banks/sample.yaml

.PHONY: run test lint types style bench clean venv hooks

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install -q --disable-pip-version-check -e '.[dev]'
	touch $(STAMP)

venv: $(STAMP)

run: $(STAMP)
	$(BIN)/quizhost run $(BANK) --db quizhost.db

test: $(STAMP)
	$(BIN)/python -m pytest --cov=quizhost --cov-report=term-missing:skip-covered $(PYTEST_ARGS)
	@echo "Coverage of the game core and banks (must be >= 95%):"
	@$(BIN)/python -m coverage report --include='quizhost/core/*,quizhost/bank/*' \
		--fail-under=95 --format=total

# The load generator: every target row of issue 7 against quizhost and the bare-websockets
# baseline (docs/performance.md). One run: $(BIN)/python -m bench run --players 2000 --baseline
bench: $(STAMP)
	$(BIN)/python -m bench table $(BENCH_ARGS)

lint: style types

style: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

types: $(STAMP)
	$(BIN)/mypy

# Run `make lint` before every commit (.pre-commit-config.yaml).
hooks: $(STAMP)
	$(BIN)/pre-commit install

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache build *.egg-info .coverage
