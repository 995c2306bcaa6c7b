#!/usr/bin/env python3
"""Zip a built offline site into ``dist/<slug>-offline.zip``, reproducibly.

Why a script and not ``zip -r``: the archive must be byte-identical for the
same site (sorted entries, fixed timestamps and permissions, no extra
fields), it must never be left half-written (written to a temp file in the
same folder, then renamed), and the slug comes from ``site_name`` so the
name follows the site. Plain Python: it reads ``site_name`` with a regex
because mkdocs.yml holds ``!!python/name`` tags that ``yaml.safe_load``
refuses, and importing MkDocs just for one string would be heavy.

Usage: scripts/export_offline.py SITE_DIR [--config mkdocs-offline.yml] [--out dist]
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import tempfile
import unicodedata
import zipfile
from pathlib import Path

# 1980-01-01, the earliest date a zip entry can hold: fixed so builds compare equal.
FIXED_DATE = (1980, 1, 1, 0, 0, 0)
FILE_MODE = 0o100644 << 16  # regular file, rw-r--r--, in the zip's external attributes
SITE_NAME_RE = re.compile(r"""^site_name:\s*(?:"([^"]*)"|'([^']*)'|([^#\n]*?))\s*(?:#.*)?$""", re.M)
INHERIT_RE = re.compile(r"""^INHERIT:\s*["']?([^"'#\n]+?)["']?\s*(?:#.*)?$""", re.M)


def slugify(name: str) -> str:
    """``"Copilot data FAQ"`` -> ``"copilot-data-faq"``: ASCII, lowercase, dashes."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")
    if not slug:
        raise ValueError(f"site_name {name!r} gives an empty slug")
    return slug


def read_site_name(config: Path) -> str:
    """Find ``site_name`` in a MkDocs config, following ``INHERIT`` like MkDocs does."""
    seen: set[Path] = set()
    while config not in seen:
        seen.add(config)
        text = config.read_text(encoding="utf-8")
        match = SITE_NAME_RE.search(text)
        if match:
            return next(group for group in match.groups() if group is not None).strip()
        parent = INHERIT_RE.search(text)
        if not parent:
            break
        config = (config.parent / parent.group(1)).resolve()
    raise ValueError(f"no site_name found in {config} or the files it inherits")


def site_files(site: Path) -> list[Path]:
    """Every file under the site, sorted by its POSIX path so the zip order is stable."""
    if not (site / "index.html").is_file():
        raise FileNotFoundError(f"{site} has no index.html: build the offline site first")
    return sorted((p for p in site.rglob("*") if p.is_file()), key=lambda p: p.relative_to(site).as_posix())


def write_zip(site: Path, target: Path) -> tuple[int, int]:
    """Write the archive atomically; return (file count, uncompressed bytes)."""
    files = site_files(site)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    total = 0
    try:
        with os.fdopen(fd, "wb") as raw, zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
            for path in files:
                info = zipfile.ZipInfo(path.relative_to(site).as_posix(), date_time=FIXED_DATE)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = FILE_MODE
                info.create_system = 3  # Unix, so the mode above is honoured on every OS
                data = path.read_bytes()
                total += len(data)
                zf.writestr(info, data)
        os.chmod(tmp_name, 0o644)
        os.replace(tmp_name, target)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise
    return len(files), total


def _size(n: int) -> str:
    return f"{n / 1_048_576:.1f} MiB" if n >= 1_048_576 else f"{n / 1024:.0f} KiB"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path, nargs="?", help="the built offline site (has index.html)")
    parser.add_argument("--config", type=Path, default=Path("mkdocs-offline.yml"), help="where site_name is read")
    parser.add_argument("--out", type=Path, default=Path("dist"), help="folder for the zip")
    parser.add_argument("--print-path", action="store_true", help="only print the zip path, build nothing")
    args = parser.parse_args(argv)

    try:
        target = args.out / f"{slugify(read_site_name(args.config))}-offline.zip"
        if args.print_path:
            print(target)
            return 0
        if args.site is None:
            parser.error("SITE is required unless --print-path is given")
        count, total = write_zip(args.site, target)
    except (OSError, ValueError) as err:
        print(f"export_offline: {err}", file=sys.stderr)
        return 1
    print(f"{target}: {count} files, {_size(target.stat().st_size)} zipped ({_size(total)} unzipped)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
