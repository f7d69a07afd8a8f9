"""The PDF edition (`make pdf`): printed from the single page by Debian's Chromium, with the
CJK font embedded, every chapter and chart, a table of contents whose page numbers are right,
page numbers on every page and external links' addresses in print."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest
from conftest import toc_files

ROOT = Path(__file__).resolve().parent.parent
SINGLE = ROOT / "_build" / "singlehtml" / "index.html"
CHROMIUM = Path("/usr/bin/chromium")

pytestmark = [
    pytest.mark.browser,
    pytest.mark.book,
    pytest.mark.skipif(not CHROMIUM.is_file(), reason="/usr/bin/chromium is not installed"),
    pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed"),
    pytest.mark.skipif(not SINGLE.is_file(), reason="_build/singlehtml absent: run `make book`"),
]


def page_title(doc: str) -> str:
    """The first level-1 heading of a book page or notebook, read from its source."""
    path = ROOT / (doc + (".ipynb" if doc.startswith("notebooks/") else ".md"))
    if path.suffix == ".ipynb":
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        text = "".join("".join(c["source"]) + "\n" for c in cells if c["cell_type"] == "markdown")
    else:
        text = path.read_text(encoding="utf-8")
    return next(m.group(1).strip() for m in re.finditer(r"^# (.+)$", text, re.M))


def plain(text: str) -> str:
    """Sphinx prints straight quotes curly; compare titles as written in the source."""
    return text.replace("\u2019", "'").replace("\u201c", '"').replace("\u201d", '"')


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def pdf() -> Path:
    from saga.bookbuild.pdf import build_pdf

    return build_pdf(ROOT)


@pytest.fixture(scope="module")
def pages(pdf) -> list[str]:
    out = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    return [plain(p) for p in out.split("\f")[:-1]]  # each page ends with a form feed


def test_written_where_make_pdf_says(pdf):
    assert pdf == ROOT / "_build" / "pdf" / "saga.pdf"
    assert pdf.read_bytes()[:5] == b"%PDF-"


def test_text_has_chinese_and_every_chapter_title(pages):
    text = "\n".join(pages)
    assert "马斯克" in text
    assert "摘要" in text
    for doc in toc_files():
        assert page_title(doc) in text, doc


def test_cjk_font_is_embedded(pdf):
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True).stdout
    cjk = [line for line in fonts.splitlines() if "CJK" in line]
    assert cjk, fonts
    # columns: name type... encoding emb sub uni object ID; emb is "yes"
    assert all(line.split()[-5] == "yes" for line in cjk), cjk


def test_every_page_is_numbered(pages):
    total = len(pages)
    for number, text in enumerate(pages, start=1):
        assert re.search(rf"\b{number} / {total}\b", text), f"page {number}"


def test_toc_lists_each_chapter_with_the_page_it_starts_on(pages):
    toc_start = next(i for i, p in enumerate(pages) if re.search(r"^\s*Contents\s*$", p, re.M))
    end = toc_start + 1  # the contents run on while a page lists entries ending in a number
    while end < len(pages) and len(re.findall(r"[^\d/\s]\s{2,}\d+\s*$", pages[end], re.M)) >= 3:
        end += 1
    toc = "\n".join(pages[toc_start:end])
    for doc in toc_files()[1:]:  # the introduction precedes the table of contents
        title = page_title(doc)
        m = re.search(rf"^\s*{re.escape(title)}\s+(\d+)\s*$", toc, re.M)
        assert m, f"{title!r} not in the table of contents"
        page = int(m.group(1))
        lines = [line.strip() for line in pages[page - 1].splitlines()]
        assert title in lines, f"{title!r} is not on page {page}"


def test_every_chart_is_printed(pdf):
    """Each figure of the single page appears in the PDF at its own pixel size."""
    import base64
    import io

    from bs4 import BeautifulSoup
    from PIL import Image

    soup = BeautifulSoup(SINGLE.read_text(encoding="utf-8"), "html.parser")
    sizes = Counter()
    for img in soup.select('img[src^="data:image/png"]'):
        data = base64.b64decode(img["src"].split(",", 1)[1])
        sizes[Image.open(io.BytesIO(data)).size] += 1
    assert sizes, "no figure in the single page"
    listing = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True)
    printed = Counter(
        (int(cols[3]), int(cols[4]))
        for cols in (line.split() for line in listing.stdout.splitlines()[2:])
        if cols[2] == "image"
    )
    missing = {size: n for size, n in sizes.items() if printed[size] < n}
    assert not missing, missing


def test_external_links_print_their_address(tmp_path):
    """The print stylesheet on a two-link page: the external link's address follows its text,
    the internal link prints as text only (and both stay links)."""
    from playwright.sync_api import sync_playwright

    css = (ROOT / "book" / "_static" / "saga-print.css").read_text(encoding="utf-8")
    page_html = tmp_path / "links.html"
    page_html.write_text(
        f"<html><head><style>{css}</style></head><body><p id='top'>See "
        '<a class="reference external" href="https://example.org/report">the report</a> and '
        '<a class="reference internal" href="#top">the top</a>.</p></body></html>',
        encoding="utf-8",
    )
    out = tmp_path / "links.pdf"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        page = browser.new_page()
        page.goto(page_html.as_uri())
        page.pdf(path=str(out))
        browser.close()
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True).stdout
    assert "the report <https://example.org/report>" in " ".join(text.split())
    assert "the top." in " ".join(text.split())


def test_print_drops_navigation_and_search(pages):
    text = "\n".join(pages)
    assert "Ctrl+K" not in squash(text)
    assert "Show code cell source" not in text
