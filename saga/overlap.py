"""Paragraphs that say the same thing in two sources (shared wording or translation of one
text), from character 2- and 3-gram TF-IDF vectors and their sparse cosine similarity.

Threshold, measured on our body paragraphs: the two independent translations of Semafor's
article (qianjia, semafor-zh) share facts, names and numbers but not wording; counterpart
paragraphs score 0.24 to 0.75. Paragraphs of sources that do not share a text score at most
0.17. THRESHOLD = 0.2 sits in that gap; it also catches Musk's tweet of 2023-02-17, which
unknown-2023-12-04 translates independently again (0.22 and 0.41).
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
from sklearn.feature_extraction.text import TfidfVectorizer

THRESHOLD = 0.2
NON_WORD = re.compile(r"[\W_]+")


def _normalise(text: str) -> str:
    """Text without whitespace and punctuation, which translators set differently."""
    return NON_WORD.sub("", text)


def aligned_pairs(paragraphs: pd.DataFrame, threshold: float = THRESHOLD) -> pd.DataFrame:
    """Pairs of paragraphs from different sources with cosine similarity >= threshold, in input
    order of paragraph_a then paragraph_b (paragraph_a is always the earlier row)."""
    sources = paragraphs["source_id"].to_numpy()
    ids = paragraphs["paragraph_id"].to_numpy()
    a = b = np.zeros(0, dtype=int)
    score = np.zeros(0)
    if sources.size > 1 and len(set(sources)) > 1:
        vectors = TfidfVectorizer(
            analyzer="char", ngram_range=(2, 3), preprocessor=_normalise, sublinear_tf=True
        ).fit_transform(paragraphs["text_simplified"])
        similarity = (vectors @ vectors.T).tocoo()
        a, b, score = similarity.row, similarity.col, similarity.data
    keep = (a < b) & (sources[a] != sources[b]) & (score >= threshold)
    a, b, score = a[keep], b[keep], score[keep]
    order = np.lexsort((b, a))
    a, b, score = a[order], b[order], score[order]
    return pd.DataFrame(
        {
            "paragraph_a": ids[a],
            "paragraph_b": ids[b],
            "source_a": sources[a],
            "source_b": sources[b],
            "score": np.round(score, 6),
        }
    )


def source_similarity(paragraphs: pd.DataFrame, pairs: pd.DataFrame) -> pd.DataFrame:
    """Share of each row source's characters (text_simplified) that lie in paragraphs aligned
    with some paragraph of the column source; the diagonal is left empty (NaN)."""
    order = list(dict.fromkeys(paragraphs["source_id"]))
    length = paragraphs.set_index("paragraph_id")["text_simplified"].str.len()
    total = length.groupby(paragraphs.set_index("paragraph_id")["source_id"]).sum()
    links = pd.concat(
        [
            pairs[["paragraph_a", "source_b"]].set_axis(["paragraph_id", "other"], axis=1),
            pairs[["paragraph_b", "source_a"]].set_axis(["paragraph_id", "other"], axis=1),
        ]
    ).drop_duplicates()
    links["source_id"] = links["paragraph_id"].map(
        paragraphs.set_index("paragraph_id")["source_id"]
    )
    links["chars"] = links["paragraph_id"].map(length)
    shared = links.groupby(["source_id", "other"])["chars"].sum().unstack()
    table = shared.reindex(index=order, columns=order).fillna(0.0).div(total[order], axis=0)
    for s in order:
        table.loc[s, s] = np.nan
    table.index.name, table.columns.name = "source", "aligned_with"
    return table
