"""Keywords per source or per theme: jieba.analyse's TF-IDF and TextRank, computed from the
token table so the text is segmented once, not again for every keyword method and group.

IDF reference: jieba's bundled IDF table (a large general Chinese corpus), not one derived
from our paragraphs. Five sources (about 120 paragraphs, two of them one article) are too few
documents for stable IDF: a word used by one outlet would get the maximum weight for that
reason alone, and the two translations would mask each other's shared vocabulary. Against a
general reference, a keyword is a word this group uses more than ordinary Chinese prose does.
Words missing from that table (most names in our user dictionary) get jieba's median IDF.

TF-IDF is jieba's extract_tags formula exactly. TextRank is jieba's algorithm (co-occurrence
within a window of 5 tokens, jieba's UndirectWeightedGraph) over our tokens, with each token's
part of speech looked up in jieba's dictionary (plus our user dictionary's tags) instead of
re-running posseg's HMM; words the dictionaries do not know are tagged 'eng' when Latin, else
left out.
"""

from __future__ import annotations

import re
from functools import cache

import numpy as np
import pandas as pd

from .text import _jieba, init_jieba, stopwords, tokenize

COLUMNS = ["group", "method", "rank", "keyword", "weight"]
TEXTRANK_POS = frozenset(("n", "nr", "ns", "nt", "nz", "vn", "v", "eng"))
TEXTRANK_SPAN = 5
NOT_A_KEYWORD = re.compile(r"[\d\W_]+")
LATIN = re.compile(r"[A-Za-z][A-Za-z0-9.\-]*")


@cache
def _reference() -> tuple[dict[str, float], float, frozenset[str], dict[str, str]]:
    """(IDF table, median IDF, stop words, POS tags) from jieba.analyse and our lexicon."""
    init_jieba()
    _jieba()
    import jieba.posseg
    from jieba.analyse import TFIDF

    tfidf = TFIDF()
    postok = jieba.posseg.dt
    postok.makesure_userdict_loaded()
    stop = frozenset(tfidf.stop_words | set(stopwords()))
    return tfidf.idf_freq, tfidf.median_idf, stop, postok.word_tag_tab


def _candidates(words: pd.Series, stop: frozenset[str]) -> np.ndarray:
    """jieba's filter: at least two characters and not a stop word (case-insensitive)."""
    return np.array([len(w.strip()) >= 2 and w.lower() not in stop for w in words], dtype=bool)


def _tfidf(words: pd.Series, keep: np.ndarray) -> pd.Series:
    idf, median, _, _ = _reference()
    freq = words[keep].value_counts()
    total = freq.sum()
    return pd.Series({w: n * idf.get(w, median) / total for w, n in freq.items()}, dtype=float)


def _pos(word: str, tags: dict[str, str]) -> str:
    return tags.get(word) or ("eng" if LATIN.fullmatch(word) else "x")


def _textrank(words: pd.Series, keep: np.ndarray) -> pd.Series:
    from jieba.analyse.textrank import UndirectWeightedGraph

    _, _, _, tags = _reference()
    arr = words.to_numpy()
    ok = keep & np.array([_pos(w, tags) in TEXTRANK_POS for w in arr], dtype=bool)
    pairs = pd.concat(
        [
            pd.DataFrame({"a": arr[:-k][ok[:-k] & ok[k:]], "b": arr[k:][ok[:-k] & ok[k:]]})
            for k in range(1, TEXTRANK_SPAN)
            if len(arr) > k
        ]
        or [pd.DataFrame({"a": [], "b": []})]
    )
    graph = UndirectWeightedGraph()
    for (a, b), n in sorted(pairs.value_counts(["a", "b"]).items()):
        graph.addEdge(a, b, n)
    return pd.Series(graph.rank(), dtype=float) if graph.graph else pd.Series(dtype=float)


def _top(weights: pd.Series, top: int) -> list[tuple[str, float]]:
    ranked = sorted(
        ((w, float(s)) for w, s in weights.items() if not NOT_A_KEYWORD.fullmatch(w)),
        key=lambda ws: (-ws[1], ws[0]),
    )
    return ranked[:top]


def keywords_of(words: pd.Series, top: int = 15) -> dict[str, list[tuple[str, float]]]:
    """Top keywords of one token sequence by method, without numbers and punctuation."""
    words = words.reset_index(drop=True)
    keep = _candidates(words, _reference()[2])
    return {"tfidf": _top(_tfidf(words, keep), top), "textrank": _top(_textrank(words, keep), top)}


def extract(text: str, top: int = 15) -> dict[str, list[tuple[str, float]]]:
    """Top keywords of one simplified text (segmented with saga.text.tokenize)."""
    return keywords_of(pd.Series(tokenize(text), dtype=object), top)


def keywords_table(
    tokens: pd.DataFrame, by: str, themes_df: pd.DataFrame | None = None, top: int = 15
) -> pd.DataFrame:
    """Keywords of each group of the token table (saga.text.tokens_table): by='source'
    (source_id) or by='theme' (needs themes_df from saga.themes.assign_themes; a paragraph's
    tokens count for each of its themes). Tokens keep their paragraph and reading order."""
    if by == "source":
        grouped = tokens.groupby("source_id", sort=False)["token"]
    elif by == "theme":
        if themes_df is None:
            raise ValueError("by='theme' needs themes_df (saga.themes.assign_themes)")
        joined = themes_df[["paragraph_id", "theme"]].merge(tokens, on="paragraph_id")
        grouped = joined.groupby("theme", sort=False)["token"]
    else:
        raise ValueError(f"by must be 'source' or 'theme', not {by!r}")
    rows = [
        (group, method, rank, word, weight)
        for group, words in grouped
        for method, pairs in keywords_of(words, top).items()
        for rank, (word, weight) in enumerate(pairs, start=1)
    ]
    return pd.DataFrame(rows, columns=COLUMNS)
