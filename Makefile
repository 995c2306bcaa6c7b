# Two commands set everything up on a fresh machine: `make serve` and `make test`.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV := .venv
PY := $(VENV)/bin/python
MKDOCS := $(VENV)/bin/mkdocs
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.test-installed
# Only `make requirements` uses this venv: it holds the tool that writes requirements*.txt.
TOOLS_VENV := .venv-tools
PIP_INSTALL = $(PY) -m pip install --quiet --disable-pip-version-check --require-hashes
# uv resolves for every platform (--universal) from this Python version up; every file
# of every pinned version gets its hash, so the lock installs on any machine.
UV_COMPILE = $(TOOLS_VENV)/bin/uv pip compile --quiet --universal --python-version 3.11.5 --generate-hashes \
	--custom-compile-command "make requirements" $(if $(UPGRADE),--upgrade)
NPM_STAMP := node_modules/.installed
# ProperDocs, the maintained continuation of MkDocs 1.x, in a venv of its own: `make build
# ENGINE=properdocs`. Installed with --no-deps from a file that pins everything but mkdocs
# itself, so no line of MkDocs runs in that build (ProperDocs answers its imports).
PD_VENV := .venv-properdocs
PD_STAMP := $(PD_VENV)/.installed
ENGINE := mkdocs
ifeq ($(ENGINE),mkdocs)
SITE_BUILDER := $(MKDOCS)
ENGINE_DEPS := deps
else ifeq ($(ENGINE),properdocs)
SITE_BUILDER := $(PD_VENV)/bin/properdocs
ENGINE_DEPS := deps $(PD_STAMP)
else
$(error ENGINE=$(ENGINE) is not an engine this Makefile knows: use ENGINE=mkdocs (the default) or ENGINE=properdocs)
endif
MKDOCS_CONFIG := mkdocs.yml
# Extra options for the engine, e.g. MKDOCS_FLAGS=-q (a strict build still fails on every warning).
MKDOCS_FLAGS ?=
SITE_DIR ?= site
HOST ?= 127.0.0.1
PORT ?= 8000

# Silence the MkDocs 2 / ProperDocs banners some plugins print on every run.
export NO_MKDOCS_2_WARNING := 1
export DISABLE_MKDOCS_2_WARNING := true
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: help deps test-deps build publish serve test test-js lint lock check bench clean requirements source-update

help:
	@echo "make serve   build the site and serve it on http://$(HOST):$(PORT)"
	@echo "make test    install what the tests need and run them all"
	@echo "make build   strict build into site/ (swapped in only when it succeeds); ENGINE=properdocs builds with ProperDocs"
	@echo "make offline export dist/*-offline.zip for reading without a network"
	@echo "make check   validate the decision tree only"
	@echo "make lock    record new pages and changed answers in decision_tree/published.lock"
	@echo "make source-update SOURCE=id FILE=path DATE=YYYY-MM-DD  adopt a newer copy of a source (CLEANED=1: FILE cleaned by hand)"
	@echo "make publish SITE_URL=https://host/path/  strict build for a real host (refuses the placeholder address)"
	@echo "make bench   print build-time and page-weight benchmarks"
	@echo "make requirements  rewrite the hash-pinned requirements*.txt from requirements*.in (UPGRADE=1: newest versions)"

$(STAMP): requirements.txt
	test -x $(PY) || python3 -m venv $(VENV)
	$(PIP_INSTALL) -r requirements.txt
	touch $@

