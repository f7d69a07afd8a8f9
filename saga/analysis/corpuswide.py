"""Who in the whole corpus tells a theme: the generated section that ends each theme chapter.

The essays are close readings of the five edition sources; this section is recomputed over
every source in the corpus, edition or added, so a reader's articles show up in the chapter
they belong to: which sources tell the theme, the first and latest report, the dates they
mention, the name forms and amounts they use, and which of them are copies of one another.
Its tables are bounded by ``saga.analysis.bounded``, whatever the corpus size.
"""

from __future__ import annotations

import re

import pandas as pd

from saga.analysis.independence import witness_groups
from saga.analysis.money_flows import as_written
from saga.labels import label_map, paragraph_labels

_ITEM = re.compile(r"[,;]\s*")
SOURCE_COLUMNS = [
    "source_id", "label", "outlet", "script", "published", "edition", "paragraphs",
    "top_paragraph",
]  # fmt: skip


def relevance(evidence) -> int:
    """How many pieces of evidence (keywords, entities, dates) put a paragraph in a theme."""
    text = "" if pd.isna(evidence) else str(evidence)
    items = [i for i in _ITEM.split(re.sub(r"\b\w+:\s*", "", text)) if i.strip()]
    return max(1, len(items))


def theme_paragraphs(theme: str, themes: pd.DataFrame, paragraphs: pd.DataFrame) -> pd.DataFrame:
    """Paragraphs assigned to ``theme`` with their relevance, most relevant first per source."""
    rows = themes[themes["theme"] == theme].drop_duplicates("paragraph_id")
    out = rows.merge(paragraphs[["paragraph_id", "label", "n"]], on="paragraph_id")
    out = out.assign(relevance=[relevance(e) for e in out["evidence"]])
    return out.sort_values(
        ["source_id", "relevance", "n"], ascending=[True, False, True], kind="stable"
    ).reset_index(drop=True)


def theme_sources(
    theme: str,
    sources: pd.DataFrame,
    paragraphs: pd.DataFrame,
    themes: pd.DataFrame,
    edition: set[str],
) -> pd.DataFrame:
    """One row per source that tells the theme, oldest first: outlet, script, date, whether it
    is an edition source, how many of its paragraphs carry the theme and its most relevant one."""
    tp = theme_paragraphs(theme, themes, paragraphs)
    counts = tp.groupby("source_id").size()
    best = tp.groupby("source_id")["paragraph_id"].first()
    order = {sid: i for i, sid in enumerate(sources["source_id"])}
    told = sources[sources["source_id"].isin(counts.index)].copy()
    told["edition"] = told["source_id"].isin(edition)
    told["paragraphs"] = told["source_id"].map(counts).astype(int)
    told["top_paragraph"] = told["source_id"].map(best)
    told["_order"] = told["source_id"].map(order)
    told = told.sort_values(["published", "_order"], kind="stable")
    return told[SOURCE_COLUMNS].reset_index(drop=True)


def dated_mentions(paragraph_ids, dates: pd.DataFrame, paragraphs: pd.DataFrame) -> pd.DataFrame:
    """Resolved dates mentioned in the given paragraphs: source label, date, precision."""
    d = dates[dates["paragraph_id"].isin(set(paragraph_ids)) & dates["resolved"].astype(bool)]
    d = d[d["precision"].isin(["day", "month", "year"])]
    d = d.merge(paragraphs[["paragraph_id", "label"]], on="paragraph_id")
    d = d.assign(start=pd.to_datetime(d["value"].astype(str), format="mixed", errors="coerce"))
    d = d.dropna(subset=["start"])
    return d[["paragraph_id", "source_id", "label", "value", "precision", "start"]].reset_index(
        drop=True
    )


def name_forms(paragraph_ids, mentions: pd.DataFrame, people, labels: dict[str, str]):
    """Each written form of each person in the given paragraphs, with how many sources use it
    and which (labels, the first few), most widely used first."""
    m = mentions[
        mentions["paragraph_id"].isin(set(paragraph_ids)) & mentions["entity_id"].isin(people)
    ]
    rows = []
    for (entity, form), g in m.groupby(["entity_id", "surface"], sort=True):
        srcs = sorted(set(g["source_id"]), key=lambda s: _label_key(labels.get(s, s)))
        rows.append(
            {
                "entity_id": entity,
                "form": form,
                "sources": len(srcs),
                "mentions": len(g),
                "used_by": _few([labels.get(s, s) for s in srcs]),
            }
        )
    out = pd.DataFrame(rows, columns=["entity_id", "form", "sources", "mentions", "used_by"])
    return out.sort_values(
        ["sources", "mentions", "entity_id", "form"],
        ascending=[False, False, True, True],
        kind="stable",
    ).reset_index(drop=True)


def amounts(paragraph_ids, money: pd.DataFrame, paragraphs: pd.DataFrame) -> pd.DataFrame:
    """Money figures given in the given paragraphs: the figure as written, its US$ value where
    known (usd to usd_high: a range for a vague figure, 几百万美元 US$2-9 million, never taken
    for an exact one), how many sources give that value and where (the first few labels)."""
    m = money[money["paragraph_id"].isin(set(paragraph_ids))]
    m = m.assign(written=as_written(m, paragraphs))
    plabels = paragraph_labels(paragraphs)
    rows = []
    for (low, high, currency), g in m.groupby(["low", "high", "currency"], sort=True):
        usd = currency == "USD"
        rows.append(
            {
                "as_written": str(g["written"].iloc[0]),
                "usd": float(low) if usd else None,
                "usd_high": float(high) if usd else None,
                "sources": int(g["source_id"].nunique()),
                "where": _few([plabels.get(p, p) for p in g["paragraph_id"]]),
            }
        )
    out = pd.DataFrame(rows, columns=["as_written", "usd", "usd_high", "sources", "where"])
    return out.sort_values(["sources", "usd"], ascending=[False, False], kind="stable").reset_index(
        drop=True
    )


def copies(
    source_ids, source_overlap: pd.DataFrame, sources: pd.DataFrame, threshold: float = 0.5
) -> pd.DataFrame:
    """Groups of the given sources that share most of their text (syndicated copies,
    translations of one article): one row per group of two or more, with its labels."""
    ids = list(source_ids)
    groups = witness_groups(source_overlap, ids, threshold)
    labels = label_map(sources)
    members: dict[int, list[str]] = {}
    for sid in ids:
        members.setdefault(groups[sid], []).append(labels.get(sid, sid))
    rows = [
        {"sources": " = ".join(sorted(m, key=_label_key)), "n": len(m)}
        for m in members.values()
        if len(m) > 1
    ]
    out = pd.DataFrame(rows, columns=["sources", "n"])
    return out.sort_values(["n", "sources"], ascending=[False, True], kind="stable").reset_index(
        drop=True
    )


def _label_key(label: str):
    digits = re.sub(r"\D", "", label)
    return (int(digits) if digits else 0, label)


def _few(items: list[str], limit: int = 5) -> str:
    """'S1, S3, S5' or 'S1, S2, S3, S4, S5 +7': a bounded list for a table cell."""
    seen = list(dict.fromkeys(items))
    more = f" +{len(seen) - limit}" if len(seen) > limit else ""
    return ", ".join(seen[:limit]) + more
