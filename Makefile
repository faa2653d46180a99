# pierce — set up, demo, test. Everything installs from PyPI (and Debian packages) here.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
export PIERCE_TEST_DATA ?= $(abspath ../shared/data)
DEMO_STORE := out/demo.duckdb

.PHONY: setup demo test lint bench clean

$(BIN)/pierce: pyproject.toml
	bash scripts/system_deps.sh
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev,bench]'
	touch $@

setup: $(BIN)/pierce

# The main job on the embedded default: ingest the real lists (from $PIERCE_TEST_DATA when it
# exists, otherwise fetched from the publishers), then screen and trace the demo counterparties.
demo: setup
	PIERCE_STORE=$(DEMO_STORE) bash demo/run.sh

test: setup
	$(BIN)/python -m pytest

lint: setup
	$(BIN)/ruff check src tests bench scripts
	$(BIN)/mypy src

bench: setup
	$(BIN)/python bench/ingest.py

clean:
	rm -rf out .pytest_cache .mypy_cache .ruff_cache
