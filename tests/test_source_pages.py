"""The source appendix is paged so no page of the site outgrows about 1 MB: pages packed in
manifest order, named after their first source, and citations that find the right page."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pandas as pd
import pytest
import yaml
from conftest import jupyter_book, write_book_config

from saga.bookbuild import source_pages
from saga.bookbuild.source_pages import (
    MARKUP_BYTES,
    appendix_pages,
    appendix_tables,
    page_fingerprints,
    page_name,
    page_ranges,
    page_starts,
    source_weights,
    write_source_pages,
)

ROOT = Path(__file__).resolve().parent.parent


def test_a_page_takes_sources_in_order_until_the_next_would_pass_the_budget():
    assert page_starts([4, 4, 4, 4, 4], budget=10) == [0, 2, 4]
    assert page_starts([10, 1], budget=10) == [0, 1]
    assert page_starts([], budget=10) == []


def test_a_source_heavier_than_the_budget_gets_a_page_of_its_own():
    assert page_starts([3, 25, 3, 3], budget=10) == [0, 1, 2]
    assert page_starts([25, 25], budget=10) == [0, 1]


def test_adding_sources_never_moves_an_earlier_page():
    weights = [7, 2, 9, 1, 1, 6, 8, 3]
    for n in range(1, len(weights)):
        before, after = page_starts(weights[:n], 10), page_starts(weights[: n + 1], 10)
        assert after[: len(before)] == before


def test_a_source_weighs_its_text_english_note_and_teasers_in_utf8_bytes_plus_markup():
    sources = pd.DataFrame({"source_id": ["a", "b"]})
    paragraphs = pd.DataFrame({"source_id": ["a", "a", "b"], "text": ["马斯克", "ab", "x"]})
    english = pd.DataFrame(
        {"source_id": ["a"], "paragraph_id": ["a-1"], "text_en": ["Musk"], "note": [""]}
    )
    related = pd.DataFrame({"source_id": ["b"], "text": ["奥特曼"]})
    # a: 9 + 2 bytes of Chinese in two paragraphs, 4 of English in one row, each row + markup
    assert source_weights(sources, paragraphs, english, related) == [
        9 + 2 + 4 + 3 * MARKUP_BYTES,
        1 + 9 + 2 * MARKUP_BYTES,
    ]


def test_the_shipped_corpus_fits_on_the_one_appendix_page():
    if not (ROOT / "data" / "processed" / "paragraphs.parquet").is_file():
        pytest.skip("run `make data` first")
    assert appendix_pages(ROOT) == [(1, 5)]


def _write_project(dest: Path, n_sources: int, chars: int) -> None:
    """A tiny project with a book whose appendix has n_sources of one paragraph each, `chars`
    characters long (invented filler, not an article)."""
    proc = dest / "data" / "processed"
    proc.mkdir(parents=True, exist_ok=True)
    (dest / "data" / "sources.csv").write_text("source_id\n", encoding="utf-8")
    ids = [f"src{i}" for i in range(1, n_sources + 1)]
    pd.DataFrame(
        {
            "source_id": ids,
            "label": [f"S{i}" for i in range(1, n_sources + 1)],
            "title": [f"标题 {i}" for i in range(1, n_sources + 1)],
            "outlet": ["测试"] * n_sources,
            "published": ["2024-01-01"] * n_sources,
            "script": ["simplified"] * n_sources,
            "witness": ids,
        }
    ).to_parquet(proc / "sources.parquet")
    pd.DataFrame(
        {
            "paragraph_id": [f"{s}-1" for s in ids],
            "source_id": ids,
            "label": [f"S{i}" for i in range(1, n_sources + 1)],
            "n": [1] * n_sources,
            "kind": ["body"] * n_sources,
            "text": ["字" * chars] * n_sources,
            "text_simplified": ["字" * chars] * n_sources,
        }
    ).to_parquet(proc / "paragraphs.parquet")


def test_prepare_writes_a_page_per_further_run_of_sources_and_rewrites_only_what_changed(
    tmp_path, monkeypatch
):
    monkeypatch.setattr(source_pages, "PAGE_BYTES", 1000)
    _write_project(tmp_path, 3, 200)  # 600 + 400 bytes each: one source per page
    assert write_source_pages(tmp_path) == [page_name(2), page_name(3)]
    folder = tmp_path / "book" / "source-texts"
    assert sorted(p.name for p in folder.iterdir()) == ["from-s000002.md", "from-s000003.md"]
    assert ":first: 3" in (folder / "from-s000003.md").read_text(encoding="utf-8")
    assert write_source_pages(tmp_path) == []  # nothing changed, nothing rewritten
    _write_project(tmp_path, 4, 200)  # S3's page is no longer the last: "S3", not "from S3"
    assert write_source_pages(tmp_path) == [page_name(3), page_name(4)]
    assert (
        (folder / "from-s000003.md").read_text(encoding="utf-8").startswith("# Source texts S3\n")
    )
    assert "# Source texts from S4\n" in (folder / "from-s000004.md").read_text(encoding="utf-8")
    _write_project(tmp_path, 1, 200)
    assert write_source_pages(tmp_path) == [page_name(2), page_name(3), page_name(4)]
    assert list(folder.iterdir()) == []


def _prints(root: Path) -> dict[int, str]:
    tables = appendix_tables(root)
    return page_fingerprints(tables, page_ranges(**tables))


def test_a_source_added_changes_the_fingerprint_of_its_page_and_of_the_first_only(
    tmp_path, monkeypatch
):
    """The first page links every other, so a new page changes it; the pages between keep
    theirs, and Sphinx need not read them again."""
    monkeypatch.setattr(source_pages, "PAGE_BYTES", 1000)
    _write_project(tmp_path, 3, 200)
    before = _prints(tmp_path)
    assert sorted(before) == [1, 2, 3] and len(set(before.values())) == 3
    _write_project(tmp_path, 4, 200)
    after = _prints(tmp_path)
    assert [a for a in after if after[a] != before.get(a)] == [1, 4]


def test_a_source_added_to_the_last_page_changes_its_fingerprint_alone(tmp_path, monkeypatch):
    """The first page links the last as "from S3" before and after: it need not be read."""
    monkeypatch.setattr(source_pages, "PAGE_BYTES", 2500)  # two sources of 1,000 bytes a page
    _write_project(tmp_path, 3, 200)
    before = _prints(tmp_path)
    _write_project(tmp_path, 4, 200)
    after = _prints(tmp_path)
    assert appendix_pages(tmp_path) == [(1, 2), (3, 4)]
    assert [a for a in after if after[a] != before[a]] == [3]


def test_a_translation_changes_the_fingerprint_of_the_page_of_its_source_only(
    tmp_path, monkeypatch
):
    monkeypatch.setattr(source_pages, "PAGE_BYTES", 1000)
    _write_project(tmp_path, 3, 200)
    before = _prints(tmp_path)
    (tmp_path / "data" / "translations").mkdir(parents=True)
    (tmp_path / "data" / "translations" / "src2.csv").write_text(
        "paragraph_id,text_en,note\nsrc2-1,Character after character.,\n", encoding="utf-8"
    )
    after = _prints(tmp_path)
    assert appendix_pages(tmp_path) == [(1, 1), (2, 2), (3, 3)]
    assert [a for a in after if after[a] != before[a]] == [2]


def _paged_project(dest: Path, n_sources: int = 3) -> None:
    """A book of n_sources of ~1.2 MB each (over the page budget), its pages prepared; the
    index cites the third source's paragraph."""
    _write_project(dest, n_sources, 400_000)
    write_book_config(dest, "paged", suppress=("etoc.glob",))
    (dest / "_toc.yml").write_text(
        "format: jb-book\nroot: index\nchapters:\n  - file: book/sources\n    sections:\n"
        "      - glob: book/source-texts/*\n",
        encoding="utf-8",
    )
    (dest / "index.md").write_text("# Paged\n\nSee {para}`src3-1`.\n", encoding="utf-8")
    (dest / "book").mkdir(exist_ok=True)
    (dest / "book" / "sources.md").write_text("# Sources\n\n```{source-texts}\n```\n")
    write_source_pages(dest)


