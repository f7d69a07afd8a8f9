"""The reader's side of the source appendix, built for real: a small project of one added
source whose title is hostile markup, built as the full and as the public edition
(SAGA_PUBLIC=1), and the real book searched in both scripts. Browser checks use Debian's
chromium through playwright, as tests/test_browser.py does."""

from __future__ import annotations

import functools
import http.server
import json
import os
import shutil
import subprocess
import sys
import threading
from contextlib import contextmanager
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT, saga
from test_browser import CHROMIUM, HTML, Quiet, browser, open_page, server  # noqa: F401

HOSTILE = "<img src=x onerror=alert(1)>"
SOURCE = "ceshi-2024-01-02"  # the id `saga add` gives the fixture article: pinyin of 測試 + date
CITED = f"{SOURCE}-4"  # 埃隆·馬斯克…: ¶1 is the given title, the file's first line ¶2


def build_book(project: Path, public: bool) -> Path:
    """`saga book-build html` on project; the built folder."""
    env = {k: v for k, v in os.environ.items() if k not in ("SAGA_ROOT", "SAGA_PUBLIC")}
    if public:
        env["SAGA_PUBLIC"] = "1"
    result = subprocess.run(
        [sys.executable, "-m", "saga", "--root", str(project), "book-build", "html"],
        capture_output=True,
        text=True,
        env=env,
        cwd=project,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    return project / "_build" / "html"


@pytest.fixture(scope="module")
def mini(tmp_path_factory) -> dict[str, Path]:
    """One source added with a hostile title, a page citing its ¶3, and the source appendix;
    built as the full edition and as the public edition."""
    base = tmp_path_factory.mktemp("mini") / "full"
    (base / "data" / "raw").mkdir(parents=True)
    (base / "book").mkdir()
    header = (ROOT / "data" / "sources.csv").read_text(encoding="utf-8").splitlines()[0]
    (base / "data" / "sources.csv").write_text(header + "\n", encoding="utf-8")
    shutil.copy2(ROOT / "data" / "cleaning.yml", base / "data" / "cleaning.yml")
    for folder in ("lexicon", "annotations"):
        shutil.copytree(ROOT / "data" / folder, base / "data" / folder)
    for name in ("requirements.txt", "_config.yml"):
        shutil.copy2(ROOT / name, base / name)
    for name in ("references.bib", "sources.md"):
        shutil.copy2(ROOT / "book" / name, base / "book" / name)
    for folder in ("_ext", "_static", "_extra"):
        shutil.copytree(
            ROOT / "book" / folder,
            base / "book" / folder,
            ignore=shutil.ignore_patterns("__pycache__"),
        )
    (base / "book" / "cites.md").write_text(f"# Cited\n\nOne claim {{para}}`{CITED}`.\n")
    (base / "_toc.yml").write_text(
        "format: jb-book\nroot: book/cites\nparts:\n  - caption: Appendix\n"
        "    chapters:\n      - file: book/sources\n"
    )
    args = ["--title", HOSTILE, "--outlet", "測試", "--published", "2024-01-02"]
    added = saga(base, "add", str(FIXTURES / "hant_report.txt"), *args)
    assert added.stdout.strip() == SOURCE, added.stderr
    assert saga(base, "data").returncode == 0
    public = base.parent / "public"
    shutil.copytree(base, public)
    return {"full": build_book(base, public=False), "public": build_book(public, public=True)}


@contextmanager
def serving(folder: Path):
    handler = functools.partial(Quiet, directory=str(folder))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def search_index(html: Path) -> dict:
    text = (html / "searchindex.js").read_text(encoding="utf-8")
    return json.loads(text[len("Search.setIndex(") : -1])


def paragraph_ids(page: Path) -> list[str]:
    import re

    return re.findall(rf'id="({SOURCE}-\d+)"', page.read_text(encoding="utf-8"))


# --- stored XSS (issue 12.4) --------------------------------------------------------------


def test_the_search_index_stores_section_titles_escaped(mini):
    titles = search_index(mini["full"])["alltitles"]
    assert "S1 · &lt;img src=x onerror=alert(1)&gt;" in titles
    assert not any("<img" in t for t in titles), titles


@pytest.mark.browser
@pytest.mark.skipif(not CHROMIUM.is_file(), reason="/usr/bin/chromium is not installed")
def test_searching_a_hostile_title_shows_it_as_text_and_runs_no_script(browser, mini):  # noqa: F811
    from urllib.parse import quote

    with serving(mini["full"]) as url:
        page = browser.new_page()
        dialogs: list[str] = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        try:
            page.goto(f"{url}/search.html?q={quote(HOSTILE)}", wait_until="load")
            page.wait_for_selector("#search-results ul.search li", timeout=20000)
            page.wait_for_timeout(500)  # let any injected onerror fire
            titles = page.locator("#search-results ul.search li a").all_inner_texts()
            assert "Source texts" in titles  # found by the title's words (img, onerror, ...)
            assert page.locator("#search-results img").count() == 0
            assert dialogs == []
        finally:
            page.close()


# --- public edition (issue 16.5) ----------------------------------------------------------


def test_the_full_edition_shows_every_paragraph_and_marks_it_untranslated(mini):
    page = mini["full"] / "book" / "sources.html"
    assert paragraph_ids(page) == [f"{SOURCE}-{n}" for n in (1, 2, 3, 4, 5)]
    text = page.read_text(encoding="utf-8")
    assert "Not yet translated" in text
    assert "Public edition" not in text


def test_the_public_edition_shows_only_the_cited_paragraph_and_says_why(mini):
    page = mini["public"] / "book" / "sources.html"
    assert paragraph_ids(page) == [CITED]
    text = page.read_text(encoding="utf-8")
    assert "Public edition: this appendix shows only the 1 of 5 paragraphs" in text
    assert "third-party copyright" in text
    cite = (mini["public"] / "book" / "cites.html").read_text(encoding="utf-8")
    assert f'href="sources.html#{CITED}"' in cite


def test_the_public_appendix_is_written_again_when_the_book_cites_something_new():
    """Its pages are not read again when only a chapter changed, but what they show depends
    on what the chapters cite: a new citation rewrites them, an unchanged set does not."""
    from types import SimpleNamespace

    from saga_sphinx.public_edition import rewrite_appendix

    app = SimpleNamespace(config=SimpleNamespace(saga_public=True))
    env = SimpleNamespace(
        saga_cited={"book/cites": {"a-1"}},
        saga_source_pages={"book/sources": (1, "x"), "book/source-texts/from-s000002": (2, "y")},
    )
    assert rewrite_appendix(app, env) == []  # the first build writes every page anyway
    assert rewrite_appendix(app, env) == []
    env.saga_cited["notebooks/ch1"] = {"b-3"}
    assert rewrite_appendix(app, env) == ["book/source-texts/from-s000002", "book/sources"]
    assert rewrite_appendix(app, env) == []
    app.config.saga_public = False
    env.saga_cited["notebooks/ch1"] = {"b-4"}
    assert rewrite_appendix(app, env) == []  # the full edition shows every paragraph


def pages_with(html: Path, word: str) -> list[str]:
    """The pages the search index lists for a word (none when absent)."""
    index = search_index(html)
    hits = index["terms"].get(word, [])
    return [index["docnames"][i] for i in ([hits] if isinstance(hits, int) else hits)]


def test_the_public_edition_does_not_index_uncited_text(mini):
    # ¶3 (cited) says the suit is 在法院審理; ¶4 (not cited) names 布羅克曼 (Brockman)
    assert pages_with(mini["full"], "审理") == ["book/sources"]
    assert pages_with(mini["full"], "布罗克曼") == ["book/sources"]
    assert pages_with(mini["public"], "审理") == ["book/sources"]
    assert pages_with(mini["public"], "布罗克曼") == []


# --- search in both scripts on the real book (issue 16.3) --------------------------------


def result_links(page) -> list[str]:
    page.wait_for_selector("#search-results ul.search li", timeout=20000)
    page.wait_for_function(
        "() => document.querySelector('#search-results .search-summary')?.textContent"
    )
    return sorted(
        page.locator("#search-results ul.search li a").evaluate_all(
            "links => links.map(a => a.getAttribute('href'))"
        )
    )


@pytest.mark.browser
@pytest.mark.skipif(not CHROMIUM.is_file(), reason="/usr/bin/chromium is not installed")
@pytest.mark.skipif(
    not (HTML / "search.html").is_file(), reason="_build/html absent: run `make book`"
)
@pytest.mark.parametrize(
    ("traditional", "simplified"),
    [("馬斯克", "马斯克"), ("奧特曼", "奥特曼"), ("董事會", "董事会")],
)
def test_a_query_in_either_script_finds_the_same_pages(browser, server, traditional, simplified):  # noqa: F811
    found = {}
    for query in (traditional, simplified):
        page, errors, _ = open_page(browser, f"{server}/html/search.html?q={query}")
        try:
            found[query] = result_links(page)
            assert errors == [], errors
        finally:
            page.close()
    assert found[simplified], f"{simplified}: no result"
    assert any(link.startswith("book/sources.html") for link in found[simplified])
    assert found[traditional] == found[simplified]


# --- the parallel English text on the real book (issue 16.1) ------------------------------

SOURCES_PAGE = HTML / "book" / "sources.html"
SINGLE = HTML.parent / "singlehtml" / "index.html"
needs_book = pytest.mark.skipif(
    not SOURCES_PAGE.is_file(), reason="_build/html absent: run `make book`"
)


@needs_book
def test_every_translated_paragraph_shows_its_english_and_note_beside_it(root):
    from html.parser import HTMLParser

    from saga.records.translations import load_translations

    class Cells(HTMLParser):
        """paragraph_id -> text of the saga-en cell that follows its anchor."""

        def __init__(self):
            super().__init__()
            self.cells, self.pid, self.depth = {}, None, 0

        def handle_starttag(self, tag, attrs):
            a = dict(attrs)
            if "saga-para" in (a.get("class") or "").split() and a.get("id"):
                self.pid = a["id"]
            if self.depth:
                self.depth += 1
            elif tag == "div" and "saga-en" in (a.get("class") or "").split() and self.pid:
                self.depth = 1
                self.cells[self.pid] = ""

        def handle_endtag(self, tag):
            if self.depth:
                self.depth -= 1

        def handle_data(self, data):
            if self.depth:
                self.cells[self.pid] += data

    parser = Cells()
    parser.feed(SOURCES_PAGE.read_text(encoding="utf-8"))
    table = load_translations(root)
    assert len(table) >= 122  # the five edition sources
    for row in table.itertuples(index=False):
        cell = " ".join(parser.cells[row.paragraph_id].split())
        assert cell.startswith(" ".join(row.text_en.split())), row.paragraph_id
        if row.note:
            assert f"Translator's note: {' '.join(row.note.split())}" in cell, row.paragraph_id
        else:
            assert "Translator's note" not in cell, row.paragraph_id
    text = SOURCES_PAGE.read_text(encoding="utf-8")
    assert text.count("this book&#8217;s own translation") + text.count(
        "this book's own translation"
    ) == len(set(table["source_id"]))


@pytest.mark.browser
@pytest.mark.skipif(not CHROMIUM.is_file(), reason="/usr/bin/chromium is not installed")
@needs_book
@pytest.mark.parametrize(("width", "beside"), [(1280, True), (420, False)])
def test_english_is_beside_the_original_on_wide_screens_and_below_on_narrow(
    browser,  # noqa: F811
    server,  # noqa: F811
    width,
    beside,
):
    page = browser.new_page()
    page.set_viewport_size({"width": width, "height": 900})
    try:
        page.goto(f"{server}/html/book/sources.html#unknown-2023-12-04-4", wait_until="load")
        original = page.locator("[id='unknown-2023-12-04-4']").bounding_box()
        english = page.locator(".saga-parallel:has([id='unknown-2023-12-04-4']) .saga-en")
        box = english.bounding_box()
        assert "species expert" in english.inner_text()
        if beside:
            assert box["x"] > original["x"] + original["width"] - 1
            assert abs(box["y"] - original["y"]) < 20
        else:
            assert box["y"] >= original["y"] + original["height"] - 1
    finally:
        page.close()


# --- control characters never reach the HTML (issue 12.6) --------------------------------


def test_control_characters_are_stripped_from_text_the_extension_reads(tmp_path):
    import types

    import pandas as pd
    from saga_sphinx.data import plain, read_table

    from saga.corpus.store import table_bytes
    from saga.paths import processed_dir

    assert plain("a\x1b[31mb\x07c\td\ne\x00f\x7fg\x85h") == "a[31mbc\td\nefgh"
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "sources.csv").write_text("source_id\n")
    processed_dir(tmp_path).mkdir(parents=True)
    table = pd.DataFrame({"text": ["马\x1b斯\x07克"], "n": [1]})
    (processed_dir(tmp_path) / "paragraphs.parquet").write_bytes(table_bytes(table))
    env = types.SimpleNamespace(
        app=types.SimpleNamespace(confdir=str(tmp_path)), note_dependency=lambda path: None
    )
    os.environ.pop("SAGA_ROOT", None)
    table = read_table(env, "paragraphs")
    assert table["text"].tolist() == ["马斯克"]
    assert table["n"].tolist() == [1]


@needs_book
@pytest.mark.parametrize(
    ("page", "up"),
    [(HTML / "book" / "data_dictionary.html", "../"), (SINGLE, "")],
    ids=["site", "single page"],
)
def test_every_download_link_of_the_data_dictionary_lands_on_a_file(page, up):
    """Each output links the downloads relative to its own page, though both builds read the
    data dictionary once, into one shared doctree."""
    import re

    links = re.findall(r'href="([./]*data/[^"#]+)"', page.read_text(encoding="utf-8"))
    assert f"{up}data/datapackage.json" in links
    assert f"{up}data/paragraphs.csv" in links and f"{up}data/events.csv" in links
    for link in links:
        assert (page.parent / link).resolve().is_file(), link
