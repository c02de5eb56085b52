# quizhost — every target sets up .venv itself; nothing is installed by hand.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
BANK ?= question_banks/sample.yaml

.PHONY: run test lint types style jscheck bench clean venv

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

lint: style types jscheck

style: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

types: $(STAMP)
	$(BIN)/mypy

# The player page's JSDoc types, checked by TypeScript's checker (tsconfig.json); installed
# from npm into the ignored .tools/, never committed.
TSC := .tools/node_modules/.bin/tsc
$(TSC):
	npm install --prefix .tools --no-audit --no-fund --silent typescript@5.9.3

jscheck: $(TSC)
	$(TSC) -p tsconfig.json

clean:
	rm -rf $(VENV) .tools .pytest_cache .mypy_cache .ruff_cache build *.egg-info .coverage
