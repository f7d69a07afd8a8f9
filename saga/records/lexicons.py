"""The media-analysis lexicons (data/lexicon/frames.csv, sourcing.csv, provenance.csv):
hand-made lists of terms, each under a kind (a frame, a way of citing, a provenance marker).

frames and sourcing terms are simplified script (matched on ``text_simplified``); provenance
markers are written as they appear on the page (matched on ``text``): a mainland word in a
traditional-script page is only visible in the original script.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd

from saga.errors import SagaError
from saga.paths import project_root

LEXICONS = {
    "frames": ("frame", "text_simplified"),
    "sourcing": ("kind", "text_simplified"),
    "provenance": ("kind", "text"),
}


def lexicon_path(name: str) -> Path:
    """data/lexicon/<name>.csv, relative to the project root."""
    return Path("data") / "lexicon" / f"{name}.csv"


def load_terms(name: str, root: Path | None = None) -> pd.DataFrame:
    """One lexicon as a table with columns kind, term, note (the frames file calls kind
    "frame"); one clear error line when the file is unreadable or malformed."""
    kind_column, _ = LEXICONS[name]
    path = (root or project_root()) / lexicon_path(name)
    try:
        with path.open(encoding="utf-8", newline="") as f:
            reader = csv.DictReader(f)
            rows = list(reader)
            header = reader.fieldnames or []
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise SagaError(f"{lexicon_path(name)}: cannot read it ({exc})") from exc
    if header != [kind_column, "term", "note"]:
        raise SagaError(f"{lexicon_path(name)}: the header must be {kind_column},term,note")
    for line, row in enumerate(rows, start=2):
        if None in row or not (row[kind_column] or "").strip() or not (row["term"] or "").strip():
            raise SagaError(f"{lexicon_path(name)} line {line}: needs a {kind_column} and a term")
    table = pd.DataFrame(rows, columns=[kind_column, "term", "note"])
    return table.rename(columns={kind_column: "kind"}).fillna("")


def validate(root: Path) -> list[str]:
    """Problems in the three lexicons (malformed files, repeated terms)."""
    problems = []
    for name in LEXICONS:
        if not (root / lexicon_path(name)).exists():
            continue
        try:
            table = load_terms(name, root)
        except SagaError as exc:
            problems.append(str(exc))
            continue
        for (kind, term), n in table.groupby(["kind", "term"]).size().items():
            if n > 1:
                problems.append(f"{lexicon_path(name)}: {kind} term {term} is listed {n} times")
    return problems
