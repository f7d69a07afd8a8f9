"""Who could tell what, and how they told it: the facts chapters 3 and 4 state about the corpus
as a whole, computed so that a premise can check them on any corpus.

Which sources were written inside a span of days (the 2023 crisis), which name a person at
all (Murati), which use a frame's words at all (a ``saga.analysis.framing.lexicon_table``),
and which tell a detail (a regex over the paragraphs). Frames in, frames out; no files read.
"""

from __future__ import annotations

import pandas as pd

from saga.labels import label_map


def event_dates(events: pd.DataFrame, *event_ids: str) -> list[str]:
    """The dates of the named events (events.csv), in the order asked; unknown ids raise."""
    by_id = dict(zip(events["event_id"], events["date"], strict=True))
    missing = [e for e in event_ids if e not in by_id]
    if missing:
        raise KeyError(f"no such event(s): {missing}")
    return [str(by_id[e]) for e in event_ids]


def written_between(sources: pd.DataFrame, start: str, end: str) -> list[str]:
    """Labels of the sources that were, or may have been, published between two ISO days
    (inclusive), manifest order: a day inside the span, or a month or year that overlaps it."""
    labels = []
    for sid, published in zip(sources["source_id"], sources["published"], strict=True):
        p = str(published)
        first, last = _span(p)
        if first <= end and last >= start:
            labels.append(label_map(sources)[sid])
    return labels


def _span(published: str) -> tuple[str, str]:
    """The first and last ISO day a published date of day, month or year precision covers."""
    if len(published) == 10:
        return published, published
    if len(published) == 7:
        last = (pd.Period(published, freq="M").end_time).strftime("%Y-%m-%d")
        return f"{published}-01", last
    return f"{published[:4]}-01-01", f"{published[:4]}-12-31"


def naming(mentions: pd.DataFrame, sources: pd.DataFrame, entity_id: str) -> list[str]:
    """Labels of the sources that mention an entity (the mentions table), manifest order."""
    hit = set(mentions.loc[mentions["entity_id"] == entity_id, "source_id"])
    return [lab for sid, lab in label_map(sources).items() if sid in hit]


def users(table: pd.DataFrame, kind: str) -> list[str]:
    """The sources (row labels of a framing.lexicon_table) that use a kind's words at all."""
    return [str(lab) for lab, n in table[kind].items() if n > 0]


def sources_matching(
    paragraphs: pd.DataFrame, sources: pd.DataFrame, pattern: str, column: str = "text_simplified"
) -> list[str]:
    """Labels (manifest order) of the sources with a paragraph matching the regex ``pattern``:
    who, in the whole corpus, tells a detail (a premise's "only S2 has the scene")."""
    hit = set(paragraphs.loc[paragraphs[column].str.contains(pattern, regex=True), "source_id"])
    return [lab for sid, lab in label_map(sources).items() if sid in hit]
