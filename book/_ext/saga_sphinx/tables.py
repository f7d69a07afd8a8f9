"""Docutils tables built from rows of strings, shared by the directives."""

from __future__ import annotations

from docutils import nodes
from sphinx.util import logging

logger = logging.getLogger(__name__)


def simple_table(headers, rows, ids=None, classes=None, widths=None) -> nodes.table:
    """A docutils table whose cells are plain Text nodes (escaped on output)."""
    table = nodes.table(ids=ids or [], classes=classes or [])
    table["support_smartquotes"] = False
    group = nodes.tgroup(cols=len(headers))
    table += group
    for w in widths or [1] * len(headers):
        group += nodes.colspec(colwidth=w)
    thead = nodes.thead()
    group += thead
    thead += _row(headers)
    tbody = nodes.tbody()
    group += tbody
    for r in rows:
        tbody += _row(r)
    return table


def _row(cells) -> nodes.row:
    row = nodes.row()
    for c in cells:
        entry = nodes.entry()
        entry += nodes.paragraph("", "", nodes.Text(str(c)))
        row += entry
    return row
