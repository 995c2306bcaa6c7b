# Offline export: `make offline` -> dist/<slug-of-site_name>-offline.zip
# Included by the main Makefile, which defines VENV, PY, MKDOCS and `deps`
# (venv + `npm ci`: the vendored Mermaid and iframe-worker come from node_modules).
#
# The site is built into a fresh .site-build-offline.XXXXXX/ (gitignored, removed
# on exit, also on failure) and export_offline.py writes the zip to a temp file
# renamed into place, so an interrupted run never leaves a half-written export.
# The zip is byte-identical for the same tree: entries sorted, timestamps fixed,
# and the decision-tree hook pins SOURCE_DATE_EPOCH for the sitemap dates.

OFFLINE_CONFIG ?= mkdocs-offline.yml

.PHONY: offline
offline: deps
	@set -e; \
	tmp=$$(mktemp -d .site-build-offline.XXXXXX); \
	trap 'rm -rf "$$tmp"' EXIT INT TERM; \
	$(MKDOCS) build --strict --config-file $(OFFLINE_CONFIG) --site-dir "$$tmp/site"; \
	$(PY) scripts/export_offline.py "$$tmp/site" --config $(OFFLINE_CONFIG) --out dist
