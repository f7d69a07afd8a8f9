"""The course of Musk v. Altman from the outside record (data/annotations/case_record.csv):
one dated step per row with its bibliography keys and how sure the record is, so the lawsuit
chapter can say which steps each source could have known."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from saga.errors import SagaError
from saga.records.annotations import bib_keys, date_problem, load_events, read_records, split_ids
from saga.records.errata import KEBAB

CASE_COLUMNS = [
    "step_id", "date", "precision", "court", "summary_en", "bib", "sureness", "event_id",
]  # fmt: skip
SURENESS = ("high", "medium", "low")
COURTS = ("", "state", "federal")
FILE = "case_record.csv"


def load_case_record(root: Path | None = None) -> pd.DataFrame:
    """data/annotations/case_record.csv, every cell a string, in file (date) order."""
    return read_records(root, FILE, CASE_COLUMNS)


def case_problems(record: pd.DataFrame, bibs: set[str] | None, event_ids: set[str]) -> list[str]:
    """Human-readable problems with a case record frame (empty: all is well)."""
    if list(record.columns) != CASE_COLUMNS:
        return [f"{FILE}: columns are {list(record.columns)}; expected {CASE_COLUMNS}"]
    problems, last = [], None
    for r in record.itertuples(index=False):
        where = f"{FILE} {r.step_id or '(no id)'}"
        if not KEBAB.fullmatch(r.step_id):
            problems.append(f"{where}: step_id must be kebab-case (a-z, 0-9, '-')")
        if bad := date_problem(r.date, r.precision):
            problems.append(f"{where}: {bad}")
        elif last is not None and r.date < last[: len(r.date)]:
            problems.append(f"{where}: steps must be in date order")
        else:
            last = r.date
        if r.court not in COURTS:
            problems.append(f"{where}: court must be empty, state or federal")
        if r.sureness not in SURENESS:
            problems.append(f"{where}: sureness must be one of {list(SURENESS)}")
        if not r.summary_en.strip():
            problems.append(f"{where}: empty summary_en")
        keys = split_ids(r.bib)
        if not keys:
            problems.append(f"{where}: give at least one bib key")
        if bibs is not None and (missing := sorted(set(keys) - bibs)):
            problems.append(f"{where}: bib keys not in book/references.bib: {missing}")
        if r.event_id and r.event_id not in event_ids:
            problems.append(f"{where}: event_id {r.event_id!r} is not in events.csv")
    if dupes := sorted(set(record["step_id"][record["step_id"].duplicated()])):
        problems.append(f"{FILE}: duplicate step_id {dupes}")
    return problems


def validate_case_record(root: Path) -> list[str]:
    """Problems with data/annotations/case_record.csv under root (for `python -m saga check`)."""
    try:
        record = load_case_record(root)
        event_ids = set(load_events(root)["event_id"])
    except SagaError as err:
        return [str(err)]
    return case_problems(record, bib_keys(root), event_ids)
