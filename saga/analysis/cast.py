"""Who is on stage in a theme: the people each source names in the theme's paragraphs.

Counts are paragraphs that name a person (a paragraph naming Musk three times counts once),
rows are source labels ("S1"), columns English names, most widely named first.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import pandas as pd

from saga.labels import label_map


def theme_cast(
    mentions: pd.DataFrame,
    paragraph_ids: Iterable[str],
    sources: pd.DataFrame,
    people: Iterable[str],
    names: Mapping[str, str],
) -> pd.DataFrame:
    """Source label × person: how many of the given paragraphs of each source name the
    person. Only sources that name someone are rows (manifest order); persons are ordered by
    the number of sources naming them, then by paragraphs, then by name."""
    labels = label_map(sources)
    m = mentions[
        mentions["paragraph_id"].isin(set(paragraph_ids)) & mentions["entity_id"].isin(set(people))
    ].drop_duplicates(["paragraph_id", "entity_id"])
    if m.empty:
        return pd.DataFrame(dtype=int)
    table = m.assign(label=m["source_id"].map(labels)).pivot_table(
        index="label", columns="entity_id", values="paragraph_id", aggfunc="size", fill_value=0
    )
    rows = [labels[s] for s in map(str, sources["source_id"]) if labels[s] in table.index]
    table = table.reindex(index=rows).rename(columns=lambda e: names.get(e, e))
    key = pd.DataFrame({"n": (table > 0).sum(), "p": table.sum(), "name": table.columns})
    order = key.sort_values(["n", "p", "name"], ascending=[False, False, True], kind="stable")
    table = table[list(order["name"])]
    table.index.name, table.columns.name = "source", "person"
    return table.astype(int)


def named_by(cast: pd.DataFrame, person: str) -> list[str]:
    """The source labels whose theme paragraphs name ``person`` (manifest order)."""
    if person not in cast.columns:
        return []
    return [str(s) for s in cast.index[cast[person] > 0]]


def named_everywhere(cast: pd.DataFrame) -> list[str]:
    """The persons every source in the cast names."""
    return [str(p) for p in cast.columns if (cast[p] > 0).all()]


def named_only_by(cast: pd.DataFrame, label: str) -> list[str]:
    """The persons that only the source ``label`` names."""
    return [p for p in map(str, cast.columns) if named_by(cast, p) == [label]]
