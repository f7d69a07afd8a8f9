"""Who could tell what, and how they told it: the facts chapters 3 and 4 state about the corpus
as a whole, computed so that a premise can check them on any corpus.

Which sources were written inside a span of days (the 2023 crisis), which name a person at
all (Murati), and how often each source uses a frame's words (palace drama, power struggle:
``saga.analysis.framing.term_counts`` summed per kind). Frames in, frames out; no files read.
"""

from __future__ import annotations

import pandas as pd

from saga.analysis.corpuswide import bounded
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


def kind_counts(counts: pd.DataFrame, sources: pd.DataFrame, kinds=None) -> pd.DataFrame:
    """Source label (rows, manifest order, every source) × lexicon kind (columns, ``kinds``
    order or sorted): how many times the source uses the kind's terms (term_counts summed)."""
    labels = label_map(sources)
    kinds = list(kinds) if kinds is not None else sorted(set(counts["kind"]))
    sub = counts[counts["kind"].isin(kinds)]
    table = sub.pivot_table(
        index="source_id", columns="kind", values="count", aggfunc="sum", fill_value=0
    )
    table = table.reindex(index=list(labels), columns=kinds, fill_value=0).astype(int)
    table.index = [labels[s] for s in table.index]
    table.index.name, table.columns.name = "source", None
    return table


def users(table: pd.DataFrame, kind: str) -> list[str]:
    """The sources (row labels of a kind_counts table) that use a kind's words at all."""
    return [str(lab) for lab, n in table[kind].items() if n > 0]


def top_sources(table: pd.DataFrame, top: int = 12) -> pd.DataFrame:
    """A kind_counts table kept readable at any corpus size: the ``top`` sources with the most
    hits (ties in manifest order), then one row summing the rest ("N other sources")."""
    order = table.sum(axis=1).sort_values(ascending=False, kind="stable").index
    ranked = table.loc[order].rename_axis("source").reset_index()
    summary = {"source": lambda r: f"{len(r)} other sources"}
    summary |= {k: (lambda r, k=k: int(r[k].sum())) for k in table.columns}
    out = bounded(ranked, top, summary).set_index("source")
    out.columns.name = None
    return out
