# Two commands set everything up on a fresh machine: `make serve` and `make test`.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV := .venv
PY := $(VENV)/bin/python
MKDOCS := $(VENV)/bin/mkdocs
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.test-installed
NPM_STAMP := node_modules/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

# Silence the MkDocs 2 / ProperDocs banners some plugins print on every run.
export NO_MKDOCS_2_WARNING := 1
export DISABLE_MKDOCS_2_WARNING := true
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: help deps test-deps build publish serve test lint lock check bench clean

help:
	@echo "make serve   build the site and serve it on http://$(HOST):$(PORT)"
	@echo "make test    install what the tests need and run them all"
	@echo "make build   strict build into site/ (swapped in only when it succeeds)"
	@echo "make offline export dist/*-offline.zip for reading without a network"
	@echo "make check   validate the decision tree only"
	@echo "make lock    record new pages and changed answers in decision_tree/published.lock"
	@echo "make publish SITE_URL=https://host/path/  strict build for a real host (refuses the placeholder address)"
	@echo "make bench   print build-time and page-weight benchmarks"

$(STAMP): requirements.txt
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(NPM_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

deps: $(STAMP) $(NPM_STAMP)

$(TEST_STAMP): $(STAMP) requirements-test.txt
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-test.txt
	touch $@

# Browser tests drive Debian's Chromium; Playwright cannot download browsers here.
test-deps: deps $(TEST_STAMP)
	@command -v chromium >/dev/null || { \
	  echo "Installing Debian's chromium for the browser tests"; \
	  apt-get update -qq && apt-get install -y -qq chromium >/dev/null; }

# Build into a fresh folder and swap it in only on success: a failed build never
# leaves a half-written site/ behind.
build: deps
	@tmp=$$(mktemp -d .site-build-XXXXXX) && \
	if $(MKDOCS) build --strict --site-dir "$$tmp"; then \
	  rm -rf site && mv "$$tmp" site && echo "Built site/"; \
	else rm -rf "$$tmp"; exit 1; fi

# A build for a real host: PUBLISH=1 makes the hook refuse the placeholder site_url
# (example.invalid). SITE_URL=https://… overrides mkdocs.yml's site_url.
publish: deps
	@PUBLISH=1 $(MAKE) --no-print-directory build

serve: build
	$(MKDOCS) serve --strict --dev-addr $(HOST):$(PORT)

check: $(STAMP)
	PYTHONPATH=hooks $(PY) -m treesite check decision_tree

lock: $(STAMP)
	PYTHONPATH=hooks $(PY) -m treesite lock decision_tree

lint: $(TEST_STAMP)
	$(VENV)/bin/ruff check hooks tests scripts bench
	$(VENV)/bin/ruff format --check hooks tests scripts bench

test: test-deps lint
	$(PY) -m pytest -q tests

bench: test-deps
	$(PY) bench/run.py

clean:
	rm -rf site site-offline dist .site-build-* .pytest_cache

-include mk/offline.mk
