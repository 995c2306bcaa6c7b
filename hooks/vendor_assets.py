"""MkDocs hook: ship browser libraries from ``node_modules/`` inside the site.

Why: Material for MkDocs fetches Mermaid from unpkg.com when no ``mermaid``
global exists, and its offline plugin adds an unpkg.com ``iframe-worker``
shim unless a local one is listed in ``extra.polyfills``. The site must make
no CDN request, online or offline, so the exact files pinned in
``package-lock.json`` are added to the build as ``assets/vendor/...``.

They are added as virtual files in ``on_files`` (never copied into
``docs/``), so a build cannot leave stray copies behind and the versions stay
those of the lock file. The list lives in ``mkdocs.yml`` under
``extra.vendor_assets`` as a mapping of destination (inside the site) to a
path inside ``node_modules/``.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

CONFIG_KEY = "vendor_assets"
DEST_PREFIX = "assets/vendor/"


def _node_modules(config: MkDocsConfig) -> Path:
    """``node_modules/`` next to the config file, where ``npm ci`` puts it."""
    return Path(config.config_file_path).resolve().parent / "node_modules"


def _mapping(config: MkDocsConfig) -> dict[str, str]:
    """Read and check ``extra.vendor_assets``; a typo should fail the build, not ship a CDN fallback."""
    raw = config.extra.get(CONFIG_KEY)
    if not isinstance(raw, dict) or not raw:
        raise PluginError(
            f"vendor_assets hook: `extra.{CONFIG_KEY}` must be a non-empty mapping of site path -> node_modules path in mkdocs.yml"
        )
    mapping: dict[str, str] = {}
    for dest, src in raw.items():
        if not isinstance(dest, str) or not isinstance(src, str):
            raise PluginError(f"vendor_assets hook: entry {dest!r}: {src!r} must map a string to a string")
        parts = PurePosixPath(src).parts
        if not dest.startswith(DEST_PREFIX) or ".." in PurePosixPath(dest).parts or ".." in parts:
            raise PluginError(
                f"vendor_assets hook: {dest!r} -> {src!r}: the destination must start with "
                f"{DEST_PREFIX!r} and neither path may contain '..'"
            )
        mapping[dest] = src
    return mapping


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    """Add every mapped ``node_modules`` file to the build under its destination path."""
    root = _node_modules(config)
    for dest, src in sorted(_mapping(config).items()):
        path = root / src
        if not path.is_file():
            raise PluginError(
                f"vendor_assets hook: {path} is missing (needed for {dest}). Run `npm ci` in the repository root (or `make deps`)."
            )
        if files.get_file_from_path(dest) is not None:
            raise PluginError(f"vendor_assets hook: {dest} already exists in docs/; remove it from there")
        files.append(File.generated(config, dest, abs_src_path=str(path)))
    return files