$(NPM_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

deps: $(STAMP) $(NPM_STAMP)

$(PD_STAMP): requirements-properdocs.txt
	test -x $(PD_VENV)/bin/python || python3 -m venv $(PD_VENV)
	$(PD_VENV)/bin/python -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r requirements-properdocs.txt
	touch $@

$(TEST_STAMP): $(STAMP) requirements-test.txt
	$(PIP_INSTALL) -r requirements.txt -r requirements-test.txt
	touch $@

# Browser tests drive Debian's Chromium; Playwright cannot download browsers here.
test-deps: deps $(TEST_STAMP) $(PD_STAMP)
	@command -v chromium >/dev/null || { \
	  echo "Installing Debian's chromium for the browser tests"; \
	  apt-get update -qq && apt-get install -y -qq chromium >/dev/null; }

# Build into a fresh folder beside $(SITE_DIR) and swap it in only on success: a failed
# or interrupted build (Ctrl-C, kill, timeout, a CI cancel) leaves neither a half-written
# site nor a .site-build-* folder behind.
# - The traps are set before the folder is made, and remove this shell's folders by name:
#   a signal that lands between mktemp and the assignment to tmp leaves nothing either.
# - The engine runs in the background so that a signal reaches the shell's traps at once.
# - Each trap first ignores INT, TERM and HUP: a second signal (make forwards TERM to the
#   recipe after the whole group already got one) cannot cut the cleanup short.
# - The folder's name holds the recipe shell's pid: a build first removes the folders of
#   builds whose shell is gone (killed with -9, say), never those of a build still running.
# mktemp -d makes the folder 700 and a umask may make files 600: the site is made
# readable by a web server running as another user (directories 755, files 644).
# ENGINE=properdocs builds the same site with ProperDocs; MKDOCS_FLAGS passes -q or -v.
build: $(ENGINE_DEPS)
	@set -e; \
	parent=$$(dirname "$(SITE_DIR)"); \
	for old in "$$parent"/.site-build-[0-9]*-*; do \
	  owner=$${old##*/.site-build-}; owner=$${owner%%-*}; \
	  test -d "$$old" || continue; \
	  if [ "$$owner" = "$$$$" ] || ! kill -0 "$$owner" 2>/dev/null; then rm -rf "$$old"; fi; \
	done; \
	pid=; \
	trap 'trap "" INT TERM HUP; test -z "$$pid" || kill "$$pid" 2>/dev/null || true; wait; rm -rf "$$parent"/.site-build-$$$$-*' EXIT; \
	trap 'trap "" INT TERM HUP; exit 130' INT; trap 'trap "" INT TERM HUP; exit 143' TERM; trap 'trap "" INT TERM HUP; exit 129' HUP; \
	tmp=$$(mktemp -d "$$parent/.site-build-$$$$-XXXXXX"); \
	$(SITE_BUILDER) build --strict $(MKDOCS_FLAGS) --config-file "$(MKDOCS_CONFIG)" --site-dir "$$tmp" & pid=$$!; wait "$$pid"; pid=; \
	chmod -R u=rwX,go=rX "$$tmp"; \
	rm -rf "$(SITE_DIR)"; mv "$$tmp" "$(SITE_DIR)"; echo "Built $(SITE_DIR)/ with $(ENGINE)"

# A build for a real host: PUBLISH=1 makes the hook refuse the placeholder site_url
# (example.invalid). SITE_URL=https://… overrides mkdocs.yml's site_url.
# The inner make is told the install stamps are done (publish's own `deps` saw to them):
# make never passes -o down, so `make -o node_modules/.installed publish` (the tests) would
# otherwise run `npm ci` in the inner make whenever the stamp is older than package.json.
publish: deps
	@PUBLISH=1 $(MAKE) --no-print-directory -o $(STAMP) -o $(NPM_STAMP) build

serve: build
	$(SITE_BUILDER) serve --strict --config-file "$(MKDOCS_CONFIG)" --dev-addr $(HOST):$(PORT)

check: $(STAMP)
	PYTHONPATH=hooks $(PY) -m treesite check decision_tree

lock: $(STAMP)
	PYTHONPATH=hooks $(PY) -m treesite lock decision_tree

# Adopt a newer copy of a source: clean FILE with the source's rules, keep the current copy, report, mark reviews.
source-update: $(STAMP)
	@test -n "$(SOURCE)" && test -n "$(FILE)" && test -n "$(DATE)" || { \
	  echo "usage: make source-update SOURCE=<id> FILE=<path> DATE=<YYYY-MM-DD> [CLEANED=1] [REPORT=<path>]" >&2; exit 2; }
	PYTHONPATH=hooks $(PY) -m treesite source-update decision_tree "$(SOURCE)" "$(FILE)" "$(DATE)" \
	  $(if $(CLEANED),--cleaned) $(if $(TODAY),--today "$(TODAY)") $(if $(REPORT),--report "$(REPORT)")

lint: $(TEST_STAMP)
	$(VENV)/bin/ruff check hooks tests scripts bench
	$(VENV)/bin/ruff format --check hooks tests scripts bench

# The reading of a ticket (docs/assets/javascripts/ticket-match.js) with Node's own test runner:
# tests/js/tree.js writes the real tree's ticket data into a temporary folder with this venv's Python.
test-js: $(STAMP)
	PYTHON=$(PY) node --test tests/js/

# The unit and browser tests run at once, one pytest each, on the machine's two cores (CI has two):
# the browser tests wait on Chromium while the unit tests build sites. Each run's report is printed
# whole, one after the other, then the total on a line of its own. Neither shares a folder with the
# other: every build goes into its own temporary folder.
PYTEST_RUN = $(PY) -m pytest -q -p no:cacheprovider --durations=10
test: test-deps lint test-js
	@logs=$$(mktemp -d); trap 'rm -rf "$$logs"' EXIT; \
	$(PYTEST_RUN) tests/browser > "$$logs/browser" 2>&1 & browser=$$!; \
	$(PYTEST_RUN) tests/unit > "$$logs/unit" 2>&1; unit_status=$$?; \
	wait $$browser; browser_status=$$?; \
	cat "$$logs/unit" "$$logs/browser"; \
	tail -qn1 "$$logs/unit" "$$logs/browser" | awk '{ for (i = 1; i < NF; i++) { if ($$(i+1) ~ /^passed/) p += $$i; if ($$(i+1) ~ /^(failed|error)/) f += $$i } } END { print "tests: " p + 0 " passed, " f + 0 " failed" }'; \
	test $$unit_status -eq 0 -a $$browser_status -eq 0

bench: test-deps
	$(PY) bench/run.py

# requirements*.in are the lists people edit; this writes requirements*.txt with every
# package they need, each pinned with its hashes. Kept pins stay unless UPGRADE=1.
requirements:
	test -x $(TOOLS_VENV)/bin/python || python3 -m venv $(TOOLS_VENV)
	$(TOOLS_VENV)/bin/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements-tools.txt
	$(UV_COMPILE) requirements.in -o requirements.txt
	$(UV_COMPILE) requirements-test.in -o requirements-test.txt
	$(UV_COMPILE) requirements-tools.in -o requirements-tools.txt
	$(UV_COMPILE) --no-emit-package mkdocs requirements-properdocs.in -o requirements-properdocs.txt

clean:
	rm -rf site site-offline dist .site-build-* .pytest_cache .venv-tools $(PD_VENV)

-include mk/offline.mk
