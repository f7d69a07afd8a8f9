"""Which steps of Musk v. Altman each source could have known: the case record
(saga.records.case_record) set against the sources' publication dates, and against the
events the annotated texts report. Recomputed from the sources table, so it stays true for
sources a reader adds. Functions take frames and read no files."""

from __future__ import annotations

import pandas as pd

from saga.labels import label_map
from saga.records.annotations import split_ids

STEP_COLUMNS = [
    "step_id", "date", "start", "court", "summary_en", "bib", "sureness",
    "could_know", "n_could_know", "tells", "n_tells",
]  # fmt: skip


def first_day(date: str) -> pd.Timestamp:
    """The first day of a YYYY, YYYY-MM or YYYY-MM-DD date."""
    parts = str(date).strip().split("-")
    return pd.Timestamp(int(parts[0]), int(parts[1]) if len(parts) > 1 else 1,
                        int(parts[2]) if len(parts) > 2 else 1)  # fmt: skip


def last_day(date: str) -> pd.Timestamp:
    """The last day a YYYY, YYYY-MM or YYYY-MM-DD date can mean (a text dated "2024-06" may
    have been written as late as 30 June 2024)."""
    n = len(str(date).strip().split("-"))
    start = first_day(date)
    if n == 3:
        return start
    end = start + (pd.offsets.MonthEnd(0) if n == 2 else pd.offsets.YearEnd(0))
    return pd.Timestamp(end)


def steps_known(record: pd.DataFrame, sources: pd.DataFrame, events: pd.DataFrame,
                paragraphs: pd.DataFrame) -> pd.DataFrame:  # fmt: skip
    """One row per step of the case record, in its order: the labels of the sources published
    on or after the step (``could_know``: the latest day their date can mean is not before
    the step's first day) and of those whose text reports it (``tells``: the supporting
    paragraphs of the linked event in events.csv)."""
    label = label_map(sources)
    latest = {str(s): last_day(p) for s, p in zip(sources["source_id"], sources["published"],
                                                 strict=True)}  # fmt: skip
    source_of = dict(zip(paragraphs["paragraph_id"], paragraphs["source_id"], strict=True))
    support = dict(zip(events["event_id"], events["supporting"], strict=True))
    rows = []
    for r in record.itertuples(index=False):
        start = first_day(r.date)
        could = [label[s] for s, day in latest.items() if day >= start]
        told = {source_of[p] for p in split_ids(support.get(r.event_id, "")) if p in source_of}
        tells = [label[s] for s in latest if s in told]
        rows.append(
            {
                "step_id": r.step_id,
                "date": r.date,
                "start": start,
                "court": r.court,
                "summary_en": r.summary_en,
                "bib": r.bib,
                "sureness": r.sureness,
                "could_know": could,
                "n_could_know": len(could),
                "tells": tells,
                "n_tells": len(tells),
            }  # fmt: skip
        )
    return pd.DataFrame(rows, columns=STEP_COLUMNS)


def published_after(sources: pd.DataFrame, date: str) -> list[str]:
    """Labels of the sources that may have been written on or after ``date``."""
    start = first_day(date)
    label = label_map(sources)
    return [label[str(s)] for s, p in zip(sources["source_id"], sources["published"],
                                         strict=True) if last_day(p) >= start]  # fmt: skip


def publication_months(sources: pd.DataFrame) -> pd.Series:
    """Sources per month of publication (YYYY-MM → count, in date order): the corpus's dates
    as one bounded series, whatever its size."""
    months = [str(p)[:7] if len(str(p)) >= 7 else f"{str(p)[:4]}-01" for p in sources["published"]]
    return pd.Series(months, dtype=object).value_counts().sort_index()
