# `make run` and `make test` each set everything up first; both are safe to repeat.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
AXE := $(VENV)/axe/node_modules/axe-core/axe.min.js

.PHONY: run test setup index system

run: index
	$(PY) app.py

test: setup system
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

# The tests drive Debian's Chromium and start a PostgreSQL server; install them when we
# can (as root), else say how (those tests are then skipped, saying why).
system:
	@missing=""; command -v chromium >/dev/null 2>&1 || missing="chromium"; \
	ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing="$$missing postgresql"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else echo "note: not installed: $$missing (sudo apt-get install $$missing); their tests will be skipped"; fi; fi
