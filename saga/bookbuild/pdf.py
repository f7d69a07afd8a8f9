"""The PDF edition: print the single-page book (_build/singlehtml) to _build/pdf/saga.pdf.

Debian's Chromium (the one the browser tests drive) renders the page with the print stylesheet
(book/_static/saga-print.css) and embeds the fonts it used. Chromium embeds CFF-flavoured
OpenType (the book's CJK web font) as anonymous Type 3 fonts, so the PDF is given a TrueType
copy of that font instead, which it embeds as a named, subset CID font.

Before printing, a table of contents is inserted after the introduction; a first print finds
the page each entry starts on (pdftotext), and the second print carries those page numbers.
Every page has a running title and "N / M" at its foot; links stay clickable.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from ..errors import SagaError

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]

# Chapters (and their sections) in reading order: each document of the single page is a
# <span id="document-..."> followed by its <section>; the TOC goes before the first one.
TOC_JS = """() => {
  const docs = Array.from(document.querySelectorAll('span[id^="document-"]'));
  if (!docs.length || document.getElementById('saga-print-toc')) return [];
  const toc = document.createElement('nav');
  toc.id = 'saga-print-toc';
  toc.setAttribute('aria-label', 'Contents');
  const h = document.createElement('h2');
  h.textContent = 'Contents';
  toc.appendChild(h);
  const list = document.createElement('ol');
  const entries = [];
  const entry = (parent, heading, section, level) => {
    const li = document.createElement('li');
    li.className = 'saga-toc-l' + level;
    const row = document.createElement('div');
    row.className = 'saga-toc-row';
    const a = document.createElement('a');
    a.href = '#' + section.id;
    a.textContent = heading.firstChild ? heading.firstChild.textContent.trim() : '';
    const page = document.createElement('span');
    page.className = 'saga-toc-page';
    row.append(a, page);
    li.appendChild(row);
    parent.appendChild(li);
    entries.push({level: level, title: a.textContent});
    return li;
  };
  for (const span of docs) {
    const section = span.nextElementSibling;
    if (!section || section.tagName !== 'SECTION') continue;
    const title = section.querySelector(':scope > h1, :scope > h2');
    if (!title) continue;
    const li = entry(list, title, section, 1);
    const subs = section.querySelectorAll(':scope > section > h2, :scope > section > h3');
    if (subs.length) {
      const sub = document.createElement('ol');
      subs.forEach(s => entry(sub, s, s.parentElement, 2));
      li.appendChild(sub);
    }
  }
  toc.appendChild(list);
  docs[0].parentElement.insertBefore(toc, docs[0]);
  return entries;
}"""

SET_PAGES_JS = """(pages) => {
  document.querySelectorAll('#saga-print-toc .saga-toc-page').forEach((el, i) => {
    el.textContent = pages[i] ? String(pages[i]) : '';
  });
}"""

WEBFONT = "saga-cjk.otf"  # written by book/_ext (the CJK subset of the book's characters)
# Declared after the book's own "Saga CJK" face, so it wins for the same code points.
FONT_CSS = """@font-face {
  font-family: "Saga CJK"; src: url("URL") format("truetype");
  unicode-range: U+2E80-2FDF, U+3000-303F, U+3040-30FF, U+3100-31FF, U+3200-9FFF,
                 U+F900-FAFF, U+FE30-FE4F, U+FF00-FFEF;
}"""

HEADER = (
    '<div style="font-size:7.5pt;width:100%;margin:0 12mm;color:#666;'
    'text-align:right"><span class="title"></span></div>'
)
FOOTER = (
    '<div style="font-size:8pt;width:100%;margin:0 12mm;color:#444;text-align:center">'
    '<span class="pageNumber"></span> / <span class="totalPages"></span></div>'
)


def truetype(otf: Path, ttf: Path) -> None:
    """Write a TrueType (quadratic glyf) copy of the CFF-based OpenType font otf to ttf."""
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    from fontTools.ttLib import TTFont, newTable

    font = TTFont(otf)
    order = font.getGlyphOrder()
    glyphs = font.getGlyphSet()
    outlines = {}
    for name in order:
        pen = TTGlyphPen(None)
        glyphs[name].draw(Cu2QuPen(pen, max_err=1.0, reverse_direction=True))
        outlines[name] = pen.glyph()
    for tag in ("CFF ", "VORG"):
        if tag in font:
            del font[tag]
    glyf = newTable("glyf")
    glyf.glyphOrder, glyf.glyphs = order, outlines
    font["glyf"], font["loca"] = glyf, newTable("loca")
    maxp = font["maxp"]
    maxp.tableVersion = 0x00010000
    for field in (
        "maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs",
        "maxStackElements", "maxSizeOfInstructions", "maxComponentElements",
    ):  # fmt: skip
        setattr(maxp, field, 0)
    maxp.maxZones = 1
    font["head"].glyphDataFormat = 0
    post = font["post"]
    post.formatType, post.extraNames, post.mapping = 2.0, [], {}
    font.sfntVersion = "\x00\x01\x00\x00"
    font.save(ttf)


def _pages_text(pdf: Path) -> list[str]:
    """The text of each page of pdf (pdftotext separates pages with form feeds)."""
    out = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    return out.split("\f")


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def locate(titles: list[str], pages: list[str], after: int) -> list[int | None]:
    """1-based page on which each title first stands on a line of its own, searching forward
    from the page after `after` (the TOC) and never backwards (entries are in reading order)."""
    found: list[int | None] = []
    start = after
    for title in titles:
        want = _norm(title)
        hit = None
        for i in range(start, len(pages)):
            if any(_norm(line) == want for line in pages[i].splitlines()):
                hit = i
                break
        found.append(None if hit is None else hit + 1)
        if hit is not None:
            start = hit
    return found


def page_numbers(titles: list[str], pages: list[str]) -> list[int | None]:
    """Page of each TOC entry: found after the TOC, which runs from the page with the line
    "Contents" to the page holding the last entry's line (the first chapter starts anew)."""
    if not titles:
        return []
    toc = locate(["Contents", titles[-1]], pages, 0)
    if None in toc:
        return [None] * len(titles)
    return locate(titles, pages, toc[1])


