# Offline export: `make offline` -> dist/<slug-of-site_name>-offline.zip
# Included by the main Makefile, which defines VENV, PY, MKDOCS and `deps`
# (venv + `npm ci`: the vendored Mermaid and iframe-worker come from node_modules).
#
# The site is built into a fresh .site-build-offline-PID-XXXXXX/ (gitignored) that is removed
# on exit, also on failure or a signal, with the same traps as `make build` (a second signal
# cannot cut the cleanup short; a folder whose shell is gone is removed by the next run), and
# export_offline.py writes the zip to a temp file renamed into place, so an interrupted run
# never leaves a half-written export.
# The zip is byte-identical for the same tree: entries sorted, timestamps fixed,
# and the decision-tree hook pins SOURCE_DATE_EPOCH for the sitemap dates.

OFFLINE_CONFIG ?= mkdocs-offline.yml

.PHONY: offline
offline: deps
	@set -e; \
	for old in .site-build-offline-[0-9]*-*; do \
	  owner=$${old#.site-build-offline-}; owner=$${owner%%-*}; \
	  test -d "$$old" || continue; \
	  if [ "$$owner" = "$$$$" ] || ! kill -0 "$$owner" 2>/dev/null; then rm -rf "$$old"; fi; \
	done; \
	pid=; \
	trap 'trap "" INT TERM HUP; test -z "$$pid" || kill "$$pid" 2>/dev/null || true; wait; rm -rf .site-build-offline-$$$$-*' EXIT; \
	trap 'trap "" INT TERM HUP; exit 130' INT; trap 'trap "" INT TERM HUP; exit 143' TERM; trap 'trap "" INT TERM HUP; exit 129' HUP; \
	tmp=$$(mktemp -d ".site-build-offline-$$$$-XXXXXX"); \
	$(MKDOCS) build --strict $(MKDOCS_FLAGS) --config-file $(OFFLINE_CONFIG) --site-dir "$$tmp/site" & pid=$$!; wait "$$pid"; pid=; \
	$(PY) scripts/export_offline.py "$$tmp/site" --config $(OFFLINE_CONFIG) --out dist
