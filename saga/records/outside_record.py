"""The outside record of the money flows (data/annotations/outside_record.csv): figures from
primary records and reports, each with its book/references.bib key, that chapter 3 sets
against the sources. bound: "=" stated by a party, "<" an upper bound a party states,
"~" reported by others."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from saga.records.annotations import read_records

RECORD_COLUMNS = ["flow", "value_usd", "bound", "date", "bib", "note"]
BOUNDS = ("=", "<", "~")
DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def load_outside_record(root: Path | None = None) -> pd.DataFrame:
    """The outside figures, value_usd as a float, every other cell a string."""
    rec = read_records(root, "outside_record.csv", RECORD_COLUMNS)
    return rec.assign(value_usd=pd.to_numeric(rec["value_usd"], errors="coerce"))


def outside_record_problems(
    record: pd.DataFrame, flows: dict[str, str], bibs: set[str] | None
) -> list[str]:
    """Problems with the outside record: unknown flows, values that are not positive numbers,
    unknown bounds, dates that are not ISO days, bib keys missing from book/references.bib."""
    problems = []
    for i, r in enumerate(record.itertuples(index=False), start=2):
        where = f"outside_record.csv line {i}"
        if r.flow not in flows:
            problems.append(f"{where}: unknown flow {r.flow!r}; add it to money_flows.csv")
        if not r.value_usd > 0:  # NaN (not a number) fails too
            problems.append(f"{where}: value_usd must be a positive number")
        if r.bound not in BOUNDS:
            problems.append(f"{where}: bound {r.bound!r} is not one of {list(BOUNDS)}")
        if not DAY.fullmatch(r.date):
            problems.append(f"{where}: date {r.date!r} is not YYYY-MM-DD")
        if bibs is not None and r.bib not in bibs:
            problems.append(f"{where}: bib key {r.bib!r} not in book/references.bib")
    return problems
