"""mkdocs-offline.yml stays the online config plus the offline changes, nothing else.

INHERIT merges mappings but replaces lists, so mkdocs-offline.yml repeats
theme.features, plugins and extra_css. These tests catch the day a feature,
plugin or stylesheet is added to mkdocs.yml and forgotten in the offline file.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from mkdocs.config import load_config

from tests.helpers import REPO

ONLINE_ONLY_FEATURES = {"navigation.instant", "navigation.instant.progress"}  # need a web server
OFFLINE_PLUGINS = ["material/offline", "print-site"]


@pytest.fixture(scope="module")
def configs() -> tuple[Any, Any]:
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    os.environ.setdefault("DISABLE_MKDOCS_2_WARNING", "true")
    online = load_config(str(REPO / "mkdocs.yml"))
    offline = load_config(str(REPO / "mkdocs-offline.yml"))
    return online, offline


def test_features_are_the_online_ones_minus_instant_loading(configs: tuple[Any, Any]) -> None:
    online, offline = configs
    assert offline.theme["features"] == [f for f in online.theme["features"] if f not in ONLINE_ONLY_FEATURES]


def test_plugins_are_the_online_ones_then_offline_then_print_site_last(configs: tuple[Any, Any]) -> None:
    online, offline = configs
    hooks = [name for name in offline.plugins if name.startswith("hooks/")]
    plugins = [name for name in offline.plugins if name not in hooks]
    assert plugins == [*(n for n in online.plugins if not n.startswith("hooks/")), *OFFLINE_PLUGINS]


def test_offline_adds_only_its_stylesheet_and_keeps_file_urls(configs: tuple[Any, Any]) -> None:
    online, offline = configs
    assert offline.extra_css == [*online.extra_css, "assets/stylesheets/offline.css"]
    assert offline.use_directory_urls is False
    assert offline.site_dir != online.site_dir


def test_both_builds_ship_local_copies_instead_of_cdn_scripts(configs: tuple[Any, Any]) -> None:
    online, offline = configs
    assert any("iframe-worker" in p for p in offline.extra["polyfills"]), "Material's offline plugin would add unpkg.com"
    assert all(p in offline.extra["vendor_assets"] for p in offline.extra["polyfills"])
    assert set(online.extra["vendor_assets"].items()) < set(offline.extra["vendor_assets"].items()), "INHERIT merges vendor_assets"
    for config in configs:
        vendored = config.extra["vendor_assets"]
        assert "assets/javascripts/mermaid-on-demand.js" in [str(s) for s in config.extra_javascript], (
            "Material would load unpkg.com/mermaid"
        )
        assert "assets/vendor/mermaid/mermaid.min.js" in vendored, "the on-demand loader needs the local copy"


def test_only_the_offline_export_loads_the_iframe_worker_shim(configs: tuple[Any, Any]) -> None:
    """The shim makes search work from file://; online it only delayed the first paint (issue 24)."""
    online, _ = configs
    assert not online.extra.get("polyfills"), "mkdocs.yml loads a polyfill on every online page: move it to mkdocs-offline.yml"
    assert not any("iframe-worker" in p for p in online.extra["vendor_assets"])


def test_the_online_site_has_no_shim(built_site: Path) -> None:
    assert not (built_site / "assets/vendor/iframe-worker").exists()
    assert not [p.name for p in built_site.glob("*.html") if "iframe-worker" in p.read_text(encoding="utf-8")]
