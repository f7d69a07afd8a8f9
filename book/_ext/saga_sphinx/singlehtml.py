"""The single-page build written as index.html, with same-page anchors, and bounded: of the
source appendix's further pages it keeps only the sources the book cites.

The site's appendix grows a page of about 1 MB for every run of sources a reader adds; the
single page (and the PDF printed from it) would grow with all of them (27 MB and 1.7 GB of
memory to build at 3,000 sources). It carries the appendix's first page whole (the edition's
sources and those after them, up to about 1 MB) and, of each further page, its title, the
sources holding a paragraph or teaser the book cites, and a note of how many are on the site
only: every citation still links to its paragraph on the same page.
"""

from __future__ import annotations

import json
from pathlib import Path

from docutils import nodes
from sphinx.builders.singlehtml import SingleFileHTMLBuilder
from sphinx.util import logging
from sphinx.util.console import darkgreen
from sphinx.util.nodes import inline_all_toctrees

from .public_edition import cited_targets, is_source_text
from .source_texts import further_docs

logger = logging.getLogger(__name__)

SITE_ONLY = (
    "The single page and its PDF show {kept} of the {total} sources of this page of the "
    "appendix: those whose paragraphs the book cites. The site's page shows all {total}."
)


def keep_cited_sources(page: nodes.Node, cited: set[str]) -> None:
    """Drop every source section of a further page of the appendix without a cited paragraph
    or teaser, and say how many are left, where its sources began."""
    sections = [s for s in page.findall(nodes.section) if "saga-source" in s["classes"]]
    if not sections:
        return
    parent = sections[0].parent
    at = parent.index(sections[0])
    kept = 0
    for section in sections:
        if any(n["saga_target"] in cited for n in section.findall(is_source_text)):
            kept += 1
        else:
            section.parent.remove(section)
    note = nodes.note("", classes=["saga-site-only"])
    note += nodes.paragraph("", SITE_ONLY.format(kept=kept, total=len(sections)))
    parent.insert(at, note)


class SagaSingleHTML(SingleFileHTMLBuilder):
    """The stock single-page builder, writing the one page as index.html (the root document of
    a Jupyter Book lives in a subfolder) and pointing cross-references at same-page anchors."""

    name = "singlehtml"

    def handle_page(
        self, pagename, addctx, templatename="page.html", outfilename=None, event_arg=None
    ):
        if pagename == self.config.root_doc:
            pagename, outfilename = "index", None
        return super().handle_page(pagename, addctx, templatename, outfilename, event_arg)

    def assemble_doctree(self) -> nodes.document:
        """Sphinx's single tree of every document (its own steps), the appendix's further pages
        cut to the sources the book cites as they are loaded (keep_cited_sources)."""
        env, master = self.env, self.config.root_doc
        further, cited, load = further_docs(env), cited_targets(env), env.get_doctree

        def get_doctree(docname: str) -> nodes.document:
            # each further page cut as it is loaded: never all of them whole in memory
            tree = load(docname)
            if docname in further:
                keep_cited_sources(tree, cited)
            return tree

        env.get_doctree = get_doctree  # for inline_all_toctrees, which loads the documents
        try:
            tree = inline_all_toctrees(self, set(), master, load(master), darkgreen, [master])
        finally:
            del env.get_doctree
        tree["docname"] = master
        env.resolve_references(tree, master, self)
        self.fix_refuris(tree)
        return tree

    def index_page(self, pagename, doctree, title):
        """No search index for the single page (finish() writes an empty one): indexing the
        whole book with jieba took half of every singlehtml build."""

    def finish(self):
        super().finish()
        # The theme loads searchindex.js on every page; the single page has no search (use the
        # multi-page site), so give it an empty, valid index instead of a 404.
        empty = {
            k: {}
            for k in (
                "alltitles",
                "envversion",
                "indexentries",
                "objects",
                "objnames",
                "objtypes",
                "terms",
                "titles",
                "titleterms",
            )
        }
        empty.update(docnames=[], filenames=[])
        (Path(self.outdir) / "searchindex.js").write_text(
            "Search.setIndex(" + json.dumps(empty, sort_keys=True) + ")", encoding="utf-8"
        )

    def fix_refuris(self, tree):
        for refnode in tree.findall(nodes.reference):
            refuri = refnode.get("refuri")
            if not refuri or "#" not in refuri:
                continue
            first = refuri.find("#")
            second = refuri.find("#", first + 1)
            if second >= 0:
                refnode["refuri"] = refuri[second:]
