"""{corpus}`sources|witnesses|paragraphs` counts and {sources-at-a-glance}: the corpus as the
processed tables hold it, so the intro follows the corpus when a reader adds an article."""

from __future__ import annotations

from docutils import nodes
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from saga.analysis.bounded import FEW, TOP
from saga.analysis.bounded import others as others_label

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
    """One row per source: label, title, outlet, date, script, and which witness it is; the
    first TOP sources (the edition's come first), the others counted in a last row, so the
    intro stays one screen at any corpus size (3,000 sources made it 740 kB)."""

    def run(self):
        sources = read_table(self.env, "sources")
        if sources is None:
            logger.warning("sources table not built; run `make data`", location=self.get_location())
            return []
        sharing = sources.groupby("witness", sort=False)["label"].agg(list)  # one pass
        rows = []
        for row in sources.iloc[:TOP].itertuples():
            others = [lab for lab in sharing[row.witness] if lab != row.label]
            more = f" and {len(others) - FEW} more" if len(others) > FEW else ""
            told = f"one witness with {', '.join(others[:FEW])}{more}" if others else "independent"
            rows.append([row.label, row.title, row.outlet, row.published, row.script, told])
        if len(sources) > TOP:
            rest = f"{others_label(len(sources) - TOP)}: in the source appendix, with their texts"
            span = f"{sources['label'].iloc[TOP]}–{sources['label'].iloc[-1]}"
            rows.append([span, rest, "", "", "", ""])
        headers = ["Label", "Title", "Outlet", "Published", "Script", "Witness"]
        return [simple_table(headers, rows, classes=["saga-sources"], widths=[1, 5, 3, 2, 2, 2])]
