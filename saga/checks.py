"""`python -m saga check`: the project's data is consistent and every source cleans."""

from __future__ import annotations

from pathlib import Path

from .corpus import clean_file, load_rules
from .errors import SagaError
from .manifest import load_manifest
from .paths import raw_dir


def check_project(root: Path) -> str:
    """Raise SagaError on the first problem; return a one-line summary when all is well."""
    sources = load_manifest(root)
    rules = load_rules(root)
    total = 0
    for row in sources.itertuples():
        paragraphs = clean_file(raw_dir(root) / row.file, row.source_id, rules).paragraphs
        body = sum(p["kind"] == "body" for p in paragraphs)
        if body == 0:
            raise SagaError(f"{raw_dir(root) / row.file}: cleans into no body paragraph")
        total += len(paragraphs)
    return f"ok: {len(sources)} sources, {total} paragraphs"
