"""{source-texts}: every cleaned paragraph of every source in original script beside this
book's English translation (data/translations/), each with its paragraph_id as anchor and a
visible label "S2 ¶12"; translator's notes marked; sources without a translation say "not
yet translated"; related teasers listed apart, marked as not article text. Source text
becomes docutils Text nodes only, so it always shows literally."""

from __future__ import annotations

import pandas as pd
from docutils import nodes
from docutils.parsers.rst import directives
from sphinx import addnodes
from sphinx.addnodes import pending_xref
from sphinx.transforms import SphinxTransform
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from saga.bookbuild.source_pages import (
    PAGES_DIR,
    appendix_tables,
    further_pages,
    page_fingerprints,
    page_ranges,
)
from saga.labels import paragraph_label, teaser_label
from saga.paths import processed_dir, translations_dir
from saga.records.translations import load_translations

from .data import data_root, kept_while_unchanged, plain, read_table
from .doc_notes import keep_per_document, notes

logger = logging.getLogger(__name__)

TRANSLATED = (
    "Left: the text as cleaned, in its original script. Right: English, this book's own "
    "translation (data/translations/{sid}.csv), faithful to the text as written; a "
    "translator's note marks where the Chinese is ambiguous, garbled or wrong."
)
UNTRANSLATED = (
    "Not yet translated: this source has no English translation in data/translations/ "
    "(see its README to add one). The original is shown alone."
)


class DropEmptyPageList(SphinxTransform):
    """Remove a globbed toctree that matched no page: _toc.yml lists the appendix's further
    pages by a glob, empty while the corpus fits one page, and an empty toctree would give
    "Source texts" an expander with nothing in it in the navigation."""

    default_priority = 101  # right after sphinx-external-toc inserts the toctrees (100)

    def apply(self, **kwargs) -> None:
        for node in list(self.document.findall(addnodes.toctree)):
            if node.get("glob") and not node.get("entries"):
                wrapper = node.parent  # sphinx-external-toc wraps each toctree in a compound
                wrapper.parent.remove(wrapper)


def _appendix(env) -> tuple[list[tuple[int, int]], dict[int, str]]:
    """The appendix's pages and each page's fingerprint, computed once per build for all its
    pages (kept while the tables and translations it reads are unchanged)."""
    root = data_root(env)

    def make() -> tuple[list[tuple[int, int]], dict[int, str]]:
        tables = appendix_tables(root)
        if tables is None:
            return [], {}
        pages = page_ranges(**tables)
        return pages, page_fingerprints(tables, pages)

    inputs = sorted([*processed_dir(root).glob("*.parquet"), *translations_dir(root).glob("*.csv")])
    return kept_while_unchanged(env, "appendix plan", inputs, make)


def outdated_pages(app, env, added, changed, removed) -> list[str]:
    """The appendix's pages whose fingerprint changed since they were read. The directive
    declares no dependency on the corpus's tables, which change with every source added:
    this way only the page that shows the new source is read and written again."""
    _, prints = _appendix(env)
    shown = notes(env, "saga_source_pages")
    return [
        doc
        for doc, (first, fingerprint) in shown.items()
        if doc not in added and doc not in removed and prints.get(first) != fingerprint
    ]


def appendix_docs(env) -> list[str]:
    """The documents that hold a {source-texts} directive."""
    return list(notes(env, "saga_source_pages"))


def further_docs(env) -> set[str]:
    """The appendix's further pages: the documents whose {source-texts} does not start at S1."""
    return {doc for doc, (first, _) in notes(env, "saga_source_pages").items() if first != 1}


