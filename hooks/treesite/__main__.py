"""Command line for the tree, usable without MkDocs.

python -m treesite check decision_tree         # validate, print problems (--strict: warnings fail too)
python -m treesite pages decision_tree OUT     # write the generated Markdown into OUT (--strict: as above)
python -m treesite lock decision_tree          # record new pages and fingerprints in published.lock
python -m treesite source-update decision_tree ID FILE DATE   # adopt a newer copy of a source (see EDITING.md)
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .errors import TreeError
from .site import build_site, lock_site, write_pages
from .sourceupdate import UpdateRefused
from .sourceupdate import run as source_update


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="treesite", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    for name, help_text in (("check", "validate the tree"), ("pages", "write the pages into a folder"), ("lock", "update published.lock")):
        cmd = sub.add_parser(name, help=help_text)
        cmd.add_argument("tree", type=Path, help="the tree folder (or one YAML file)")
        if name != "lock":
            cmd.add_argument("--strict", action="store_true", help="fail on warnings too, as mkdocs build --strict does")
        if name == "pages":
            cmd.add_argument("out", type=Path, help="folder to write the Markdown pages into")
            cmd.add_argument("--site-url", default="", help="base URL for permanent links")
    update = sub.add_parser("source-update", help="adopt a newer copy of a source: clean, keep the old copy, report, mark reviews")
    update.add_argument("tree", type=Path, help="the tree folder")
    update.add_argument("source", help="the source id, e.g. aoai-privacy")
    update.add_argument("file", type=Path, help="the publisher's text as downloaded (or cleaned by hand, with --cleaned)")
    update.add_argument("date", help="the publisher's date of the new copy, YYYY-MM-DD")
    update.add_argument("--cleaned", action="store_true", help="FILE is already cleaned by hand: run no cleaning rule")
    update.add_argument("--today", help="the adoption date to record (default: today); for tests and back-dated updates")
    update.add_argument("--report", type=Path, help="where to write the Markdown report (default: build/source-update/ID-KEY.md)")
    args = parser.parse_args(argv)
    if args.command == "source-update":
        return _source_update(args)
    try:
        return _run(args)
    except TreeError as err:
        print(err, file=sys.stderr)
        print(f"{len(err.problems)} problem(s) in the tree.", file=sys.stderr)
        return 1


def _source_update(args: argparse.Namespace) -> int:
    """Print the report, say where it is written and what stops the build now."""
    try:
        result = source_update(args.tree, args.source, args.file, args.date, args.today, args.cleaned, args.report)
    except UpdateRefused as err:
        print(f"source-update refused, nothing was written: {err}", file=sys.stderr)
        return 2
    except TreeError as err:
        print(err, file=sys.stderr)
        print(
            f"{len(err.problems)} problem(s) in the tree: fix them (finish the reviews of an earlier update) before updating a source; "
            "nothing was written.",
            file=sys.stderr,
        )
        return 1
    except (OSError, ValueError) as err:
        print(f"source-update: {err}; nothing was written.", file=sys.stderr)
        return 2
    print(result.report)
    print(f"Report written to {result.report_path}")
    if result.check_problems:
        print(f"{len(result.check_problems)} problem(s) now stop `make check` and the build until reviewed (see the report).")
    return 0


def _run(args: argparse.Namespace) -> int:
    """The command itself; every problem with the tree arrives as a TreeError."""
    build = build_site(args.tree, getattr(args, "site_url", ""))
    if args.command == "lock":
        try:
            added = lock_site(build)
        except TreeError as err:
            print(err, file=sys.stderr)
            print(f"{len(err.problems)} page(s) changed without a change entry; published.lock is unchanged.", file=sys.stderr)
            return 1
        print(f"{len(added)} URL(s) added to {build.loaded.lock_path}; fingerprints recorded" + "".join(f"\n  {u}" for u in added))
        return 0
    if args.strict and build.warnings:
        # For a generator without our hooks (Zensical): the gate `mkdocs build --strict` would be.
        print("\n".join(str(w) for w in build.warnings), file=sys.stderr)
        print(f"{len(build.warnings)} problem(s) stop a strict {args.command}; nothing was written.", file=sys.stderr)
        return 1
    for warning in build.warnings:
        if args.command == "check" or "published.lock" not in warning.message:
            print(f"warning: {warning}", file=sys.stderr)
    if args.command == "pages":
        write_pages(build, args.out)
        print(f"{len(build.pages)} pages and {len(build.files) + len(build.built_files)} other files written to {args.out}")
    else:
        tree = build.loaded.tree
        print(f"OK: {len(tree.nodes)} nodes, {len(tree.facts)} facts, {len(tree.notes)} notes, {len(tree.sources)} sources")
    return 0


if __name__ == "__main__":
    sys.exit(main())
