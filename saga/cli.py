"""Command line: `python -m saga add|check|data|book-prepare|book-build`. Bad input → one line on stderr, exit 2."""

from __future__ import annotations

import argparse
import os
import signal
import sys
from pathlib import Path

from saga.errors import SagaError
from saga.paths import project_root


class _Parser(argparse.ArgumentParser):
    """argparse with one-line usage errors that point to --help (exit 2)."""

    def error(self, message: str):
        self.exit(2, f"error: {message}; see `{self.prog} --help`\n")


def _parser() -> argparse.ArgumentParser:
    p = _Parser(prog="python -m saga", description=__doc__)
    p.add_argument("--root", type=Path, help="project folder (default: found from the cwd)")
    sub = p.add_subparsers(dest="command", required=True)
    add = sub.add_parser("add", help="add one article (or a CSV list of them) to data/")
    add.add_argument("path", type=Path, nargs="?", help="the article's text file")
    add.add_argument(
        "--from",
        dest="from_list",
        type=Path,
        help="CSV of articles: file,title,outlet,published[,url,original,encoding]",
    )
    add.add_argument("--title")
    add.add_argument("--outlet")
    add.add_argument("--published", help="YYYY-MM-DD (YYYY-MM if no day)")
    add.add_argument("--url", default="")
    add.add_argument("--original", default="", help="bib key of what it translates or reposts")
    add.add_argument("--encoding", help="the file's encoding if not UTF-8 (GB18030, Big5 …)")
    sub.add_parser("check", help="verify manifest, files, checksums and annotations")
    sub.add_parser(
        "book-prepare",
        help="drop cached notebook runs whose input data changed; page the source appendix",
    )
    site = sub.add_parser("book-build", help="build one book output into _build/<builder>")
    site.add_argument("builder", choices=["html", "singlehtml"])
    site.add_argument("--all", action="store_true", help="re-read every page")
    data = sub.add_parser("data", help="build data/processed/ (skipped when inputs are unchanged)")
    data.add_argument("--force", action="store_true", help="rebuild even if inputs are unchanged")
    return p


def _add_usage_problem(args: argparse.Namespace) -> str | None:
    """PATH with --title/--outlet/--published, or --from LIST alone; else what is wrong."""
    flags = ("path", "title", "outlet", "published", "url", "original", "encoding")
    if args.from_list:
        if any(getattr(args, f) for f in flags):
            return "--from LIST takes everything from the list; give no PATH or other flags"
        return None
    if args.path is None:
        return "give PATH (one article) or --from LIST.csv"
    missing = [f"--{f}" for f in ("title", "outlet", "published") if getattr(args, f) is None]
    return f"the following arguments are required: {', '.join(missing)}" if missing else None


def _root(args: argparse.Namespace) -> Path:
    """--root, $SAGA_ROOT or the folder above the cwd holding data/sources.csv."""
    if args.root is None:
        return project_root()
    root = args.root.resolve()
    if not (root / "data" / "sources.csv").is_file():
        raise SagaError(f"--root {args.root}: no data/sources.csv there; not a saga project")
    return root


def _add(args: argparse.Namespace, root: Path) -> str:
    from saga.corpus.ingest import Article, add_articles, read_list
    from saga.records.annotations import bib_keys

    if args.from_list:
        items = read_list(args.from_list)
    else:
        meta = {k: getattr(args, k) for k in ("title", "outlet", "published", "url", "original")}
        items = [("", Article(args.path, encoding=args.encoding, **meta))]
    ids = add_articles(items, root=root, bibs=bib_keys(root), progress=sys.stderr.isatty())
    return "\n".join(ids)


def run(args: argparse.Namespace) -> str:
    root = _root(args)
    if args.command == "add":
        return _add(args, root)
    if args.command == "check":
        from saga.records.check import check_project

        return check_project(root)
    if args.command == "book-prepare":
        from saga.bookbuild.cache import prepare_cache
        from saga.bookbuild.execute import timed_execute
        from saga.bookbuild.source_pages import write_source_pages

        dropped = prepare_cache(root, verbose=False)
        pages = write_source_pages(root)
        ahead = timed_execute(root, os.cpu_count() or 1)
        return (
            f"notebooks to re-execute: {', '.join(dropped) or 'none'} ({ahead}); "
            f"source-appendix pages written or removed: {len(pages)}"
        )
    if args.command == "book-build":
        from saga.bookbuild.sphinx import build as build_site
        from saga.bookbuild.sphinx import up_to_date

        # one line either way (the single page is often up to date: built beside the site)
        if not args.all and up_to_date(root, args.builder):
            return (
                f"_build/{args.builder} is up to date: nothing it is made of changed; not rebuilt"
            )
        if build_site(root, args.builder, force_all=args.all) != 0:
            raise SagaError(f"the {args.builder} build failed; see the warnings above")
        return f"_build/{args.builder} built"
    from saga.corpus.build import build

    rebuilt, paths = build(root, force=args.force)
    state = "built" if rebuilt else "up to date"
    return f"data/processed {state}: {len(paths)} tables"


def _interrupt(signum, frame):
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "add" and (problem := _add_usage_problem(args)):
        print(f"error: {problem}; see `python -m saga add --help`", file=sys.stderr)
        return 2
    signal.signal(signal.SIGTERM, _interrupt)  # SIGTERM cleans up like Ctrl-C
    try:
        print(run(args))
    except SagaError as err:
        print("\n".join(f"error: {line}" for line in str(err).splitlines()), file=sys.stderr)
        return 2
    except OSError as err:
        print(f"error: {err.filename or ''}: {err.strerror or err}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("error: interrupted; nothing was changed", file=sys.stderr)
        return 130
    return 0
