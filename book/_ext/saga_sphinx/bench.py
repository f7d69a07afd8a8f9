"""{bench-summary}: the table `make bench` writes (_build/bench/summary.csv): each measure on
the build machine with its target and verdict, or one sentence saying how to measure them."""

from __future__ import annotations

import csv
from pathlib import Path

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

from .data import data_root, plain
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
        path = data_root(self.env) / SUMMARY
        self.env.note_dependency(str(path))  # re-read once the bench writes it
        return bench_nodes(path)


def setup(app) -> None:
    app.add_directive("bench-summary", BenchSummary)
