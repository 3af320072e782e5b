# proxywatch: two commands on a fresh machine with Python 3.11
#   make demo   create .venv, install pinned dependencies, run the demo
#   make test   same install, then the test suite
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
export HF_HUB_OFFLINE := 1
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: demo test install lock kb-check browser postgres clean

$(BIN)/python:
	$(PYTHON) -c 'import sys; assert sys.version_info[:2] >= (3, 11), "proxywatch needs Python 3.11+"'
	$(PYTHON) -m venv $(VENV)

# Dependencies come only from the hashed lock; the project itself is installed without resolving anything.
$(STAMP): requirements.lock pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	$(BIN)/python -m pip check
	touch $(STAMP)

install: $(STAMP)

# The demo database is kept as demo.duckdb (made afresh each time); the demo prints the
# `proxywatch serve` command and the address to open.
demo: install
	rm -f demo.duckdb demo.duckdb.wal
	$(BIN)/proxywatch demo --db demo.duckdb

test: install kb-check postgres browser
	$(BIN)/python -m pytest -q

# The store tests run against a real PostgreSQL too: the fixtures start one on loopback in a temporary
# folder (tests/pgserver.py). Debian's server package is installed here when it is missing.
postgres:
	@ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || command -v initdb >/dev/null 2>&1 || \
		{ apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null; }

# The browser tests drive Debian's chromium through Playwright (Playwright's own browser download
# cannot work here): install it when it is missing.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
		echo "installing Debian's chromium for the browser tests"; \
		SUDO=; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; }

# Consistency of the knowledge base (shared aliases, codes, sponsors, parents, place coordinates).
kb-check: install
	$(BIN)/proxywatch kb check

# Re-pin after editing requirements.in (needs pip-tools in the venv).
lock: | $(BIN)/python
	$(BIN)/python -m pip install --quiet pip-tools
	$(BIN)/pip-compile --generate-hashes --allow-unsafe --no-emit-index-url --no-emit-find-links \
		--strip-extras -q -o requirements.lock requirements.in

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache
