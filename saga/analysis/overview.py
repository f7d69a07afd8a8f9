"""The corpus at a glance (chapter 0 and the synthesis): one row per source, mentions and
theme shares per source, the cleaning report per source, each source's keywords, and the
English names of entities and themes."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from saga.corpus.entities import load_entities
from saga.corpus.themes import load_themes
from saga.labels import axis_labels, label_map

OVERVIEW_TEXT = ["label", "source_id", "outlet", "published", "script", "witness"]


def source_overview(sources, paragraphs):
    """One row per source: label, outlet, date, script, paragraph and character counts."""
    ids = sources["source_id"].astype(str)
    by_source = paragraphs.assign(
        source=paragraphs["source_id"].astype(str),
        body=paragraphs["kind"] == "body",
        characters=paragraphs["text"].str.len().fillna(0).astype("int64"),
    ).groupby("source", sort=False)
    counts = by_source.agg(
        paragraphs=("body", "size"),
        body_paragraphs=("body", "sum"),
        characters=("characters", "sum"),
    ).reindex(ids, fill_value=0)
    out = pd.DataFrame({c: sources[c].astype(str).to_numpy(dtype=object) for c in OVERVIEW_TEXT})
    for c in ("paragraphs", "body_paragraphs", "characters"):
        out[c] = counts[c].to_numpy(dtype="int64")
    return out


def mention_matrix(mentions, sources, top: int = 8):
    """Mentions per source (rows: source labels) × entity (columns: the `top` most mentioned)."""
    ecol = "entity_id"
    labels = axis_labels(sources)
    m = mentions.assign(_src=mentions["source_id"].map(labels))
    table = m.pivot_table(
        index="_src", columns=ecol, values="source_id", aggfunc="size", fill_value=0
    )
    order = table.sum().sort_values(ascending=False, kind="stable").index[:top]
    table = table.reindex(
        index=[labels[s] for s in sources["source_id"]], columns=order, fill_value=0
    )
    table.index.name, table.columns.name = "source", "entity"
    return table.astype(int)


def theme_matrix(themes, sources, paragraphs):
    """Share of each source's body paragraphs assigned to each theme (0–1)."""
    tcol = "theme"
    labels = axis_labels(sources)
    body = paragraphs[paragraphs["kind"] == "body"]
    n_body = body.groupby("source_id").size()
    t = themes[themes["paragraph_id"].isin(body["paragraph_id"])]
    t = t.drop_duplicates(["paragraph_id", tcol])
    counts = t.pivot_table(
        index="source_id", columns=tcol, values="paragraph_id", aggfunc="size", fill_value=0
    )
    counts = counts.reindex(index=list(sources["source_id"]), fill_value=0)
    order = list(theme_labels())  # chronological, as in data/lexicon/themes.yml
    counts = counts.reindex(
        columns=[t for t in order if t in counts.columns]
        + [t for t in counts.columns if t not in order],
        fill_value=0,
    )
    share = counts.div(n_body.reindex(counts.index).replace(0, 1), axis=0).round(2)
    share.index = [labels[s] for s in share.index]
    share.index.name, share.columns.name = "source", "theme"
    return share


def cleaning_matrix(report, sources):
    """Removed lines per source (rows) × reason (columns)."""
    labels = axis_labels(sources)
    report = report.assign(reason=report["reason"].str.split(" (", regex=False).str[0])
    table = report.pivot_table(
        index="source_id", columns="reason", values="line", aggfunc="size", fill_value=0
    )
    table = table.reindex(index=list(sources["source_id"]), fill_value=0)
    table = table[table.sum().sort_values(ascending=False, kind="stable").index]
    table.index = [labels[s] for s in table.index]
    table.index.name, table.columns.name = "source", "reason"
    return table.astype(int)


def entity_names(root: Path | None = None) -> dict[str, str]:
    """entity id -> English name, from data/lexicon/entities.csv."""
    df = load_entities(root)
    return dict(zip(df["id"], df["name_en"], strict=True))


def theme_counts(themes, sources, paragraphs, theme: str):
    """Body paragraphs assigned to one theme, per source label (all sources, zeros kept)."""
    tcol = "theme"
    known = sorted(str(t) for t in themes[tcol].unique())
    if theme not in known:
        raise KeyError(f"theme {theme!r} not in the themes table (has {known})")
    labels = axis_labels(sources)
    body = set(paragraphs.loc[paragraphs["kind"] == "body", "paragraph_id"])
    t = themes[(themes[tcol] == theme) & themes["paragraph_id"].isin(body)]
    t = t.drop_duplicates("paragraph_id")
    counts = t.groupby("source_id").size().reindex(list(sources["source_id"]), fill_value=0)
    counts.index = [labels[s] for s in counts.index]
    return counts.astype(int)


def theme_labels(root: Path | None = None) -> dict[str, str]:
    """theme id -> display label, in data/lexicon/themes.yml order."""
    return {name: str(t["label"]) for name, t in load_themes(root).items()}


def keyword_digest(
    keywords: pd.DataFrame,
    sources: pd.DataFrame,
    names: set[str] = frozenset(),
    top: int = 8,
    method: str = "tfidf",
) -> pd.DataFrame:
    """Each source's top keywords (saga.corpus.keywords table grouped by source) other than the
    names in `names` (e.g. every alias of the entity lexicon), as one row per source: label,
    keywords (" · "-joined, best first)."""
    label = label_map(sources)
    k = keywords[(keywords["method"] == method) & ~keywords["keyword"].isin(set(names))]
    # ranked once (ties in table order) and cut per source: not a filter per source
    best = k.sort_values("rank", kind="stable").groupby("group", sort=False).head(top)
    words = best.groupby("group", sort=False)["keyword"].agg(" · ".join)
    words.index = words.index.astype(str)
    return pd.DataFrame(
        {
            "label": [label[s] for s in sources["source_id"]],
            "keywords": [words.get(str(s), "") for s in sources["source_id"]],
        },
        columns=["label", "keywords"],
    )
