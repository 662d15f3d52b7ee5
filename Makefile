# The two commands a newcomer needs: `make run` and `make test`. Both create .venv first.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# The demo store lives in the checkout, so `make run` never touches a real case store.
DEMO_HOME ?= $(CURDIR)/.testimonium
PORT ?= 8000

.PHONY: install run test bench eval lock clean

# requirements-nodeps.lock: packages whose declared dependencies are replaced (scripts/lock.py says why).
$(STAMP): requirements.lock requirements-nodeps.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r requirements-nodeps.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $@

install: $(STAMP)

# Ingest the samples, make a demo admin once (its password is kept in the demo home), serve.
run: $(STAMP)
	$(BIN)/testimonium --home "$(DEMO_HOME)" ingest testimonium/samples/documents
	@if [ ! -f "$(DEMO_HOME)/demo-password" ]; then \
		umask 077; $(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(12))' > "$(DEMO_HOME)/demo-password"; \
		$(BIN)/testimonium --home "$(DEMO_HOME)" users add demo --role admin --password-stdin < "$(DEMO_HOME)/demo-password"; \
	fi
	@echo "Sign in at http://127.0.0.1:$(PORT) as demo, password: $$(cat "$(DEMO_HOME)/demo-password")"
	$(BIN)/testimonium --home "$(DEMO_HOME)" serve --port $(PORT)

test: $(STAMP)
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python -m bench

eval: $(STAMP)
	$(BIN)/python eval/run.py
	$(BIN)/python eval/crossdoc/run.py

# After changing dependencies in pyproject.toml: regenerate the hashed lock.
lock: $(STAMP)
	$(BIN)/python -m pip install --quiet --upgrade pip pip-tools
	$(BIN)/python scripts/lock.py

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis "$(DEMO_HOME)"
