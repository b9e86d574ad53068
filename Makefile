# Two commands for a fresh machine: `make run` and `make test`.
# Both create .venv and install the project into it on first use.

PYTHON ?= python3
VENV ?= .venv
# The CPU build of PyTorch; a bare `torch` requirement would pull a multi-GB CUDA build.
# On a machine with a GPU, install your CUDA build first or override: make TORCH=torch run
TORCH ?= torch==2.13.0
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test test-fast bench screenshots clean

$(STAMP): pyproject.toml Makefile
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check "$(TORCH)"
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e ".[test]"
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/lmstudio

# One pytest worker per core (each keeps to its core; see tests/conftest.py).
test: $(STAMP)
	$(BIN)/python -m pytest -q -n auto --dist worksteal

test-fast: $(STAMP)
	$(BIN)/python -m pytest -q -n auto --dist worksteal -m "not slow"

bench: $(STAMP)
	$(BIN)/lmstudio bench

screenshots: $(STAMP)
	LMSTUDIO=$(BIN)/lmstudio sh scripts/screenshots.sh

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .hypothesis
