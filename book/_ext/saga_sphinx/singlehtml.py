"""The single-page build written as index.html, with same-page anchors."""

from __future__ import annotations

import json
from pathlib import Path

from docutils import nodes
from sphinx.builders.singlehtml import SingleFileHTMLBuilder
from sphinx.util import logging

logger = logging.getLogger(__name__)


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
