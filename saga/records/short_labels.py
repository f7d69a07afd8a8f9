"""Short English labels of events and claims for chart rows (data/annotations/short_labels.csv):
a long summary does not fit beside a stance grid or a timeline, so a chapter names its rows
with these; an event or claim without one keeps its id."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from saga.records.annotations import read_records

SHORT_COLUMNS = ["kind", "id", "short_en"]
KINDS = {"event": "Event", "claim": "Claim"}


def load_short_labels(root: Path | None = None) -> pd.DataFrame:
    """data/annotations/short_labels.csv: kind (event | claim), id, short_en."""
    return read_records(root, "short_labels.csv", SHORT_COLUMNS)


def short_labels(labels: pd.DataFrame, kinds: bool = False) -> dict[str, str]:
    """Id -> short label; with ``kinds`` the label says what the row is ("Event: …")."""
    return {
        i: f"{KINDS[k]}: {s}" if kinds else s
        for k, i, s in zip(labels["kind"], labels["id"], labels["short_en"], strict=True)
    }


def short_label_problems(
    labels: pd.DataFrame, events: pd.DataFrame, claims: pd.DataFrame
) -> list[str]:
    """One line per row whose kind is unknown, whose id is not in events.csv / claims.csv
    (by kind), whose label is blank, or whose id is listed twice."""
    known = {"event": set(events["event_id"]), "claim": set(claims["claim_id"])}
    problems = []
    for k, i, s in zip(labels["kind"], labels["id"], labels["short_en"], strict=True):
        if k not in KINDS:
            problems.append(f"short_labels.csv: {i}: kind {k!r} is not event or claim")
        elif i not in known[k]:
            problems.append(f"short_labels.csv: {i!r} is not in {k}s.csv")
        if not s.strip():
            problems.append(f"short_labels.csv: {i}: the label is blank")
    problems += [
        f"short_labels.csv: {i} is listed twice" for i in labels["id"][labels["id"].duplicated()]
    ]
    return problems
