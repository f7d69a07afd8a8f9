"""How the sources frame, cite and betray their origins: lexicon terms counted per source
(the one place saga counts lexicon terms: frames, sourcing, provenance markers).

Counts are occurrences of each term in a source's title and body paragraphs (headings too),
non-overlapping, longest term first, so 宫斗 inside 宫斗剧 is counted once. Rates per 1,000
characters make long and short texts comparable.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import pandas as pd

from saga.labels import label_map

COUNT_COLUMNS = ["source_id", "kind", "term", "count"]


def term_counts(paragraphs: pd.DataFrame, terms: pd.DataFrame, column: str) -> pd.DataFrame:
    """Occurrences of each lexicon term (``terms``: kind, term) in each source's ``column``
    text; only terms that occur are listed."""
    if terms.empty or paragraphs.empty:
        return pd.DataFrame(columns=COUNT_COLUMNS)
    ordered = sorted(set(terms["term"]), key=lambda t: (-len(t), t))
    pattern = re.compile("|".join(map(re.escape, ordered)))
    kinds = terms.groupby("term")["kind"].apply(lambda k: sorted(set(k)))
    found: dict[tuple[str, str], int] = {}
    for sid, text in zip(paragraphs["source_id"], paragraphs[column], strict=True):
        for m in pattern.finditer(str(text)):
            found[(str(sid), m.group())] = found.get((str(sid), m.group()), 0) + 1
    rows = [
        {"source_id": sid, "kind": kind, "term": term, "count": n}
        for (sid, term), n in sorted(found.items())
        for kind in kinds[term]
    ]
    return pd.DataFrame(rows, columns=COUNT_COLUMNS)


def per_source(
    counts: pd.DataFrame, paragraphs: pd.DataFrame, column: str = "text"
) -> pd.DataFrame:
    """source_id × kind: occurrences per 1,000 characters of the source's text (0 where a
    kind does not occur), every source of ``paragraphs`` as a row."""
    chars = paragraphs.groupby("source_id")[column].apply(lambda s: int(s.str.len().sum()))
    table = counts.pivot_table(
        index="source_id", columns="kind", values="count", aggfunc="sum", fill_value=0
    )
    table = table.reindex(index=list(chars.index), fill_value=0)
    rates = table.div(chars.reindex(table.index), axis=0) * 1000
    rates.columns.name = None
    return rates.round(3)


def lexicon_table(
    paragraphs: pd.DataFrame,
    sources: pd.DataFrame,
    terms: pd.DataFrame,
    column: str,
    scripts: Iterable[str] | None = None,
    kinds: Iterable[str] | None = None,
) -> pd.DataFrame:
    """Source label (rows, manifest order, 0 where nothing is found) × kind (columns, ``kinds``
    or lexicon order): occurrences of the kind's terms in the source's title, headings and
    body (or teasers, given the related table). ``scripts`` keeps only sources written in
    those scripts (a mainland word is a marker only on a traditional-script page)."""
    if scripts is not None:
        sources = sources[sources["script"].isin(set(scripts))]
    kinds = list(dict.fromkeys(terms["kind"])) if kinds is None else list(kinds)
    ids = [str(s) for s in sources["source_id"]]
    paras = paragraphs[paragraphs["source_id"].isin(ids)]
    counts = term_counts(paras, terms[terms["kind"].isin(kinds)], column)
    table = counts.pivot_table(
        index="source_id", columns="kind", values="count", aggfunc="sum", fill_value=0
    ).reindex(index=ids, columns=kinds, fill_value=0)
    table.index = list(sources["label"])
    table.index.name, table.columns.name = "source", "kind"
    return table.fillna(0).astype("int64")


def term_hits(
    paragraphs: pd.DataFrame, sources: pd.DataFrame, terms: pd.DataFrame, column: str, kind: str
) -> pd.DataFrame:
    """Per source label, the terms of one kind that occur and how often, most frequent first:
    the words behind a count, so a reader can check them."""
    counts = term_counts(paragraphs, terms[terms["kind"] == kind], column)
    counts = counts.assign(label=counts["source_id"].map(label_map(sources)))
    rank = {s: i for i, s in enumerate(map(str, sources["source_id"]))}
    counts = counts.assign(_r=counts["source_id"].map(rank)).sort_values(
        ["_r", "count", "term"], ascending=[True, False, True], kind="stable"
    )
    return counts[["label", "term", "count"]].reset_index(drop=True)


def centring(
    mentions: pd.DataFrame, paragraphs: pd.DataFrame, sources: pd.DataFrame, entity_id: str
) -> pd.Series:
    """Per source label (manifest order): the share of its paragraphs (title, headings, body)
    that name ``entity_id`` in any written form — how much a text is about that person."""
    named = mentions[mentions["entity_id"] == entity_id].groupby("source_id")["paragraph_id"]
    share = named.nunique() / paragraphs.groupby("source_id").size()
    ids = list(sources["source_id"])
    return pd.Series(share.reindex(ids).fillna(0.0).to_numpy(), index=list(sources["label"]))
