"""The hand-made annotations (data/annotations/): dated events and contested claims, checked
against the corpus so every annotation cites paragraphs that exist and say what it claims."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pandas as pd

from saga.corpus.dates import date_matches
from saga.corpus.readers import read_csv
from saga.errors import SagaError
from saga.paths import annotations_dir, data_dir, project_root

THEMES = ("founding", "power-struggle-2018", "capped-profit", "board-crisis-2023", "lawsuit")
STANCES = ("supports", "contradicts", "silent")
DATE_FORMATS = {"day": r"\d{4}-\d{2}-\d{2}", "month": r"\d{4}-\d{2}", "year": r"\d{4}"}
EVENT_COLUMNS = [
    "event_id",
    "date",
    "precision",
    "theme",
    "summary_en",
    "summary_zh",
    "supporting",
    "contradicting",
    "external_bib",
    "external",
]
CLAIM_COLUMNS = ["claim_id", "theme", "claim_en", "note"]
STANCE_COLUMNS = ["claim_id", "source_id", "stance", "paragraphs"]


def split_ids(cell) -> list[str]:
    """The items of a ';'-separated cell (paragraph IDs, bib keys), blanks dropped; an empty
    (NaN) cell gives none and a list passes through."""
    if isinstance(cell, (list, tuple)):
        return [str(x).strip() for x in cell if str(x).strip()]
    if cell is None or (isinstance(cell, float) and pd.isna(cell)):
        return []
    return [item.strip() for item in str(cell).split(";") if item.strip()]


def read_records(root: Path | None, name: str, columns: list[str], folder=annotations_dir):
    """One hand-made CSV (data/annotations/<name> by default) as strings, with exactly the
    expected columns; SagaError when it is missing, malformed or its header differs."""
    path = folder(root) / name
    if not path.is_file():
        raise SagaError(f"{path}: missing; see data/annotations/README.md")
    df = read_csv(path)
    if list(df.columns) != columns:
        raise SagaError(f"{path}: columns are {list(df.columns)}; expected {columns}")
    return df


def load_events(root: Path | None = None) -> pd.DataFrame:
    """data/annotations/events.csv, every cell a string (split lists with split_ids)."""
    return read_records(root, "events.csv", EVENT_COLUMNS)


def load_claims(root: Path | None = None) -> pd.DataFrame:
    """data/annotations/claims.csv: one row per contested claim."""
    return read_records(root, "claims.csv", CLAIM_COLUMNS)


def load_stances(root: Path | None = None) -> pd.DataFrame:
    """data/annotations/claim_stances.csv: one row per (claim, source)."""
    return read_records(root, "claim_stances.csv", STANCE_COLUMNS)


def bib_keys(root: Path | None = None) -> set[str]:
    """The entry keys of book/references.bib (empty when there is no such file)."""
    path = (root or project_root()) / "book" / "references.bib"
    if not path.is_file():
        return set()
    return set(re.findall(r"@\w+\s*\{\s*([^,\s]+)\s*,", path.read_text(encoding="utf-8")))


def date_problem(value: str, precision: str) -> str | None:
    """Why ``value`` is not a real date of ``precision`` (day, month or year), or None: the one
    date check of every hand-made record."""
    pattern = DATE_FORMATS.get(precision)
    if pattern is None:
        return f"precision {precision!r} is not one of {list(DATE_FORMATS)}"
    if not re.fullmatch(pattern, value):
        return f"date {value!r} does not have {precision} precision"
    parts = [int(p) for p in value.split("-")] + [1] * (3 - len(value.split("-")))
    try:
        date(*parts)
    except ValueError:
        return f"date {value!r} does not exist"
    return None


def _event_problems(
    events: pd.DataFrame, para_source: dict[str, str], dates: pd.DataFrame, bibs: set[str]
) -> list[str]:
    problems = []
    values = dates.groupby("paragraph_id")["value"].apply(lambda s: [v for v in s if v])
    for ev in events.itertuples(index=False):
        where = f"events.csv {ev.event_id or '(no id)'}"
        if bad := date_problem(ev.date, ev.precision):
            problems.append(f"{where}: {bad}")
        if ev.theme not in THEMES:
            problems.append(f"{where}: unknown theme {ev.theme!r}; use one of {list(THEMES)}")
        supporting = split_ids(ev.supporting)
        for pid in supporting + split_ids(ev.contradicting):
            if pid not in para_source:
                problems.append(f"{where}: unknown paragraph {pid!r}")
        if missing := sorted(set(split_ids(ev.external_bib)) - bibs):
            problems.append(f"{where}: bib keys not in book/references.bib: {missing}")
        if ev.external not in ("true", "false"):
            problems.append(f"{where}: external must be true or false, not {ev.external!r}")
        elif ev.external == "true":
            if not split_ids(ev.external_bib):
                problems.append(f"{where}: external=true needs a bib key in external_bib")
        elif not any(date_matches(ev.date, v) for pid in supporting for v in values.get(pid, [])):
            problems.append(
                f"{where}: date {ev.date} is not among the dates extracted from its supporting "
                "paragraphs; cite one that gives it, or set external=true with a bib key"
            )
    if dupes := sorted(set(events["event_id"][events["event_id"].duplicated()])):
        problems.append(f"events.csv: duplicate event_id {dupes}")
    return problems


def _claim_problems(
    claims: pd.DataFrame, stances: pd.DataFrame, para_source: dict[str, str], sources: list[str]
) -> list[str]:
    problems = []
    for claim in claims.itertuples(index=False):
        if claim.theme not in THEMES:
            problems.append(f"claims.csv {claim.claim_id}: unknown theme {claim.theme!r}")
        if not claim.claim_en.strip():
            problems.append(f"claims.csv {claim.claim_id}: empty claim_en")
    if dupes := sorted(set(claims["claim_id"][claims["claim_id"].duplicated()])):
        problems.append(f"claims.csv: duplicate claim_id {dupes}")
    for st in stances.itertuples(index=False):
        where = f"claim_stances.csv {st.claim_id}/{st.source_id}"
        if st.claim_id not in set(claims["claim_id"]):
            problems.append(f"{where}: unknown claim_id")
        if st.source_id not in sources:
            problems.append(f"{where}: unknown source_id")
        if st.stance not in STANCES:
            problems.append(f"{where}: unknown stance {st.stance!r}; use one of {list(STANCES)}")
        cited = split_ids(st.paragraphs)
        for pid in cited:
            if para_source.get(pid) != st.source_id:
                problems.append(f"{where}: paragraph {pid!r} is not a paragraph of this source")
        if st.stance in ("supports", "contradicts") and not cited:
            problems.append(f"{where}: stance {st.stance} must cite at least one paragraph")
    pairs = stances[["claim_id", "source_id"]]
    if dupes := sorted(set(map(tuple, pairs[pairs.duplicated()].to_numpy()))):
        problems.append(f"claim_stances.csv: several rows for {dupes}")
    return problems


def unread(claims: pd.DataFrame, stances: pd.DataFrame, sources: list[str]) -> pd.DataFrame:
    """(claim_id, source_id) pairs with no stance yet: what is left to read after an `add`."""
    have = set(map(tuple, stances[["claim_id", "source_id"]].to_numpy()))
    rows = [(c, s) for c in claims["claim_id"] for s in sources if (c, s) not in have]
    return pd.DataFrame(rows, columns=["claim_id", "source_id"])


def validate(root: Path, paragraphs: pd.DataFrame, dates: pd.DataFrame) -> list[str]:
    """Human-readable problems with the annotations under root (an empty list: all is well)."""
    sources = list(pd.read_csv(data_dir(root) / "sources.csv", dtype=str)["source_id"])
    para_source = dict(zip(paragraphs["paragraph_id"], paragraphs["source_id"], strict=True))
    return _event_problems(load_events(root), para_source, dates, bib_keys(root)) + _claim_problems(
        load_claims(root), load_stances(root), para_source, sources
    )
