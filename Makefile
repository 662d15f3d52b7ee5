# The two commands a newcomer needs: `make run` and `make test`. Both create .venv first.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# The demo store lives in the checkout, so `make run` never touches a real case store.
DEMO_HOME ?= $(CURDIR)/.testimonium

.PHONY: install run test bench eval lock clean

$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $@

install: $(STAMP)

run: $(STAMP)
	$(BIN)/testimonium --home "$(DEMO_HOME)" ingest testimonium/samples/documents
	$(BIN)/testimonium --home "$(DEMO_HOME)" documents

test: $(STAMP)
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python -m bench

eval: $(STAMP)
	$(BIN)/python eval/run.py

# After changing dependencies in pyproject.toml: regenerate the hashed lock.
lock: $(STAMP)
	$(BIN)/python -m pip install --quiet --upgrade pip pip-tools
	$(BIN)/python scripts/lock.py

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis "$(DEMO_HOME)"
