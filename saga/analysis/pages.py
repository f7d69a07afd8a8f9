"""What a page shows beyond its text: the dates later than its own (repost bylines,
related-article teasers) and the removed page-chrome lines that show reach (views, followers).
Lexicon counts live in ``saga.analysis.framing``."""

from __future__ import annotations

import re

import pandas as pd

from saga.labels import label_map

_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_ZH = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")
PAGE_DATE_COLUMNS = ["label", "published", "latest_on_page", "from", "days_later"]


def _dates_in(text: str) -> list[str]:
    found = [m.groups() for m in _ISO.finditer(text)] + [m.groups() for m in _ZH.finditer(text)]
    return [f"{int(y):04d}-{int(m):02d}-{int(d):02d}" for y, m, d in found]


def page_dates(sources: pd.DataFrame, related: pd.DataFrame, report: pd.DataFrame) -> pd.DataFrame:
    """One row per source whose page shows a full date later than the text's own: the latest
    such date, where it is (the page's chrome, e.g. a repost byline, or its related-article
    teasers) and how many days separate it from the text's date (None when the text's date is
    not a full day)."""
    chrome = [
        (str(s), d, "page chrome")
        for s, t in zip(report["source_id"], report["text"], strict=True)
        for d in _dates_in(str(t))
    ]
    teasers = [
        (str(s), str(d), "teasers")
        for s, d in zip(related["source_id"], related["date"], strict=True)
    ]
    found: dict[str, list[tuple[str, str]]] = {}  # a pass over each table, not one per source
    for s, d, where in chrome + teasers:
        found.setdefault(s, []).append((d, where))
    rows = []
    for s in sources.itertuples(index=False):
        later = [(d, where) for d, where in found.get(str(s.source_id), []) if d > str(s.published)]
        if not later:
            continue
        date, where = max(later)
        full = bool(re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(s.published)))
        days = (pd.Timestamp(date) - pd.Timestamp(str(s.published))).days if full else None
        rows.append([str(s.label), str(s.published), date, where, days])
    out = pd.DataFrame(rows, columns=PAGE_DATE_COLUMNS)
    return out.astype({"days_later": "Int64"})


REACH = re.compile(r"\d+\s*(?:热度|粉丝|評論|评论|阅读|閱讀|浏览|瀏覽|点赞|篇博客)")


def reach_lines(report: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """The removed page-chrome lines that show reach (views, "heat", followers, comments):
    label, line, text — the only evidence the pages give of how widely they were read."""
    labels = label_map(sources)
    hits = report[report["text"].astype(str).str.contains(REACH)]
    out = hits.assign(label=hits["source_id"].map(labels))[["label", "line", "text"]]
    return out.reset_index(drop=True)
