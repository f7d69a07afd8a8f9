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
MAX_PARTNERS = 10
BLOCK = 500  # distinct texts per block of the similarity product (memory: block × corpus)
MAX_NEIGHBOURS = 50  # best similar texts kept per text (5× partners: room for same-source ones)
NON_WORD = re.compile(r"[\W_]+")


def _normalise(text: str) -> str:
    """Text without whitespace and punctuation, which translators set differently."""
    return NON_WORD.sub("", text)


def aligned_pairs(
    paragraphs: pd.DataFrame, threshold: float = THRESHOLD, max_partners: int = MAX_PARTNERS
) -> pd.DataFrame:
    """Pairs of paragraphs from different sources with cosine similarity >= threshold, in input
    order of paragraph_a then paragraph_b (paragraph_a is always the earlier row).

    Similarity is computed once per distinct text, in blocks of rows, and each paragraph keeps
    its `max_partners` best partners (ties in input order) among the MAX_NEIGHBOURS distinct
    texts most like it: a text repeated or echoed across many sources (reposts, wire copy)
    cannot make time, memory or output grow with the square of the corpus.
    """
    sources = paragraphs["source_id"].to_numpy()
    ids = paragraphs["paragraph_id"].to_numpy()
    texts = paragraphs["text_simplified"].map(_normalise).to_numpy(dtype=object)
    empty = pd.DataFrame(
        {"paragraph_a": [], "paragraph_b": [], "source_a": [], "source_b": [], "score": []}
    ).astype({"score": float})
    if len(set(sources)) < 2:
        return empty.astype({c: object for c in empty.columns[:4]})
    distinct, inverse = np.unique(texts, return_inverse=True)
    vectors = TfidfVectorizer(
        analyzer="char", ngram_range=(2, 3), preprocessor=_normalise, sublinear_tf=True
    ).fit_transform(distinct)
    neighbours = _neighbours(vectors, threshold)
    members: dict[int, list[int]] = {}
    for row, u in enumerate(inverse):
        members.setdefault(int(u), []).append(row)
    found: dict[tuple[int, int], float] = {}
    for row, u in enumerate(inverse):
        taken = 0
        for v, score in zip(*neighbours.get(int(u), ([], [])), strict=True):
            for other in members[v]:
                if other == row or sources[other] == sources[row]:
                    continue
                found[min(row, other), max(row, other)] = score
                taken += 1
                if taken == max_partners:
                    break
            if taken == max_partners:
                break
    if not found:
        return empty.astype({c: object for c in empty.columns[:4]})
    keys = sorted(found)
    a = np.array([k[0] for k in keys])
    b = np.array([k[1] for k in keys])
    return pd.DataFrame(
        {
            "paragraph_a": ids[a],
            "paragraph_b": ids[b],
            "source_a": sources[a],
            "source_b": sources[b],
            "score": np.round([found[k] for k in keys], 6),
        }
    )


def _neighbours(vectors, threshold: float) -> dict[int, tuple[list[int], list[float]]]:
    """For each distinct text, the distinct texts (itself included) at or above threshold,
    best first (ties by index), at most MAX_NEIGHBOURS of them; computed in row blocks with
    numpy, so memory and time stay bounded however many texts look alike."""
    out: dict[int, tuple[list[int], list[float]]] = {}
    for start in range(0, vectors.shape[0], BLOCK):
        block = (vectors[start : start + BLOCK] @ vectors.T).tocoo()
        keep = block.data >= threshold
        rows, cols, data = block.row[keep] + start, block.col[keep], block.data[keep]
        del block
        order = np.lexsort((cols, -np.round(data, 9), rows))
        rows, cols, data = rows[order], cols[order], data[order]
        firsts = np.flatnonzero(np.r_[True, rows[1:] != rows[:-1]])
        for lo, hi in zip(firsts, np.r_[firsts[1:], len(rows)], strict=True):
            hi = min(hi, lo + MAX_NEIGHBOURS)
            out[int(rows[lo])] = (cols[lo:hi].tolist(), data[lo:hi].tolist())
    return out


def source_overlap(paragraphs: pd.DataFrame, pairs: pd.DataFrame) -> pd.DataFrame:
    """Share of each source's characters (text_simplified) that lie in paragraphs aligned with
    some paragraph of another source, in long form (source, aligned_with, share), nonzero only:
    it grows with the aligned pairs, not with the square of the number of sources."""
    order = {s: i for i, s in enumerate(dict.fromkeys(paragraphs["source_id"]))}
    by_id = paragraphs.set_index("paragraph_id")
    length = by_id["text_simplified"].str.len()
    total = length.groupby(by_id["source_id"]).sum()
    links = pd.concat(
        [
            pairs[["paragraph_a", "source_a", "source_b"]].set_axis(
                ["pid", "source", "other"], axis=1
            ),
            pairs[["paragraph_b", "source_b", "source_a"]].set_axis(
                ["pid", "source", "other"], axis=1
            ),
        ]
    ).drop_duplicates(["pid", "other"])
    links["chars"] = links["pid"].map(length)
    shared = links.groupby(["source", "other"])["chars"].sum().reset_index()
    shared["share"] = shared["chars"] / shared["source"].map(total)
    shared = shared.sort_values(["source", "other"], key=lambda col: col.map(order)).reset_index(
        drop=True
    )
    return shared[["source", "other", "share"]].rename(columns={"other": "aligned_with"})


def source_similarity(paragraphs: pd.DataFrame, pairs: pd.DataFrame) -> pd.DataFrame:
    """source_overlap as a sources × sources matrix (rows and columns in input order; the
    diagonal left empty), for a small corpus's heatmap."""
    order = list(dict.fromkeys(paragraphs["source_id"]))
    long = source_overlap(paragraphs, pairs)
    table = long.pivot(index="source", columns="aligned_with", values="share")
    table = table.reindex(index=order, columns=order).fillna(0.0)
    for s in order:
        table.loc[s, s] = np.nan
    table.index.name, table.columns.name = "source", "aligned_with"
    return table
