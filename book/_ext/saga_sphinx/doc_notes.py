"""What a directive or role notes about the document being read, kept on the Sphinx
environment in a dict by document name, so that it stays right across builds: dropped when
the document is read again, merged when documents are read in parallel processes."""

from __future__ import annotations

from typing import Any


def notes(env, name: str) -> dict[str, Any]:
    """The notes called name, by document (an empty dict the first time): a directive sets
    or adds to notes(env, name)[env.docname]."""
    if not hasattr(env, name):
        setattr(env, name, {})
    return getattr(env, name)


def keep_per_document(app, name: str) -> None:
    """Drop a document's notes when it is read again; merge those read in parallel."""

    def purge(app, env, docname) -> None:
        notes(env, name).pop(docname, None)

    def merge(app, env, docnames, other) -> None:
        theirs = getattr(other, name, {})
        notes(env, name).update({doc: theirs[doc] for doc in docnames if doc in theirs})

    app.connect("env-purge-doc", purge)
    app.connect("env-merge-info", merge)
