"""{cite-chapter}: the "Cite this chapter" box, from CITATION.cff, the chapter title and path,
with a note on citing pages of the PDF edition (`make pdf`, saga/bookbuild/pdf.py)."""

from __future__ import annotations

from pathlib import Path

import yaml
from docutils import nodes
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

logger = logging.getLogger(__name__)


class cite_chapter_placeholder(nodes.General, nodes.Element):
    """Replaced by the citation box once the chapter title is known (doctree-read)."""


class CiteChapter(SphinxDirective):
    def run(self):
        self.env.note_dependency(str(Path(self.env.app.confdir) / "CITATION.cff"))
        return [cite_chapter_placeholder()]


def read_citation(confdir: str | Path) -> dict:
    with (Path(confdir) / "CITATION.cff").open(encoding="utf-8") as f:
        return yaml.safe_load(f)


def cff_authors(cff: dict) -> str:
    names = []
    for a in cff.get("authors", []):
        if "name" in a:
            names.append(str(a["name"]))
        else:
            names.append(" ".join(str(a[k]) for k in ("given-names", "family-names") if k in a))
    return " and ".join(names)


def chapter_citation(cff: dict, title: str, docname: str) -> tuple[str, str]:
    """(plain text, BibTeX) for a chapter; version and date from CITATION.cff only."""
    book, version = str(cff["title"]), str(cff["version"])
    date = str(cff["date-released"])
    year = date[:4]
    authors = cff_authors(cff)
    path = f"{docname}.html"
    plain = (
        f"{authors} ({year}). “{title}.” In {book}, version {version} "
        f"(released {date}). Chapter {path}."
    )
    key = "saga-" + docname.rsplit("/", 1)[-1].replace("_", "-")
    bib_author = (
        "{" + authors + "}" if cff.get("authors") and "name" in cff["authors"][0] else authors
    )
    bibtex = (
        f"@incollection{{{key},\n"
        f"  author    = {{{bib_author}}},\n"
        f"  title     = {{{title}}},\n"
        f"  booktitle = {{{book}}},\n"
        f"  year      = {{{year}}},\n"
        f"  edition   = {{{version}}},\n"
        f"  note      = {{Version {version}, released {date}; chapter {path}}},\n"
        f"}}"
    )
    return plain, bibtex


PDF_NAME = "saga.pdf"  # the file saga/bookbuild/pdf.py writes to _build/pdf/


def pdf_note(cff: dict) -> nodes.paragraph:
    """How to cite a page: page numbers are those of the PDF edition of the same version."""
    version = str(cff["version"])
    return nodes.paragraph(
        "",
        "",
        nodes.Text(f"PDF edition: {PDF_NAME}, version {version} ("),
        nodes.literal("make pdf", "make pdf"),
        nodes.Text(
            " writes it to _build/pdf/). To cite a passage by page, add “PDF p. N”: page "
            f"numbers refer to {PDF_NAME} of version {version} only."
        ),
        classes=["saga-cite-pdf"],
    )


def fill_cite_boxes(app, doctree):
    placeholders = list(doctree.findall(cite_chapter_placeholder))
    if not placeholders:
        return
    title_node = next(iter(doctree.findall(nodes.title)), None)
    title = title_node.astext() if title_node else app.env.docname
    cff = read_citation(app.confdir)
    plain, bibtex = chapter_citation(cff, title, app.env.docname)
    for ph in placeholders:
        box = nodes.admonition(classes=["saga-cite", "tip", "dropdown"])  # collapsible
        box["support_smartquotes"] = False
        box += nodes.title("", "Cite this chapter")
        box += nodes.paragraph("", "", nodes.Text(plain))
        lit = nodes.literal_block(bibtex, bibtex, language="bibtex")
        box += lit
        box += pdf_note(cff)
        ph.replace_self(box)
