"""The public edition (SAGA_PUBLIC=1 make book): the source appendix shows only the
paragraphs and teasers the book cites, because the articles are third-party copyright and
are reproduced for research and commentary; the full edition (the default) shows all.

{para} and {teaser} note their target per document (merged across parallel readers); once
every document is read, the source appendix drops what no document cites."""

from __future__ import annotations

import os

from docutils import nodes

from .doc_notes import keep_per_document, notes
from .source_texts import appendix_docs

PUBLIC_ENV = "SAGA_PUBLIC"
PUBLIC_NOTE = (
    "Public edition: this appendix shows only the {shown} of {total} paragraphs and teasers "
    "that the book cites. The articles are third-party copyright, reproduced here for "
    "research and commentary, so this edition quotes what the argument needs; the full "
    "edition (built without {env}) shows every cleaned paragraph."
)


def public_default() -> bool:
    """The switch: $SAGA_PUBLIC set to anything but empty or 0."""
    return os.environ.get(PUBLIC_ENV, "") not in ("", "0")


def note_cited(env, target: str) -> None:
    """Record that the document being read cites a paragraph or teaser."""
    notes(env, "saga_cited").setdefault(env.docname, set()).add(target)


def cited_targets(env) -> set[str]:
    return set().union(*notes(env, "saga_cited").values())


def is_source_text(node) -> bool:
    return isinstance(node, nodes.Element) and "saga_target" in node.attributes


def keep_cited(app, doctree, docname) -> None:
    """In the public edition, drop every uncited paragraph and teaser of the source appendix
    and say how many are shown (html and singlehtml, and so in the search index too)."""
    if not app.config.saga_public:
        return
    items = list(doctree.findall(is_source_text))
    if not items:
        return
    cited = cited_targets(app.env)
    for node in items:
        if node["saga_target"] not in cited:
            node.parent.remove(node)
    for box in list(doctree.findall(nodes.bullet_list)):
        if "saga-teasers" in box["classes"] and not box.children:
            box.parent.parent.remove(box.parent)
    shown = sum(1 for node in items if node["saga_target"] in cited)
    text = PUBLIC_NOTE.format(shown=shown, total=len(items), env=f"{PUBLIC_ENV}=1")
    for note in doctree.findall(nodes.note):
        if "saga-public-note" in note["classes"]:
            note += nodes.paragraph("", text)


def rewrite_appendix(app, env) -> list[str]:
    """The appendix's pages to write again although not read again: in the public edition,
    all of them once the set of cited paragraphs and teasers has changed (a chapter cites
    something new), since each page shows what the book cites."""
    if not app.config.saga_public:
        return []
    cited = frozenset(cited_targets(env))
    before, env.saga_cited_shown = getattr(env, "saga_cited_shown", None), cited
    return [] if before in (None, cited) else sorted(appendix_docs(env))


def setup(app) -> None:
    app.add_config_value("saga_public", public_default(), "env", [bool])
    keep_per_document(app, "saga_cited")
    app.connect("doctree-resolved", keep_cited)
    app.connect("env-updated", rewrite_appendix)