def _by_source(table: pd.DataFrame, sources: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """The rows of table for each of sources, in order of n (a paragraph's or teaser's place)."""
    rows = table[table["source_id"].isin(sources["source_id"])].sort_values("n", kind="stable")
    return {str(sid): part for sid, part in rows.groupby("source_id", sort=False)}


class SourceTexts(SphinxDirective):
    """The cleaned paragraphs of one page's sources, one section per source, with anchors,
    labels and English: book/sources.md holds the first page (and links the others), each
    generated page book/source-texts/from-sNNNNNN.md one more (`:first:` position)."""

    has_content = False
    option_spec = {"first": directives.positive_int}

    def run(self):
        env = self.env
        first = self.options.get("first", 1)
        pages, prints = _appendix(env)
        notes(env, "saga_source_pages")[env.docname] = (first, prints.get(first))
        sources = read_table(env, "sources", docname_dep=False)
        paragraphs = read_table(env, "paragraphs", docname_dep=False)
        related = read_table(env, "related", docname_dep=False)
        if sources is None or paragraphs is None:
            logger.warning(
                "source-texts: data/processed/{sources,paragraphs}.parquet missing; "
                "run `make data` first",
                location=self.get_location(),
            )
            return []
        english = self._translations()
        last = next((b for a, b in pages if a == first), None)
        if last is None:
            logger.warning(
                f"source-texts: no page of the source appendix starts at S{first} for this "
                "corpus (a stale page); run `make book`, whose book-prepare step rewrites "
                f"book/{PAGES_DIR}/",
                location=self.get_location(),
            )
            return []
        std = env.get_domain("std")
        out: list[nodes.Node] = []
        if self.config.saga_public:
            out.append(nodes.note("", classes=["saga-public-note"]))  # filled once all is read
        if first == 1 and len(pages) > 1:
            out.append(self._further_pages(pages))
        shown = sources.iloc[first - 1 : last]
        # each table split by source once, not filtered again for every source and paragraph
        by_source = _by_source(paragraphs, shown)
        teasers = _by_source(related, shown) if related is not None else {}
        in_english: dict[str, tuple[str, str]] = {}
        for pid, text_en, note in zip(
            english["paragraph_id"], english["text_en"], english["note"], strict=True
        ):
            in_english.setdefault(pid, (text_en, note))  # a repeated row: the first, as before
        translated_sources = set(english["source_id"])
        for src in shown.itertuples(index=False):
            sid, label = str(src.source_id), str(src.label)
            sec = nodes.section(ids=[f"source-{sid}"], classes=["saga-source"])
            sec["support_smartquotes"] = False  # reproduce quotes as found, never “curl” them
            sec += nodes.title("", f"{label} · ", nodes.Text(str(src.title)))
            sec += self._meta(src)
            translated = sid in translated_sources
            sec += nodes.paragraph(
                "",
                (TRANSLATED if translated else UNTRANSLATED).format(sid=sid),
                classes=["saga-translation-status" if translated else "saga-untranslated"],
            )
            for p in by_source.get(sid, paragraphs.iloc[:0]).itertuples(index=False):
                pid, text = str(p.paragraph_id), paragraph_label(label, int(p.n))
                para = nodes.paragraph(ids=[pid], classes=["saga-para", f"saga-kind-{p.kind}"])
                anchor = nodes.reference(
                    "", "", internal=True, refid=pid, classes=["saga-para-label"]
                )
                anchor += nodes.Text(text)
                para += [anchor, nodes.Text(" "), nodes.Text(str(p.text))]
                std.note_hyperlink_target(pid, env.docname, pid, text)
                row = nodes.container(classes=["saga-parallel"], saga_target=pid)
                row += [para, self._english(in_english.get(pid), p.kind, translated)]
                sec += row
            if sid in teasers:
                sec += self._teasers(teasers[sid], label)
            out.append(sec)
        return out

    def _further_pages(self, pages: list[tuple[int, int]]) -> nodes.Node:
        """A line linking the appendix's further pages (one link per page of about 1 MB)."""
        para = nodes.paragraph(
            "",
            f"This page shows S1–S{pages[0][1]}; the other sources are on further pages of "
            "about the same weight: ",
            classes=["saga-source-pages"],
        )
        for i, (name, span) in enumerate(further_pages(pages)):
            ref = pending_xref(
                "",
                refdomain="std",
                reftype="doc",
                reftarget=f"/book/{PAGES_DIR}/{name}",
                refexplicit=True,
                refdoc=self.env.docname,
            )
            ref += nodes.inline("", span)
            para += [nodes.Text(", " if i else ""), ref]
        para += nodes.Text(".")
        return para

    def _translations(self):
        """The translations table (text and notes made plain)."""
        table = load_translations(data_root(self.env))
        for column in ("text_en", "note"):
            table[column] = table[column].map(plain)
        return table

    @staticmethod
    def _english(english: tuple[str, str] | None, kind: str, translated: bool) -> nodes.Node:
        """The English cell of one paragraph: its (translation, translator's note), if any."""
        cell = nodes.container(classes=["saga-en"])
        if english is None:
            why = "not yet translated" if not translated else "this paragraph is not translated"
            cell += nodes.paragraph("", why, classes=["saga-untranslated"])
            return cell
        text_en, note = english
        cell += nodes.paragraph("", text_en, classes=["saga-para-en", f"saga-kind-{kind}"])
        if note:
            cell += nodes.paragraph(
                "",
                "",
                nodes.strong("", "Translator's note: "),
                nodes.Text(note),
                classes=["saga-tr-note"],
            )
        return cell

    def _teasers(self, rel, label: str) -> list[nodes.Node]:
        """The related-article teasers of one source, marked as page chrome."""
        if rel.empty:
            return []
        std = self.env.get_domain("std")
        box = nodes.container(classes=["saga-related"])
        box += nodes.rubric(
            "",
            f"{label}: related-article teasers on the captured page (page chrome, not article "
            "text; not translated)",
        )
        items = nodes.bullet_list(classes=["saga-teasers"])
        for r in rel.itertuples(index=False):
            tid, text = str(r.teaser_id), teaser_label(label, int(r.n))
            anchor = nodes.reference(
                "", text, internal=True, refid=tid, classes=["saga-para-label"]
            )
            item = nodes.list_item(saga_target=tid)
            item += nodes.paragraph(
                "",
                "",
                anchor,
                nodes.Text(" "),
                nodes.literal("", str(r.date)),
                nodes.Text(f" {r.text}"),
                ids=[tid],
                classes=["saga-teaser"],
            )
            std.note_hyperlink_target(tid, self.env.docname, tid, text)
            items += item
        box += items
        return [box]

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


def setup(app) -> None:
    app.add_directive("source-texts", SourceTexts)
    app.add_transform(DropEmptyPageList)
    app.connect("env-get-outdated", outdated_pages)
    keep_per_document(app, "saga_source_pages")
