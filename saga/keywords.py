"""Keywords per source or per theme: TF-IDF and TextRank from jieba.analyse.

IDF reference: jieba's bundled IDF table (a large general Chinese corpus), not one derived
from our paragraphs. Five sources (about 120 paragraphs, two of them one article) are too few
documents for stable IDF: a word used by one outlet would get the maximum weight for that
reason alone, and the two translations would mask each other's shared vocabulary. Against a
general reference, a keyword is a word this group uses more than ordinary Chinese prose does.
Words missing from that table (most names in our user dictionary) get jieba's median IDF.
"""

from __future__ import annotations

import re
from functools import cache

import pandas as pd

from .text import _jieba, init_jieba, stopwords

COLUMNS = ["group", "method", "rank", "keyword", "weight"]
TEXTRANK_POS = ("n", "nr", "ns", "nt", "nz", "vn", "v", "eng")
NOT_A_KEYWORD = re.compile(r"[\d\W_]+")


@cache
def _extractors() -> tuple:
    """TF-IDF and TextRank extractors with the project stopwords added to jieba's list."""
    init_jieba()
    _jieba()
    from jieba.analyse import TFIDF, TextRank

    tfidf, textrank = TFIDF(), TextRank()
    for extractor in (tfidf, textrank):
        extractor.stop_words |= set(stopwords())
    return tfidf, textrank


def extract(text: str, top: int = 15) -> dict[str, list[tuple[str, float]]]:
    """Top keywords of one text by method, without numbers and punctuation-only tokens."""
    tfidf, textrank = _extractors()
    ranked = {
        "tfidf": tfidf.extract_tags(text, topK=None, withWeight=True),
        "textrank": textrank.textrank(text, topK=None, withWeight=True, allowPOS=TEXTRANK_POS),
    }
    return {
        method: sorted(
            ((w, float(s)) for w, s in pairs if not NOT_A_KEYWORD.fullmatch(w)),
            key=lambda ws: (-ws[1], ws[0]),
        )[:top]
        for method, pairs in ranked.items()
    }


def keywords_table(
    paragraphs: pd.DataFrame, by: str, themes_df: pd.DataFrame | None = None, top: int = 15
) -> pd.DataFrame:
    """Keywords of the simplified text of each group: by='source' (source_id) or by='theme'
    (needs themes_df from saga.themes.assign_themes; a paragraph counts for each of its themes)."""
    if by == "source":
        grouped = paragraphs.groupby("source_id", sort=False)["text_simplified"]
    elif by == "theme":
        if themes_df is None:
            raise ValueError("by='theme' needs themes_df (saga.themes.assign_themes)")
        joined = themes_df[["paragraph_id", "theme"]].merge(
            paragraphs[["paragraph_id", "text_simplified"]], on="paragraph_id"
        )
        grouped = joined.groupby("theme", sort=False)["text_simplified"]
    else:
        raise ValueError(f"by must be 'source' or 'theme', not {by!r}")
    rows = [
        (group, method, rank, word, weight)
        for group, texts in grouped
        for method, pairs in extract("\n".join(texts), top).items()
        for rank, (word, weight) in enumerate(pairs, start=1)
    ]
    return pd.DataFrame(rows, columns=COLUMNS)
