"""`python -m saga check`: the project's data is consistent and every source cleans."""

from __future__ import annotations

from pathlib import Path

from .annotations import validate
from .claims import validate_errata
from .corpus import corpus_tables
from .dates import dates_table
from .errors import SagaError
from .manifest import load_manifest


def check_project(root: Path) -> str:
    """Raise SagaError naming every problem; return a one-line summary when all is well."""
    sources = load_manifest(root)
    paragraphs = corpus_tables(sources, root)["paragraphs"]
    body = paragraphs[paragraphs["kind"] == "body"].groupby("source_id").size()
    if empty := [s for s in sources["source_id"] if s not in body.index]:
        raise SagaError(f"sources that clean into no body paragraph: {', '.join(empty)}")
    published = dict(zip(sources["source_id"], sources["published"], strict=True))
    problems = validate(root, paragraphs, dates_table(paragraphs, published))
    problems += validate_errata(root, paragraphs)
    if problems:
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise SagaError(f"annotations: {problems[0]}{more}; fix data/annotations/")
    return f"ok: {len(sources)} sources, {len(paragraphs)} paragraphs, annotations and errata valid"
