"""Readable at 300 sources (issue 14): on a generated corpus of 300 sources (the five edition
sources and 295 assembled articles, saga.bench.generate) the book builds, no page of the site
weighs over 2 MB with its images, no table grows a row per source, the source appendix is paged
with every paragraph on exactly one page, and the single page keeps of the appendix's further
pages only the sources the book cites. Slow (a clean build of a big book, about four minutes)."""

from __future__ import annotations

import re

import pandas as pd
import pytest
from conftest import ROOT, copy_tracked, saga

from saga.bench.generate import generate
from saga.bench.run import page_weights

pytestmark = pytest.mark.slow
N_SOURCES = 300
MB2 = 2 * 2**20


@pytest.fixture(scope="module")
def big(tmp_path_factory):
    """A copy of the project's tracked files on a 300-source corpus, with the book built."""
    dest = tmp_path_factory.mktemp("big") / "project"
    copy_tracked(dest, skip="data/raw/")
    generate(ROOT, dest, N_SOURCES)
    log = ""
    for step in (["data"], ["book-prepare"], ["book-build", "html"], ["book-build", "singlehtml"]):
        done = saga(dest, *step, timeout=1800)
        assert done.returncode == 0, done.stderr[-3000:] + done.stdout[-3000:]
        log += done.stdout + done.stderr
    return dest, log


def test_the_book_builds_on_300_sources(big):
    root, _ = big
    sources = pd.read_parquet(root / "data" / "processed" / "sources.parquet")
    assert len(sources) == N_SOURCES
    assert (root / "_build" / "html" / "notebooks" / "06_synthesis.html").is_file()


def test_no_page_weighs_over_2_mb_with_its_images(big):
    root, _ = big
    weights = page_weights(root / "_build" / "html")
    heavy = {page: round(w / 2**20, 2) for page, w in weights.items() if w > MB2}
    assert heavy == {}


def test_the_source_appendix_is_paged_and_holds_every_paragraph_once(big):
    root, _ = big
    html = root / "_build" / "html" / "book"
    pages = [html / "sources.html", *sorted((html / "source-texts").glob("*.html"))]
    assert len(pages) > 1
    ids = pd.read_parquet(root / "data" / "processed" / "paragraphs.parquet")["paragraph_id"]
    found: dict[str, int] = {}
    for page in pages:
        for pid in re.findall(r'<p class="saga-para [^"]*" id="([^"]+)"', page.read_text("utf-8")):
            found[pid] = found.get(pid, 0) + 1
    assert set(found) == set(ids) and set(found.values()) == {1}


def test_stale_premises_are_reported_not_fatal(big):
    root, log = big
    reported = set(re.findall(r"saga: stale premise in (\S+): (\S+) —", log))
    appendix = (root / "_build" / "html" / "book" / "execution.html").read_text("utf-8")
    assert reported, "300 generated sources should make some edition premise stale"
    assert all(name in appendix for _, name in reported)


def test_the_intros_sources_at_a_glance_shows_a_dozen_and_counts_the_rest(big):
    root, _ = big
    intro = (root / "_build" / "html" / "book" / "intro.html").read_text("utf-8")
    table = re.search(r'<table class="[^"]*saga-sources[^"]*".*?</table>', intro, re.S).group(0)
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", table, re.S)[1:]  # the header row left out
    assert len(rows) == 13  # S1–S12, then one row for the rest
    assert "S13–S300" in rows[-1] and "288 other sources" in rows[-1]


def _tables(html: str) -> list[str]:
    return re.findall(r"<table.*?</table>", html, re.S)


def test_no_table_grows_a_row_per_source(big):
    """Per-source tables show a dozen sources and fold the rest; the longest tables list the
    lexicon's names (the glossary) or the edition's annotated amounts, whatever the corpus."""
    root, _ = big
    html = root / "_build" / "html"
    pages = [*html.glob("notebooks/*.html"), *html.glob("book/*.html")]
    rows = {
        page.relative_to(html).as_posix(): max(
            (t.count("<tr") for t in _tables(page.read_text("utf-8"))), default=0
        )
        for page in pages
    }
    assert rows["notebooks/03_capped_profit.html"] > 12  # the money table is among them
    names = len(pd.read_csv(root / "data" / "lexicon" / "entities.csv"))  # the glossary's rows
    limit = max(N_SOURCES // 4, names + 1)
    assert {page: n for page, n in rows.items() if n > limit} == {}


def test_the_glossary_names_five_sources_a_form_and_counts_the_rest(big):
    root, _ = big
    glossary = (root / "_build" / "html" / "book" / "glossary.html").read_text("utf-8")
    cells = re.findall(r"<td>(.*?)</td>", glossary, re.S)
    assert any(re.search(r"and \d+ more sources", c) for c in cells)
    for cell in cells:
        for form in cell.split("; "):
            assert len(re.findall(r"S\d+: \d+", form)) <= 5, form


def _sources(html: str) -> set[str]:
    """The ids of the source sections of a page of the appendix (or of the single page)."""
    return set(re.findall(r'<section class="saga-source" id="([^"]+)"', html))


def test_the_single_page_keeps_the_first_appendix_page_and_the_cited_sources_only(big):
    root, _ = big
    single = (root / "_build" / "singlehtml" / "index.html").read_text("utf-8")
    site = root / "_build" / "html" / "book"
    first = _sources((site / "sources.html").read_text("utf-8"))
    further = [_sources(page.read_text("utf-8")) for page in sorted(site.glob("source-texts/*"))]
    kept = _sources(single)
    assert first <= kept
    notes = re.findall(r"show (\d+) of the (\d+) sources of this page", single)
    assert [int(total) for _, total in notes] == [len(ids) for ids in further]
    shown = kept - first
    assert shown and len(shown) == sum(int(n) for n, _ in notes)
    assert len(shown) < sum(len(ids) for ids in further) / 4
    # every citation of the single page still links to a paragraph on the same page
    anchors = set(re.findall(r' id="([^"]+)"', single))
    assert set(re.findall(r'href="#([^"]+)"', single)) <= anchors
