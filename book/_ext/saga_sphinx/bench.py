"""{bench-summary}: the table `make bench` writes (_build/bench/summary.csv): each measure on
the build machine with its target and verdict, or one sentence saying how to measure them."""

from __future__ import annotations

import csv
from pathlib import Path

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

from .data import data_root, plain
from .doc_notes import keep_per_document, notes
from .tables import simple_table

SUMMARY = Path("_build") / "bench" / "summary.csv"
HEADERS = ["Measure", "Value", "Target and verdict"]
NOT_RUN = (  # plain text and commands, in order
    ("The benchmarks have not been run for this build. ", False),
    ("make bench", True),
    (" measures them on the machine that builds the book and writes ", False),
    ("_build/bench/summary.csv", True),
    (", which the next ", False),
    ("make book", True),
    (" shows here.", False),
)


def bench_nodes(path: Path) -> list[nodes.Node]:
    """The summary at path as a table of plain text cells, or the sentence on how to make it."""
    if not path.is_file():
        parts = [nodes.literal(t, t) if code else nodes.Text(t) for t, code in NOT_RUN]
        return [nodes.paragraph("", "", *parts)]
    with path.open(encoding="utf-8", newline="") as f:
        rows = [
            [plain(r.get("measure", "")), plain(r.get("value", "")), plain(r.get("target", ""))]
            for r in csv.DictReader(f)
        ]
    return [simple_table(HEADERS, rows, classes=["saga-bench"], widths=[3, 1, 2])]


class BenchSummary(SphinxDirective):
    """The benchmarks of this build's machine, if `make bench` has run."""

    def run(self):
        notes(self.env, "saga_bench_docs")[self.env.docname] = True
        return bench_nodes(data_root(self.env) / SUMMARY)


def summary_stamp(env) -> int | None:
    path = data_root(env) / SUMMARY
    return path.stat().st_mtime_ns if path.is_file() else None


def outdated_with_summary(app, env, added, changed, removed) -> list[str]:
    """The pages showing the summary, when it appeared, changed or went since they were read.
    (Not a Sphinx dependency: Sphinx re-reads a page on every build while a dependency file is
    missing, which is the normal state here, and a no-op build would then do work.)"""
    stamp, old = summary_stamp(env), getattr(env, "saga_bench_stamp", None)
    env.saga_bench_stamp = stamp
    return sorted(notes(env, "saga_bench_docs")) if stamp != old else []


def setup(app) -> None:
    app.add_directive("bench-summary", BenchSummary)
    app.connect("env-get-outdated", outdated_with_summary)
    keep_per_document(app, "saga_bench_docs")
