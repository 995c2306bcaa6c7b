"""MkDocs adapter for the decision tree: load in on_config, add pages in on_files, feed and CSV in on_post_build.

All the work is in the ``treesite`` package beside this file, which never
imports mkdocs; this hook only translates between the two. It must import
``treesite`` at module top: MkDocs puts this folder on sys.path only while it
imports the hook.
"""

from __future__ import annotations

import logging
import os
import time
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from treesite import Problem, SiteBuild, TreeError, build_site
from treesite.feed import FEED_FILE, atom_feed
from treesite.siteurl import SiteUrlError, public_url, publish_problem

log = get_plugin_logger("decision_tree")

_build: SiteBuild | None = None
_serving = False


def on_startup(command: str, dirty: bool) -> None:
    """`mkdocs serve` sets site_url to its own http:// address, which only this machine reads."""
    global _serving
    _serving = command == "serve"


def _tree_path(config: MkDocsConfig) -> Path:
    """extra.decision_tree, unless DECISION_TREE names another tree (tests, trials of a draft)."""
    configured = os.environ.get("DECISION_TREE") or config.extra.get("decision_tree", "decision_tree")
    root = Path(config.config_file_path or ".").resolve().parent
    return (root / configured).resolve()


def _stamp_build_date(content_date: str) -> None:
    """Dates in the sitemap and its gzip header come from the tree, so two builds are byte-identical."""
    epoch = int(time.mktime(time.strptime(content_date + " 12:00", "%Y-%m-%d %H:%M")))
    os.environ["SOURCE_DATE_EPOCH"] = str(epoch)


def _add_print_nav(config: MkDocsConfig, build: SiteBuild) -> None:
    """print-site prints the pages of the nav, so the offline export lists the whole tree there.

    The online site keeps tree pages out of the nav: every page embeds the nav, so
    listing thousands of nodes would make each page, and the build, grow with the
    square of the tree.
    """
    listed = {p for item in config.nav or [] for p in (item.values() if isinstance(item, dict) else [item])}
    pages = [{title: path} for title, path in build.reading_order if path not in listed]
    config.nav = [*(config.nav or []), {"Every page of the tree": pages}]


def _set_site_url(config: MkDocsConfig) -> None:
    """SITE_URL overrides site_url, before anything reads it; PUBLISH=1 refuses the placeholder address."""
    try:
        config.site_url = public_url(os.environ.get("SITE_URL"), config.site_url or "", serving=_serving) or None
    except SiteUrlError as err:
        raise PluginError(str(err)) from None
    if os.environ.get("PUBLISH", "") not in {"", "0"}:
        problem = publish_problem(config.site_url or "")
        if problem:
            raise PluginError(f"Not publishing: {problem}")


def _report(config: MkDocsConfig, warnings: list[Problem]) -> None:
    """Under --strict the tree's warnings stop the build here, whatever the log level.

    MkDocs counts strict-mode warnings from its log, and -q (a common CI flag) drops
    warnings before they are counted: a page whose facts changed without a change entry
    would be published. So the hook fails the build itself, and makes MkDocs' own
    warnings (a broken link in docs/) reach its count under -q too.
    """
    if config.strict:
        _count_warnings_when_quiet()
        if warnings:
            shown = "\n".join(str(w) for w in warnings)
            raise PluginError(
                f"The decision tree has {len(warnings)} problem(s) that stop a strict build:\n{shown}\n"
                "(mkdocs.yml sets strict: true, so a plain `mkdocs build` is strict too. To preview the site "
                "with these shown as warnings, run `mkdocs build --no-strict`; never publish such a build.)"
            )
    for warning in warnings:
        log.warning(str(warning))


def _count_warnings_when_quiet() -> None:
    """-q raises the engine's logger to ERROR, so strict mode would never see a warning: lower it to WARNING.

    A strict build stops on any warning, so this prints nothing more in a build that
    succeeds, and in one that fails it shows why. The engine's logger is the root of
    this hook's own ('mkdocs', or 'properdocs' under ProperDocs).
    """
    engine = logging.getLogger(log.logger.name.split(".", 1)[0])
    if engine.getEffectiveLevel() > logging.WARNING:
        engine.setLevel(logging.WARNING)


@event_priority(100)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Load and check the tree before MkDocs cleans site_dir, so a broken tree leaves the old site alone."""
    global _build
    _set_site_url(config)
    try:
        _build = build_site(_tree_path(config), config.site_url or "")
    except TreeError as err:
        raise PluginError(f"The decision tree has {len(err.problems)} problem(s):\n{err}") from None
    _report(config, _build.warnings)
    _stamp_build_date(_build.loaded.tree.site.content_date)
    if config.extra.get("decision_tree_print_nav"):
        _add_print_nav(config, _build)
    redirects = config.plugins.get("redirects")
    if redirects is not None:
        redirects.config["redirect_maps"] = {**redirects.config.get("redirect_maps", {}), **_build.redirects}
    elif _build.redirects:
        raise PluginError("The tree has redirects but the 'redirects' plugin is not enabled in mkdocs.yml")
    return config


@event_priority(100)
def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Runs before the redirects plugin's on_files, which must see the generated pages."""
    assert _build is not None
    for path, content in _build.pages.items():
        if files.get_file_from_path(path) is not None:
            raise PluginError(f"docs/{path} exists, but the decision tree generates that page: delete docs/{path}")
        files.append(File.generated(config, path, content=content))
    # The ticket box's data (start page only), written beside the pages, never into docs/.
    for path, content in _build.files.items():
        if files.get_file_from_path(path) is not None:
            raise PluginError(f"docs/{path} exists, but the decision tree generates that file: delete docs/{path}")
        files.append(File.generated(config, path, content=content))
    # The compare CSV is written after the build (on_post_build); a docs/ file of that name would be overwritten.
    for path in _build.built_files:
        if files.get_file_from_path(path) is not None:
            raise PluginError(f"docs/{path} exists, but the decision tree generates that file: delete docs/{path}")
    return files


def on_post_build(config: MkDocsConfig) -> None:
    """The Atom feed and the compare CSV go into the built site only (never docs/); their links need the public address."""
    assert _build is not None
    if not config.site_url:
        raise PluginError("The change feed needs site_url: set site_url in mkdocs.yml or SITE_URL")
    if not config.site_author:
        raise PluginError("The change feed needs an author (RFC 4287 requires one): set site_author in mkdocs.yml")
    feed = atom_feed(_build.loaded.tree, _build.changes, config.site_url, config.site_name, config.site_author)
    (Path(config.site_dir) / FEED_FILE).write_bytes(feed)
    # Made in on_config with the same site_url, so its permanent links are the pages' own.
    for path, content in _build.built_files.items():
        target = Path(config.site_dir) / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
