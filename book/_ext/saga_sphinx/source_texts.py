"""{source-texts}: every cleaned paragraph of every source in original script, each with its
paragraph_id as anchor and a visible label "S2 ¶12"; related teasers listed apart, marked as
not article text. Source text becomes docutils Text nodes only, so it always shows literally."""

from __future__ import annotations

from docutils import nodes
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from saga.labels import paragraph_label, teaser_label

from .data import read_table

logger = logging.getLogger(__name__)


class SourceTexts(SphinxDirective):
    """All cleaned paragraphs, one section per source, with anchors and labels."""

    has_content = False

    def run(self):
        env = self.env
        sources = read_table(env, "sources")
        paragraphs = read_table(env, "paragraphs")
        related = read_table(env, "related")
        if sources is None or paragraphs is None:
            logger.warning(
                "source-texts: data/processed/{sources,paragraphs}.parquet missing; "
                "run `make data` first",
                location=self.get_location(),
            )
            return []
        std = env.get_domain("std")
        out: list[nodes.Node] = []
        for src in sources.itertuples(index=False):
            sid, label = str(src.source_id), str(src.label)
            sec = nodes.section(ids=[f"source-{sid}"], classes=["saga-source"])
            sec["support_smartquotes"] = False  # reproduce quotes as found, never “curl” them
            sec += nodes.title("", f"{label} · ", nodes.Text(str(src.title)))
            sec += self._meta(src)
            rows = paragraphs[paragraphs["source_id"] == sid].sort_values("n")
            for p in rows.itertuples(index=False):
                pid, n = str(p.paragraph_id), int(p.n)
                text = paragraph_label(label, n)
                para = nodes.paragraph(ids=[pid], classes=["saga-para", f"saga-kind-{p.kind}"])
                anchor = nodes.reference(
                    "", "", internal=True, refid=pid, classes=["saga-para-label"]
                )
                anchor += nodes.Text(text)
                para += anchor
                para += nodes.Text(" ")
                para += nodes.Text(str(p.text))
                out_label = pid
                std.note_hyperlink_target(out_label, env.docname, pid, text)
                sec += para
            if related is not None:
                rel = related[related["source_id"] == sid].sort_values("n")
                if len(rel):
                    box = nodes.container(classes=["saga-related"])
                    box += nodes.rubric(
                        "",
                        f"{label}: related-article teasers on the captured page "
                        "(page chrome, not article text)",
                    )
                    items = nodes.bullet_list()
                    for r in rel.itertuples(index=False):
                        tid, text = str(r.teaser_id), teaser_label(label, int(r.n))
                        anchor = nodes.reference(
                            "", text, internal=True, refid=tid, classes=["saga-para-label"]
                        )
                        item = nodes.list_item()
                        item += nodes.paragraph(
                            "",
                            "",
                            anchor,
                            nodes.Text(" "),
                            nodes.literal("", str(r.date)),
                            nodes.Text(" " + str(r.text)),
                            ids=[tid],
                            classes=["saga-teaser"],
                        )
                        std.note_hyperlink_target(tid, env.docname, tid, text)
                        items += item
                    box += items
                    sec += box
            out.append(sec)
        return out

    @staticmethod
    def _meta(src) -> nodes.Node:
        fields = nodes.field_list(classes=["saga-source-meta"])

        def add(name, value):
            if value is None or (isinstance(value, float) and value != value) or value == "":
                return
            f = nodes.field()
            f += nodes.field_name("", name)
            body = nodes.field_body()
            body += nodes.paragraph("", "", nodes.Text(str(value)))
            f += body
            fields.append(f)

        add("Source ID", src.source_id)
        add("Outlet", src.outlet)
        add("Published", src.published)
        add("Script", src.script)
        add("Translation of", getattr(src, "original", None))
        add("URL", getattr(src, "url", None))
        add("Notes", getattr(src, "notes", None))
        return fields
