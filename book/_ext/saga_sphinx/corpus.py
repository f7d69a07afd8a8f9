"""{corpus}`sources|witnesses|paragraphs` counts and {sources-at-a-glance}: the corpus as the
processed tables hold it, so the intro follows the corpus when a reader adds an article."""

from __future__ import annotations

from docutils import nodes
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from .data import read_table
from .tables import simple_table

logger = logging.getLogger(__name__)


def corpus_role(name, rawtext, text, lineno, inliner, options=None, content=None):
    """{corpus}`sources|witnesses|paragraphs`: a count computed from data/processed, so the
    intro's numbers follow the corpus when a reader adds an article."""
    env = inliner.document.settings.env
    sources = read_table(env, "sources")
    paragraphs = read_table(env, "paragraphs")
    counts = {}
    if sources is not None:
        counts = {"sources": len(sources), "witnesses": sources["witness"].nunique()}
    if paragraphs is not None:
        counts["paragraphs"] = len(paragraphs)
    key = text.strip()
    if key not in counts:
        msg = f"{{corpus}} takes sources, witnesses or paragraphs (data built?), not {key!r}"
        logger.warning(msg, location=(env.docname, lineno), type="saga", subtype="corpus")
        return [nodes.inline(rawtext, "?")], []
    return [nodes.inline(rawtext, str(counts[key]), classes=["saga-count"])], []


class SourcesAtAGlance(SphinxDirective):
    """One row per source: label, title, outlet, date, script, and which witness it is."""

    def run(self):
        sources = read_table(self.env, "sources")
        if sources is None:
            logger.warning("sources table not built; run `make data`", location=self.get_location())
            return []
        shared = sources["witness"].duplicated(keep=False)
        rows = [
            [
                row.label,
                row.title,
                row.outlet,
                row.published,
                row.script,
                f"one witness with {', '.join(sources.loc[(sources.witness == row.witness) & (sources.source_id != row.source_id), 'label'])}"
                if dup
                else "independent",
            ]
            for row, dup in zip(sources.itertuples(), shared, strict=True)
        ]
        headers = ["Label", "Title", "Outlet", "Published", "Script", "Witness"]
        return [simple_table(headers, rows, classes=["saga-sources"], widths=[1, 5, 3, 2, 2, 2])]
