"""Checks on the built book (`make book`): pages, figures, paragraph links, escaping, single page.

Most tests read _build/html and _build/singlehtml and skip when they are absent. The fixture
build at the end builds a two-page book from a hostile source text in a temporary folder.
"""

from __future__ import annotations

import re
import shutil
import sys
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest
from conftest import jupyter_book, toc_files, write_book_config

ROOT = Path(__file__).resolve().parent.parent
HTML = ROOT / "_build" / "html"
SINGLE = ROOT / "_build" / "singlehtml" / "index.html"

pytestmark = pytest.mark.book


def notebook_chapters() -> list[str]:
    return [f for f in toc_files() if (ROOT / f"{f}.ipynb").is_file()]


class Page(HTMLParser):
    """Collects ids, hrefs, img tags and script tags of one HTML page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.hrefs: list[tuple[str, dict]] = []
        self.imgs: list[dict] = []
        self.scripts: list[dict] = []
        self._in_script = False
        self.script_text: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "a" and "href" in a:
            self.hrefs.append((a["href"], a))
        if tag == "img":
            self.imgs.append(a)
        if tag == "script":
            self.scripts.append(a)
            self._in_script = True

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.script_text.append(data)


def parse(path: Path) -> Page:
    p = Page()
    p.feed(path.read_text(encoding="utf-8"))
    return p


needs_html = pytest.mark.skipif(
    not (HTML / "book" / "intro.html").is_file(), reason="_build/html absent: run `make book`"
)
needs_single = pytest.mark.skipif(
    not SINGLE.is_file(), reason="_build/singlehtml/index.html absent: run `make book`"
)


def paragraphs() -> pd.DataFrame:
    return pd.read_parquet(ROOT / "data" / "processed" / "paragraphs.parquet")


@needs_html
@pytest.mark.parametrize("doc", toc_files())
def test_every_toc_page_exists(doc):
    assert (HTML / f"{doc}.html").is_file()


@needs_html
@pytest.mark.parametrize("doc", notebook_chapters())
def test_every_notebook_chapter_has_a_generated_figure_with_alt_text(doc):
    page = parse(HTML / f"{doc}.html")
    made = [i for i in page.imgs if i.get("src", "").startswith("data:image/png;base64,")]
    assert made, f"{doc}: no figure made by the notebook's code"
    assert all(i.get("alt", "").strip() for i in made), f"{doc}: figure without alt text"


@needs_html
@pytest.mark.parametrize("doc", notebook_chapters())
def test_every_chapter_opens_with_a_cite_box(doc):
    text = (HTML / f"{doc}.html").read_text(encoding="utf-8")
    assert "Cite this chapter" in text
    assert "version 0.1.0 (released 2026-11-23)" in text
    assert f"{doc}.html" in text


@needs_html
def test_source_appendix_has_every_paragraph_anchor_and_label():
    page = parse(HTML / "book" / "sources.html")
    df = paragraphs()
    missing = set(df["paragraph_id"]) - page.ids
    assert not missing, f"paragraphs without anchor: {sorted(missing)[:5]}"
    text = (HTML / "book" / "sources.html").read_text(encoding="utf-8")
    for label, n in df[["label", "n"]].head(20).itertuples(index=False):
        assert f"{label} ¶{n}" in text
    assert "not article text" in text


@needs_html
def test_the_intro_lists_every_edition_source_and_its_witness():
    intro = (HTML / "book" / "intro.html").read_text(encoding="utf-8")
    table = re.search(r'<table class="[^"]*saga-sources[^"]*".*?</table>', intro, re.S).group(0)
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", table, re.S)[1:]
    sources = pd.read_parquet(ROOT / "data" / "processed" / "sources.parquet")
    assert len(rows) == len(sources) == 5  # under a dozen: no row of "other sources"
    # S1 and S5 translate one article (data/sources.csv: witness albergotti2023secret)
    assert "one witness with S5" in rows[0] and "one witness with S1" in rows[4]
    assert all("independent" in row for row in rows[1:4])


def _para_links(page: Page) -> list[str]:
    return [h for h, a in page.hrefs if "saga-para-cite" in str(a) or _is_para_href(h)]


def _is_para_href(href: str) -> bool:
    """A link to a paragraph ("<source_id>-<n>") or a related teaser ("<source_id>-t<n>")."""
    return "#" in href and bool(re.search(r"-t?\d+$", href.rsplit("#", 1)[1]))


@needs_html
def test_every_paragraph_citation_resolves_to_an_existing_anchor():
    ids_by_page: dict[Path, set[str]] = {}
    checked = 0
    for html in sorted(HTML.rglob("*.html")):
        if "_static" in html.parts or html.name in ("genindex.html", "search.html"):
            continue
        page = parse(html)
        for href in page.hrefs:
            h = href[0]
            if not _is_para_href(h) or h.startswith(("http:", "https:")):
                continue
            file, anchor = h.rsplit("#", 1)
            target = (html.parent / file).resolve() if file else html
            if target not in ids_by_page:
                assert target.is_file(), f"{html.name}: link to missing page {h}"
                ids_by_page[target] = parse(target).ids
            assert anchor in ids_by_page[target], f"{html.name}: dangling {h}"
            checked += 1
    assert checked > 0, "no paragraph citations found in the book"


@needs_html
def test_teaser_citations_land_on_anchored_teasers():
    sources = parse(HTML / "book" / "sources.html").ids
    lawsuit = parse(HTML / "notebooks" / "05_lawsuit.html")
    teasers = [h.rsplit("#", 1)[1] for h, _ in lawsuit.hrefs if re.search(r"-t\d+$", h)]
    assert "unknown-2023-12-04-t7" in teasers  # OpenAI's reply with five e-mails, 2024-03-06
    assert set(teasers) <= sources


@needs_html
def test_no_script_comes_from_source_text():
    """The source appendix has exactly the template's scripts (same as a page without sources),
    and no source paragraph appears inside a <script>."""
    page = parse(HTML / "book" / "sources.html")
    plain = parse(HTML / "book" / "how_to_cite.html")
    assert sorted(s.get("src", "") for s in page.scripts) == sorted(
        s.get("src", "") for s in plain.scripts
    )
    inline = "\n".join(page.script_text)
    for text in paragraphs()["text"]:
        if len(text) > 12:
            assert text[:40] not in inline


@needs_html
def test_sphinx_numbers_no_figures_so_a_rebuild_does_not_walk_every_page():
    """The built environment has numfig off, as _config.yml asks: nothing in the book is
    numbered, and with it on each builder unpickles every page after any change (the source
    appendix's pages too). Jupyter Book's LaTeX extension turned it on behind the config."""
    import pickle

    env = pickle.loads((ROOT / "_build" / ".doctrees" / "environment.pickle").read_bytes())
    assert env.config.numfig is False
    assert "sphinx_jupyterbook_latex" not in env.config.extensions


@needs_single
def test_single_page_holds_every_chapter_and_figure():
    text = SINGLE.read_text(encoding="utf-8")
    page = parse(SINGLE)
    for doc in toc_files()[1:]:
        assert f'id="document-{doc}"' in text, f"{doc} missing from the single page"
    figures = [i for i in page.imgs if i.get("src", "").startswith("data:image/png;base64,")]
    n_multi = 0
    for doc in notebook_chapters():
        n_multi += sum(
            1 for i in parse(HTML / f"{doc}.html").imgs if i.get("src", "").startswith("data:")
        )
    assert len(figures) == n_multi > 0
    # every other <img> must point at a file that exists next to the page
    for i in page.imgs:
        src = i.get("src", "")
        if src and not src.startswith(("data:", "http:", "https:")):
            assert (SINGLE.parent / src).is_file(), src


@needs_single
def test_single_page_paragraph_links_are_same_page_anchors():
    page = parse(SINGLE)
    links = [h for h, _ in page.hrefs if _is_para_href(h) and not h.startswith("http")]
    assert links
    for h in links:
        assert h.startswith("#"), h
        assert h[1:] in page.ids, h


# ------------------------------------------------------------ fixture build: escaping


HOSTILE = [
    ("title", "<script>alert('title')</script> 标题"),
    ("body", 'Hello <img src=x onerror="alert(1)"> and <b>bold</b> 马斯克'),
    ("body", "```{raw} html\n<script>alert(2)</script>\n```"),
    ("body", ".. raw:: html\n\n   <script>alert(3)</script>"),
    ("body", "[click](javascript:alert(4)) and {para}`fixture-src-1` and **not bold**"),
    ("body", "<a href=\"javascript:alert(5)\" onclick='x()'>link</a> &amp; &lt;"),
]


def _write_fixture_book(dest: Path, body: str) -> None:
    proc = dest / "data" / "processed"
    proc.mkdir(parents=True)
    (dest / "data" / "sources.csv").write_text("source_id\n", encoding="utf-8")
    sources = pd.DataFrame(
        {
            "source_id": ["fixture-src"],
            "label": ["S1"],
            "title": ["<script>alert('t')</script>"],
            "outlet": ["<b>Outlet</b>"],
            "published": ["2023"],
            "script": ["simplified"],
            "original": [None],
            "url": [""],
            "notes": ["javascript:alert(6)"],
            "witness": ["fixture-src"],
        }
    )
    paras = pd.DataFrame(
        {
            "paragraph_id": [f"fixture-src-{i + 1}" for i in range(len(HOSTILE))],
            "source_id": "fixture-src",
            "label": "S1",
            "n": list(range(1, len(HOSTILE) + 1)),
            "kind": [k for k, _ in HOSTILE],
            "text": [t for _, t in HOSTILE],
            "text_simplified": [t for _, t in HOSTILE],
        }
    )
    related = pd.DataFrame(
        {
            "teaser_id": ["fixture-src-t1"],
            "source_id": ["fixture-src"],
            "n": [1],
            "date": ["2024-01-01"],
            "text": ["<script>alert(7)</script>"],
            "text_simplified": ["x"],
        }
    )
    sources.to_parquet(proc / "sources.parquet")
    paras.to_parquet(proc / "paragraphs.parquet")
    related.to_parquet(proc / "related.parquet")
    write_book_config(dest, "fixture")
    (dest / "_toc.yml").write_text(
        "format: jb-book\nroot: index\nchapters:\n  - file: sources\n", encoding="utf-8"
    )
    (dest / "index.md").write_text(f"# Fixture\n\n{body}\n", encoding="utf-8")
    (dest / "sources.md").write_text("# Sources\n\n```{source-texts}\n```\n", encoding="utf-8")


@pytest.fixture(scope="module")
def hostile_book(tmp_path_factory):
    if shutil.which("jupyter-book", path=str(Path(sys.executable).parent)) is None:
        pytest.skip("jupyter-book not installed in this environment")
    dest = tmp_path_factory.mktemp("hostile")
    _write_fixture_book(dest, "See {para}`fixture-src-2` and {para}`fixture-src-5`.")
    for builder in ("html", "singlehtml"):
        r = jupyter_book(dest, builder)
        assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-3000:]
    return dest


def test_hostile_source_text_is_shown_literally(hostile_book):
    html_file = hostile_book / "_build" / "html" / "sources.html"
    text = html_file.read_text(encoding="utf-8")
    page = parse(html_file)
    assert not any("alert" in s for s in page.script_text)
    assert not any(i.get("src") == "x" for i in page.imgs)
    assert "onerror=" not in text.replace("onerror=&quot;", "")
    assert not any(h.startswith("javascript:") for h, _ in page.hrefs)
    assert (
        "&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;" in text
        or "&lt;script&gt;alert('title')&lt;/script&gt;" in text
    )
    assert "&lt;b&gt;bold&lt;/b&gt;" in text
    assert "{raw} html" in text and ".. raw:: html" in text
    assert "{para}`fixture-src-1`" in text  # role syntax in source text is not a role
    assert "**not bold**" in text
    assert "&lt;script&gt;alert(7)&lt;/script&gt;" in text  # related teaser, escaped
    assert {"fixture-src-1", "fixture-src-6"} <= page.ids


def test_para_role_links_in_html_and_singlehtml(hostile_book):
    index = parse(hostile_book / "_build" / "html" / "index.html")
    hrefs = [h for h, _ in index.hrefs]
    assert "sources.html#fixture-src-2" in hrefs
    text = (hostile_book / "_build" / "html" / "index.html").read_text(encoding="utf-8")
    assert "[S1 ¶2]" in text and "[S1 ¶5]" in text
    single = parse(hostile_book / "_build" / "singlehtml" / "index.html")
    assert "#fixture-src-2" in [h for h, _ in single.hrefs]
    assert "fixture-src-2" in single.ids


def test_unknown_paragraph_id_fails_the_build(tmp_path):
    if shutil.which("jupyter-book", path=str(Path(sys.executable).parent)) is None:
        pytest.skip("jupyter-book not installed in this environment")
    _write_fixture_book(tmp_path, "See {para}`fixture-src-99`.")
    r = jupyter_book(tmp_path, "html")
    assert r.returncode != 0
    assert "unknown paragraph id 'fixture-src-99'" in r.stdout + r.stderr


# ------------------------------------------------------------ execution cache invalidation


def _cache_notebook(cache_dir: Path, nb_path: Path) -> None:
    import nbformat
    from jupyter_cache import get_cache
    from jupyter_cache.base import CacheBundleIn

    nb = nbformat.read(str(nb_path), as_version=4)
    get_cache(str(cache_dir)).cache_notebook_bundle(
        CacheBundleIn(nb, str(nb_path)), check_validity=False, overwrite=True
    )


def _cached_uris(cache_dir: Path) -> set[str]:
    from jupyter_cache import get_cache

    return {Path(r.uri).name for r in get_cache(str(cache_dir)).list_cache_records()}


def test_prepare_cache_drops_exactly_the_notebooks_whose_data_changed(tmp_path, monkeypatch):
    import nbformat
    from nbformat.v4 import new_code_cell, new_notebook

    from saga.bookbuild.cache import prepare_cache

    monkeypatch.delenv("SAGA_ROOT", raising=False)
    (tmp_path / "data" / "processed").mkdir(parents=True)
    (tmp_path / "data" / "lexicon").mkdir()
    (tmp_path / "data" / "sources.csv").write_text("source_id\n", encoding="utf-8")
    (tmp_path / "notebooks").mkdir()
    for name, reads, code in [
        ("a", ["paragraphs"], "x = 1"),
        ("b", ["mentions"], "y = 2"),
        ("c", ["lexicon"], "z = 3"),
    ]:
        nb = new_notebook(cells=[new_code_cell(code)], metadata={"saga": {"reads": reads}})
        nbformat.write(nb, str(tmp_path / "notebooks" / f"{name}.ipynb"))
    (tmp_path / "data" / "processed" / "paragraphs.parquet").write_bytes(b"p1")
    (tmp_path / "data" / "processed" / "mentions.parquet").write_bytes(b"m1")
    (tmp_path / "data" / "lexicon" / "entities.csv").write_text("id\n", encoding="utf-8")
    cache = tmp_path / "_build" / ".jupyter_cache"

    first = prepare_cache(tmp_path, verbose=False)
    assert first == ["notebooks/a.ipynb", "notebooks/b.ipynb", "notebooks/c.ipynb"]
    for name in "abc":
        _cache_notebook(cache, tmp_path / "notebooks" / f"{name}.ipynb")
    assert prepare_cache(tmp_path, verbose=False) == []
    assert _cached_uris(cache) == {"a.ipynb", "b.ipynb", "c.ipynb"}

    (tmp_path / "data" / "processed" / "mentions.parquet").write_bytes(b"m2")
    assert prepare_cache(tmp_path, verbose=False) == ["notebooks/b.ipynb"]
    assert _cached_uris(cache) == {"a.ipynb", "c.ipynb"}

    (tmp_path / "data" / "lexicon" / "userdict.txt").write_text("马斯克 nr\n", encoding="utf-8")
    assert prepare_cache(tmp_path, verbose=False) == ["notebooks/c.ipynb"]
    assert _cached_uris(cache) == {"a.ipynb"}
    fps = (tmp_path / "_build" / ".saga_fingerprints.json").read_text(encoding="utf-8")
    assert "notebooks/a.ipynb" in fps


def test_every_book_notebook_declares_its_inputs_and_is_stored_without_outputs():
    import json

    from saga.bookbuild.cache import notebook_reads

    for doc in notebook_chapters():
        path = ROOT / f"{doc}.ipynb"
        assert notebook_reads(path), f"{doc}: metadata.saga.reads is empty"
        nb = json.loads(path.read_text(encoding="utf-8"))
        for cell in nb["cells"]:
            if cell["cell_type"] == "code":
                assert cell["outputs"] == [] and cell["execution_count"] is None, doc
