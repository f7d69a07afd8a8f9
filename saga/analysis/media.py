"""How the pages were made: lexicon counts per source and kind (frames, sourcing, provenance
markers) and the dates a page shows beyond its own (repost bylines, related-article teasers).

Counts use ``saga.analysis.framing.term_counts`` (a source's title, heading and body
paragraphs). Provenance markers are counted only on traditional-script sources: on a
simplified page 信息 or 范 is simply correct (data/lexicon/README.md).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import pandas as pd

from saga.analysis.framing import term_counts
from saga.labels import label_map

_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_ZH = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")
PAGE_DATE_COLUMNS = ["label", "published", "latest_on_page", "from", "days_later"]


def lexicon_matrix(
    paragraphs: pd.DataFrame,
    sources: pd.DataFrame,
    terms: pd.DataFrame,
    column: str,
    scripts: Iterable[str] | None = None,
) -> pd.DataFrame:
    """Source label × kind: occurrences of the lexicon's terms of each kind (kinds in lexicon
    order, every listed source a row, 0 where nothing is found). ``scripts`` limits the rows
    to sources in those scripts (provenance: {"traditional"})."""
    chosen = sources if scripts is None else sources[sources["script"].isin(set(scripts))]
    ids = list(map(str, chosen["source_id"]))
    counts = term_counts(paragraphs[paragraphs["source_id"].isin(ids)], terms, column)
    kinds = list(dict.fromkeys(terms["kind"]))
    table = counts.pivot_table(
        index="source_id", columns="kind", values="count", aggfunc="sum", fill_value=0
    ).reindex(index=ids, columns=kinds, fill_value=0)
    table.index = [label_map(chosen)[s] for s in ids]
    table.index.name, table.columns.name = "source", "kind"
    return table.fillna(0).astype(int)


def term_hits(
    paragraphs: pd.DataFrame, sources: pd.DataFrame, terms: pd.DataFrame, column: str, kind: str
) -> pd.DataFrame:
    """Per source label, the terms of one kind that occur and how often, most frequent first:
    the words behind a count, so a reader can check them."""
    counts = term_counts(paragraphs, terms[terms["kind"] == kind], column)
    labels = label_map(sources)
    counts = counts.assign(label=counts["source_id"].map(labels))
    rank = {s: i for i, s in enumerate(map(str, sources["source_id"]))}
    counts = counts.assign(_r=counts["source_id"].map(rank)).sort_values(
        ["_r", "count", "term"], ascending=[True, False, True], kind="stable"
    )
    return counts[["label", "term", "count"]].reset_index(drop=True)


def _dates_in(text: str) -> list[str]:
    found = [m.groups() for m in _ISO.finditer(text)] + [m.groups() for m in _ZH.finditer(text)]
    return [f"{int(y):04d}-{int(m):02d}-{int(d):02d}" for y, m, d in found]


def page_dates(sources: pd.DataFrame, related: pd.DataFrame, report: pd.DataFrame) -> pd.DataFrame:
    """One row per source whose page shows a full date later than the text's own: the latest
    such date, where it is (the page's chrome, e.g. a repost byline, or its related-article
    teasers) and how many days separate it from the text's date (None when the text's date is
    not a full day)."""
    rows = []
    for s in sources.itertuples(index=False):
        found = [
            (d, "page chrome")
            for t in report.loc[report["source_id"] == s.source_id, "text"]
            for d in _dates_in(str(t))
        ] + [(str(d), "teasers") for d in related.loc[related["source_id"] == s.source_id, "date"]]
        later = [(d, where) for d, where in found if d > str(s.published)]
        if not later:
            continue
        date, where = max(later)
        full = bool(re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(s.published)))
        days = (pd.Timestamp(date) - pd.Timestamp(str(s.published))).days if full else None
        rows.append([str(s.label), str(s.published), date, where, days])
    out = pd.DataFrame(rows, columns=PAGE_DATE_COLUMNS)
    return out.astype({"days_later": "Int64"})


def sources_matching(
    paragraphs: pd.DataFrame, sources: pd.DataFrame, pattern: str, column: str = "text_simplified"
) -> list[str]:
    """Labels (manifest order) of the sources with a paragraph matching the regex ``pattern``:
    who, in the whole corpus, tells a detail (a premise's "only S2 has the scene")."""
    hit = set(paragraphs.loc[paragraphs[column].str.contains(pattern, regex=True), "source_id"])
    return [lab for sid, lab in label_map(sources).items() if sid in hit]


REACH = re.compile(r"\d+\s*(?:热度|粉丝|評論|评论|阅读|閱讀|浏览|瀏覽|点赞|篇博客)")


def reach_lines(report: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """The removed page-chrome lines that show reach (views, "heat", followers, comments):
    label, line, text — the only evidence the pages give of how widely they were read."""
    labels = label_map(sources)
    hits = report[report["text"].astype(str).str.contains(REACH)]
    out = hits.assign(label=hits["source_id"].map(labels))[["label", "line", "text"]]
    return out.reset_index(drop=True)
