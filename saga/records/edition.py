"""The edition corpus: the sources the book's essays were written about (data/edition.csv).

Prose that is a close reading says so ("of the five edition sources …") and stays true
whatever a reader adds; premises and the corpus-wide sections compare the edition with the
current corpus.
"""

from __future__ import annotations

import csv
from pathlib import Path

from saga.errors import SagaError
from saga.paths import project_root

EDITION_FILE = Path("data") / "edition.csv"
COLUMNS = ["source_id", "note"]


def edition_sources(root: Path | None = None) -> list[str]:
    """The edition's source_ids in file order."""
    path = (root or project_root()) / EDITION_FILE
    try:
        with path.open(encoding="utf-8", newline="") as f:
            reader = csv.DictReader(f)
            rows, header = list(reader), reader.fieldnames
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise SagaError(f"{EDITION_FILE}: cannot read it ({exc}); restore it from git") from exc
    if list(header or []) != COLUMNS:
        raise SagaError(f"{EDITION_FILE}: the header must be {','.join(COLUMNS)}")
    return [r["source_id"].strip() for r in rows]


def edition_labels(sources, root: Path | None = None) -> list[str]:
    """The labels ("S1") of the edition sources the corpus holds, in the edition's order."""
    label = dict(zip(sources["source_id"], sources["label"], strict=True))
    return [label[s] for s in edition_sources(root) if s in label]


def validate(root: Path, source_ids) -> list[str]:
    """Problems with the edition list: unknown or repeated sources."""
    known, seen, problems = set(source_ids), set(), []
    for sid in edition_sources(root):
        if sid not in known:
            problems.append(f"{EDITION_FILE}: {sid} is not in data/sources.csv")
        if sid in seen:
            problems.append(f"{EDITION_FILE}: {sid} is listed twice")
        seen.add(sid)
    return problems
