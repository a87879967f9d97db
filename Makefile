# `make run` and `make test` each set everything up first; both are safe to repeat.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
AXE := $(VENV)/axe/node_modules/axe-core/axe.min.js

.PHONY: run test setup index browser

run: index
	$(PY) app.py

test: setup browser
	$(PY) -m pytest

index: setup
	$(PY) -m assistant ingest

setup: $(STAMP) $(AXE)

$(STAMP): requirements.lock pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.lock
	$(PY) -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $@

# axe-core (accessibility checks in the browser tests), from the npm registry.
$(AXE):
	npm install --silent --no-save --no-audit --no-fund --prefix $(VENV)/axe axe-core@4.14.1

# The browser tests drive Debian's Chromium; install it when we can (root), else say how.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium >/dev/null; \
	  else echo "note: Chromium is not installed, so the browser tests will be skipped: sudo apt-get install chromium"; fi; }
