"""{bench-summary}: the execution page's table of `make bench` results, escaped, or a sentence
saying how to produce them."""

from __future__ import annotations

import sys
from pathlib import Path

from docutils import nodes
from docutils.core import publish_from_doctree
from docutils.utils import new_document

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "book" / "_ext"))

from saga_sphinx.bench import bench_nodes  # noqa: E402


def html(found: list[nodes.Node]) -> str:
    document = new_document("<test>")
    document.extend(found)
    return publish_from_doctree(document, writer_name="html").decode("utf-8")


def test_each_measure_is_a_row_with_its_value_target_and_verdict(tmp_path):
    summary = tmp_path / "summary.csv"
    summary.write_text(
        "measure,value,target\n"
        "speedup_vs_lcut (3000 sources),1.7,target >= 1.6: met\n"
        "stage overlap (3000 sources),4.2,\n"
        "page_max_kb,3000,target <= 2048: MISSED\n",
        encoding="utf-8",
    )
    [table] = bench_nodes(summary)
    rows = [[e.astext() for e in row.findall(nodes.entry)] for row in table.findall(nodes.row)]
    assert rows == [
        ["Measure", "Value", "Target and verdict"],
        ["speedup_vs_lcut (3000 sources)", "1.7", "target >= 1.6: met"],
        ["stage overlap (3000 sources)", "4.2", ""],
        ["page_max_kb", "3000", "target <= 2048: MISSED"],
    ]


def test_text_in_the_summary_is_shown_literally_never_as_markup(tmp_path):
    summary = tmp_path / "summary.csv"
    summary.write_text('measure,value,target\n"<script>x</script> *a*",1,\n', encoding="utf-8")
    page = html(bench_nodes(summary))
    assert "&lt;script&gt;x&lt;/script&gt; *a*" in page and "<script>" not in page


def test_without_a_summary_the_page_says_how_to_run_the_benchmarks(tmp_path):
    [sentence] = bench_nodes(tmp_path / "summary.csv")
    assert isinstance(sentence, nodes.paragraph)
    assert sentence.astext().startswith("The benchmarks have not been run for this build.")
    commands = [n.astext() for n in sentence.findall(nodes.literal)]
    assert commands == ["make bench", "_build/bench/summary.csv", "make book"]
