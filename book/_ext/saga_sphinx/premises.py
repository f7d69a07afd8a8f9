"""Stale premises in the book: the note at the sentence, the list in the execution appendix
and one warning line per stale premise at the end of the build.

A notebook's ``saga.present.premises.premise`` displays a ``{stale-premise}`` directive when a
premise fails. This module renders it as a visible note with an anchor, records it in the
environment, fills ``{stale-premises}`` (execution appendix) with links to every note, and
prints one line per stale premise when the build finishes. The lines go to the warning stream
directly, not through Sphinx's logger, so a reader's build still succeeds under ``-W``; strict
mode fails earlier, in the notebook.
"""

from __future__ import annotations

import sys

from docutils import nodes
from sphinx.util.docutils import SphinxDirective
from sphinx.util.nodes import make_refnode

from .doc_notes import keep_per_document, notes


class StalePremiseNote(SphinxDirective):
    """``{stale-premise} NAME`` with the change as literal content: the note at the sentence."""

    required_arguments = 1
    has_content = True

    def run(self):
        name = self.arguments[0]
        text = " ".join(" ".join(self.content).split())
        target = f"premise-{name}"
        note = nodes.admonition(classes=["warning", "saga-premise"], ids=[target])
        note += nodes.title("", "This passage was written about a different corpus")
        note += nodes.paragraph("", "", nodes.Text(text))  # literal: never parsed as markup
        note += nodes.paragraph(
            "", "", nodes.Text(f"Premise “{name}” no longer holds; see the execution appendix.")
        )
        notes(self.env, "saga_premises").setdefault(self.env.docname, []).append(
            (name, target, text)
        )
        return [note]


class stale_premises_placeholder(nodes.General, nodes.Element):
    """Replaced by the list of stale premises once every document has been read."""


class StalePremiseList(SphinxDirective):
    """``{stale-premises}``: where the execution appendix lists every stale premise."""

    def run(self):
        return [stale_premises_placeholder()]


def stale(env) -> list[tuple[str, str, str, str]]:
    """(docname, name, target id, change) of every stale premise, by document name."""
    premises = notes(env, "saga_premises")
    return [(doc, *row) for doc in sorted(premises) for row in premises[doc]]


def fill_list(app, doctree, fromdocname):
    for placeholder in list(doctree.findall(stale_premises_placeholder)):
        rows = stale(app.env)
        if not rows:
            placeholder.replace_self(
                nodes.paragraph(
                    "",
                    "No stale premises: every statement the chapters make about the corpus "
                    "holds for the corpus this book was built from.",
                )
            )
            continue
        items = nodes.bullet_list(classes=["saga-premise-list"])
        for doc, name, target, text in rows:
            title = app.env.titles[doc].astext() if doc in app.env.titles else doc
            link = make_refnode(
                app.builder, fromdocname, doc, target, nodes.Text(f"{title}: {name}")
            )
            para = nodes.paragraph("", "", link, nodes.Text(f" — {text}"))
            items += nodes.list_item("", para)
        placeholder.replace_self(items)


def report(app, exception):
    """One line per stale premise on the build's warning stream (the terminal and the log),
    written directly rather than through Sphinx's logger so that -W does not fail the build."""
    if exception is not None:
        return
    for doc, name, _target, text in stale(app.env):
        print(f"saga: stale premise in {doc}: {name} — {text}", file=sys.stderr)


def setup(app):
    app.add_directive("stale-premise", StalePremiseNote)
    app.add_directive("stale-premises", StalePremiseList)
    app.add_node(stale_premises_placeholder)
    app.connect("doctree-resolved", fill_list)
    keep_per_document(app, "saga_premises")
    app.connect("build-finished", report)