@pytest.fixture(scope="module")
def paged_book(tmp_path_factory):
    """The paged book of three sources, built in html and singlehtml with the saga extension."""
    jb = Path(sys.executable).parent / "jupyter-book"
    if not jb.is_file():
        pytest.skip("jupyter-book not installed in this environment")
    dest = tmp_path_factory.mktemp("paged")
    _paged_project(dest)
    for builder in ("html", "singlehtml"):
        run = jupyter_book(dest, builder)
        assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    return dest / "_build"


def test_the_shipped_toc_lists_the_generated_pages_under_the_appendix():
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    appendix = [c for part in toc["parts"] for c in part["chapters"] if c["file"] == "book/sources"]
    assert appendix[0]["sections"] == [{"glob": "book/source-texts/*"}]


def test_each_source_is_on_its_own_page_and_the_first_page_links_the_others(paged_book):
    html = paged_book / "html" / "book"
    first = (html / "sources.html").read_text(encoding="utf-8")
    assert 'id="src1-1"' in first and 'id="src2-1"' not in first
    assert "source-texts/from-s000002.html" in first and "source-texts/from-s000003.html" in first
    third = (html / "source-texts" / "from-s000003.html").read_text(encoding="utf-8")
    assert 'id="src3-1"' in third and "Source texts from S3" in third


