"""{para}`<paragraph_id>` and {teaser}`<teaser_id>`: citations "[S2 ¶5]" linking to the paragraph
in Source texts, resolved per builder by the std domain; an unknown id is a build warning."""

from __future__ import annotations

from docutils import nodes
from sphinx.addnodes import pending_xref
from sphinx.util import logging
from sphinx.util.nodes import make_refnode

from saga.labels import paragraph_label, teaser_label

from .data import paragraph_index, teaser_index
from .public_edition import note_cited

logger = logging.getLogger(__name__)


def para_role(name, rawtext, text, lineno, inliner, options=None, content=None):
    env = inliner.document.settings.env
    pid = text.strip()
    index = paragraph_index(env)
    if pid not in index:
        msg = f"unknown paragraph id {pid!r} in {{para}} role (not in data/processed/paragraphs)"
        logger.warning(msg, location=(env.docname, lineno), type="saga", subtype="para")
        node = nodes.inline(rawtext, f"[unknown paragraph {pid}]", classes=["saga-para-missing"])
        return [node], []
    label, n = index[pid]
    note_cited(env, pid)
    return [_citation(env, rawtext, pid, f"[{paragraph_label(label, n)}]")], []


def teaser_role(name, rawtext, text, lineno, inliner, options=None, content=None):
    """{teaser}`<source_id>-t<n>`: "[S2 teaser 7, 2024-03-06]", linking to the related-article
    teaser in the source appendix (teasers are page chrome, so they are cited apart)."""
    env = inliner.document.settings.env
    tid = text.strip()
    index = teaser_index(env)
    if tid not in index:
        msg = f"unknown teaser id {tid!r} in {{teaser}} role (not in data/processed/related)"
        logger.warning(msg, location=(env.docname, lineno), type="saga", subtype="para")
        return [nodes.inline(rawtext, f"[unknown teaser {tid}]", classes=["saga-para-missing"])], []
    label, n, date = index[tid]
    note_cited(env, tid)
    return [_citation(env, rawtext, tid, f"[{teaser_label(label, n)}, {date}]")], []


def _citation(env, rawtext: str, target: str, text: str) -> pending_xref:
    """A citation link to an anchor of the source appendix, resolved per builder by
    resolve_para (html and singlehtml differ), shown as text."""
    ref = pending_xref(
        rawtext,
        refdomain="",
        reftype="saga-para",
        reftarget=target,
        refexplicit=True,
        refwarn=True,
        refdoc=env.docname,
    )
    ref += nodes.inline(rawtext, text, classes=["saga-para-cite"])
    return ref


def resolve_para(app, env, node, contnode):
    """Resolve {para} references to the paragraph's anchor (per builder: html and singlehtml)."""
    if node.get("reftype") != "saga-para":
        return None
    target = env.get_domain("std").labels.get(node["reftarget"])
    if target is None:
        return None  # Sphinx then warns: 'saga-para' reference target not found
    docname, labelid, title = target
    return make_refnode(app.builder, node["refdoc"], docname, labelid, contnode, title)