def build_pdf(root: Path) -> Path:
    """Write _build/pdf/saga.pdf from _build/singlehtml/index.html; return its path."""
    single = root / "_build" / "singlehtml" / "index.html"
    if not single.is_file():
        raise SagaError(f"{single} is missing; run `make book` first")
    if not CHROMIUM.is_file():
        raise SagaError(
            f"{CHROMIUM} is missing; install Debian's chromium (apt-get install chromium)"
        )
    if shutil.which("pdftotext") is None:
        raise SagaError(
            "pdftotext is missing; install poppler-utils (apt-get install poppler-utils)"
        )
    from playwright.sync_api import sync_playwright

    out = root / "_build" / "pdf" / "saga.pdf"
    out.parent.mkdir(parents=True, exist_ok=True)
    options = dict(
        format="A4",
        print_background=True,
        display_header_footer=True,
        header_template=HEADER,
        footer_template=FOOTER,
        margin={"top": "16mm", "bottom": "16mm", "left": "14mm", "right": "14mm"},
        outline=True,
        tagged=True,
    )
    with sync_playwright() as p, tempfile.TemporaryDirectory() as tmp:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        try:
            page = browser.new_page()
            page.goto(single.as_uri(), wait_until="load")
            page.emulate_media(media="print")
            otf = single.parent / "_static" / WEBFONT
            if otf.is_file():
                ttf = Path(tmp) / "saga-cjk.ttf"
                truetype(otf, ttf)
                page.add_style_tag(content=FONT_CSS.replace("URL", ttf.as_uri()))
            entries = page.evaluate(TOC_JS)
            page.evaluate("() => document.fonts.ready.then(() => true)")
            draft = Path(tmp) / "draft.pdf"
            page.pdf(path=str(draft), **options)
            numbers = page_numbers([e["title"] for e in entries], _pages_text(draft))
            page.evaluate(SET_PAGES_JS, numbers)
            tmp_out = out.with_suffix(".pdf.tmp")
            page.pdf(path=str(tmp_out), **options)
            tmp_out.replace(out)
        finally:
            browser.close()
    return out


def main() -> int:
    """`make pdf`: one line on success or failure (exit 2), like the saga CLI."""
    import sys

    from ..paths import project_root

    try:
        path = build_pdf(project_root())
    except SagaError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    print(f"{path.relative_to(project_root())} written")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
