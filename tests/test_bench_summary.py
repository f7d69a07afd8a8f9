"""{bench-summary}: the execution page's table of `make bench` results, escaped, or a sentence
saying how to produce them."""

from __future__ import annotations

import types

from docutils import nodes
from docutils.core import publish_from_doctree
from docutils.utils import new_document
from saga_sphinx.bench import SUMMARY, bench_nodes, outdated_with_summary


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


def test_the_page_is_reread_when_the_summary_appears_changes_or_goes_and_only_then(tmp_path):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "sources.csv").write_text("source_id\n", encoding="utf-8")
    app = types.SimpleNamespace(confdir=str(tmp_path))
    env = types.SimpleNamespace(app=app, saga_bench_docs={"book/execution": True})
    outdated = lambda: outdated_with_summary(app, env, set(), set(), set())  # noqa: E731
    assert outdated() == []  # no summary, and none before: a no-op build stays a no-op
    summary = tmp_path / SUMMARY
    summary.parent.mkdir(parents=True)
    summary.write_text("measure,value,target\n", encoding="utf-8")
    assert outdated() == ["book/execution"]
    assert outdated() == []
    summary.unlink()
    assert outdated() == ["book/execution"]
