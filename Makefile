# Each target creates .venv on first use; nothing else needs to be installed.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# Installing compiles the engine's evaluation modules (setup.py); a change to the engine
# compiles them again, so that nothing runs an engine older than its source.
BUILT := $(VENV)/.engine-built
ENGINE := setup.py $(shell find engine -name '*.py')
PIP := $(BIN)/python -m pip install --quiet --disable-pip-version-check

.PHONY: report test lint bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PIP) -e '.[dev]'
	touch $(STAMP) $(BUILT)

$(BUILT): $(STAMP) $(ENGINE)
	$(PIP) --no-deps -e .
	touch $(BUILT)

report: $(BUILT)
	$(BIN)/triable check cases/ali_v_ramos.yaml

test: $(BUILT)
	$(BIN)/python -m pytest

lint: $(BUILT)
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .
	$(BIN)/mypy engine cli setup.py

bench: $(BUILT)
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .mypy_cache .ruff_cache
	find engine \( -name '*.so' -o -name '*.pyd' \) -delete
