# Each target creates .venv on first use; nothing else needs to be installed.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# Installing compiles the engine's evaluation modules (setup.py), so a change to the engine
# installs again: nothing runs a compiled engine older than its source.
ENGINE := setup.py $(shell find engine -name '*.py')

.PHONY: report test lint bench clean

$(STAMP): pyproject.toml $(ENGINE)
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $(STAMP)

report: $(STAMP)
	$(BIN)/triable check cases/ali_v_ramos.yaml

test: $(STAMP)
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .
	$(BIN)/mypy engine cli setup.py

bench: $(STAMP)
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .mypy_cache .ruff_cache
	find engine \( -name '*.so' -o -name '*.pyd' \) -delete
