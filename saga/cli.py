"""Command line: `python -m saga add|check|data|book-prepare|book-build`. Bad input → one line on stderr, exit 2."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from saga.errors import SagaError
from saga.paths import project_root


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m saga", description=__doc__)
    p.add_argument("--root", type=Path, help="project folder (default: found from the cwd)")
    sub = p.add_subparsers(dest="command", required=True)
    add = sub.add_parser("add", help="add one article to data/raw and data/sources.csv")
    add.add_argument("path", type=Path)
    add.add_argument("--title", required=True)
    add.add_argument("--outlet", required=True)
    add.add_argument("--published", required=True, help="YYYY-MM-DD (YYYY-MM if no day)")
    add.add_argument("--url", default="")
    add.add_argument("--original", default="", help="bib key of what it translates or reposts")
    add.add_argument("--encoding", help="the file's encoding if not UTF-8 (GB18030, Big5 …)")
    sub.add_parser("check", help="verify manifest, files, checksums and annotations")
    sub.add_parser(
        "book-prepare", help="drop cached notebook runs whose input data changed (make book)"
    )
    site = sub.add_parser("book-build", help="build one book output into _build/<builder>")
    site.add_argument("builder", choices=["html", "singlehtml"])
    site.add_argument("--all", action="store_true", help="re-read every page")
    data = sub.add_parser("data", help="build data/processed/ (skipped when inputs are unchanged)")
    data.add_argument("--force", action="store_true", help="rebuild even if inputs are unchanged")
    return p


def run(args: argparse.Namespace) -> str:
    root = (args.root or project_root()).resolve()
    if args.command == "add":
        from saga.corpus.ingest import add_source

        return add_source(
            args.path,
            title=args.title,
            outlet=args.outlet,
            published=args.published,
            url=args.url,
            original=args.original,
            encoding=args.encoding,
            root=root,
        )
    if args.command == "check":
        from saga.records.check import check_project

        return check_project(root)
    if args.command == "book-prepare":
        from saga.bookbuild.cache import prepare_cache

        dropped = prepare_cache(root, verbose=False)
        return f"notebooks to re-execute: {', '.join(dropped) or 'none'}"
    if args.command == "book-build":
        from saga.bookbuild.sphinx import build as build_site

        if build_site(root, args.builder, force_all=args.all) != 0:
            raise SagaError(f"the {args.builder} build failed; see the warnings above")
        return f"_build/{args.builder} built"
    from saga.corpus.build import build

    rebuilt, paths = build(root, force=args.force)
    state = "built" if rebuilt else "up to date"
    return f"data/processed {state}: {len(paths)} tables"


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        print(run(args))
    except SagaError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    except OSError as err:
        print(f"error: {err.filename or ''}: {err.strerror or err}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("error: interrupted; nothing was changed", file=sys.stderr)
        return 130
    return 0