def test_no_page_of_the_paged_appendix_passes_2_mb(paged_book):
    pages = list((paged_book / "html").rglob("*.html"))
    assert max(p.stat().st_size for p in pages) < 2 * 2**20


def test_a_citation_links_to_the_page_that_holds_its_paragraph(paged_book):
    index = (paged_book / "html" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'href="book/source-texts/from-s000003\.html#src3-1"', index)
    single = (paged_book / "singlehtml" / "index.html").read_text(encoding="utf-8")
    assert 'href="#src3-1"' in single and 'id="src3-1"' in single


def test_the_sidebar_lists_the_further_pages_under_the_appendix(paged_book):
    page = (paged_book / "html" / "book" / "sources.html").read_text(encoding="utf-8")
    assert '<li class="toctree-l1 current active has-children">' in page
    assert 'href="source-texts/from-s000003.html">Source texts from S3</a>' in page


def test_an_empty_page_list_leaves_no_empty_expander(tmp_path):
    from docutils import nodes
    from docutils.utils import new_document
    from saga_sphinx.source_texts import DropEmptyPageList
    from sphinx import addnodes

    doc = new_document("<test>")
    for entries in ([], [("Page", "book/source-texts/from-s000002")]):
        wrapper = nodes.compound(classes=["toctree-wrapper"])
        wrapper += addnodes.toctree(glob=True, entries=entries)
        doc += wrapper
    DropEmptyPageList(doc).apply()
    assert [len(t["entries"]) for t in doc.findall(addnodes.toctree)] == [1]


def test_a_rebuild_after_a_source_is_added_reads_only_the_pages_that_show_something_new(
    tmp_path,
):
    """S4 goes on a page of its own: the build reads it, the first page (a new link) and S3's
    (now titled "S3", no longer "from S3"), but not S2's; every page is written again, since
    the navigation in every page's sidebar gained a page."""
    if not (Path(sys.executable).parent / "jupyter-book").is_file():
        pytest.skip("jupyter-book not installed in this environment")
    _paged_project(tmp_path)
    assert jupyter_book(tmp_path, "html").returncode == 0
    _write_project(tmp_path, 4, 400_000)
    assert write_source_pages(tmp_path) == [page_name(3), page_name(4)]
    run = jupyter_book(tmp_path, "html")
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    log = re.sub(r"\x1b\[[0-9;]*m", "", run.stdout)
    read = set(re.findall(r"reading sources\.\.\. \[[ 0-9]+%\] (\S+)", log))
    assert read == {"book/sources", *(f"book/source-texts/{page_name(n)}" for n in (3, 4))}
    pages = tmp_path / "_build" / "html" / "book" / "source-texts"
    assert 'id="src4-1"' in (pages / f"{page_name(4)}.html").read_text(encoding="utf-8")
    second = (pages / f"{page_name(2)}.html").read_text(encoding="utf-8")
    assert f'href="{page_name(4)}.html">Source texts from S4</a>' in second


def test_the_single_page_keeps_of_a_further_page_only_the_sources_the_book_cites():
    from docutils import nodes
    from saga_sphinx.singlehtml import keep_cited_sources

    def source(sid: str, *targets: str) -> nodes.section:
        section = nodes.section(ids=[f"source-{sid}"], classes=["saga-source"])
        section += nodes.title("", sid)
        for target in targets:
            section += nodes.container(classes=["saga-parallel"], saga_target=target)
        return section

    page = nodes.section(ids=["page"])
    page += [nodes.title("", "Source texts S8–S10"), nodes.paragraph("", "Continued from …")]
    page += [source("g8", "g8-1", "g8-2"), source("g9", "g9-1"), source("g10", "g10-t1")]
    keep_cited_sources(page, cited={"g8-2", "g10-t1", "s1-3"})
    assert [c["ids"] for c in page.children if isinstance(c, nodes.section)] == [
        ["source-g8"],
        ["source-g10"],
    ]
    note = page.children[2]  # where the sources begin, after the page's own lines
    assert "saga-site-only" in note["classes"]
    assert note.astext() == (
        "The single page and its PDF show 2 of the 3 sources of this page of the appendix: "
        "those whose paragraphs the book cites. The site's page shows all 3."
    )
    # a page with no source (or a chapter) is left as it is
    chapter = nodes.section("", nodes.paragraph("", "text"), ids=["ch"])
    keep_cited_sources(chapter, cited=set())
    assert chapter.astext() == "text"
