"""Paragraphs that say the same thing in two sources (shared wording or translation of one
text), from character 2- and 3-gram TF-IDF vectors and their sparse cosine similarity.

Threshold, measured on our body paragraphs: the two independent translations of Semafor's
article (qianjia, semafor-zh) share facts, names and numbers but not wording; counterpart
paragraphs score 0.24 to 0.75. Paragraphs of sources that do not share a text score at most
0.17. THRESHOLD = 0.2 sits in that gap; it also catches Musk's tweet of 2023-02-17, which
unknown-2023-12-04 translates independently again (0.22 and 0.41).

Cost: comparing every text with every other grows with the square of the corpus (an hour at
30,000 sources). Candidates come instead from an inverted index of the rare n-grams (in at
most RARE_DF distinct texts): two texts are compared only if they share one, and a text with
common n-grams too has its CANDIDATES best candidates (by their rare n-grams' part of the
cosine) rescored with the exact cosine. While no n-gram is in more than RARE_DF texts (our
corpus, any corpus of fewer than RARE_DF distinct paragraphs) that is the exact method: every
pair sharing an n-gram is compared, nothing is cut. Beyond, pairs that share only common
n-grams can be missed; `make bench` reports the recall against the exact method.

Names are no shared wording: two paragraphs that both hold Chinese are paired only if they
share an n-gram with a Chinese character in it. Names in Latin script, which any two reports of
the same people share (马斯克（Elon Musk）), once paired a Taiwanese report's lead with the
Semafor translation's title at 0.25; in the edition they made the one such pair, S2's opening
and that title (0.21), and no other.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import sparse

from saga.corpus.ngrams import ngram_vectors, normalise

THRESHOLD = 0.2
MAX_PARTNERS = 10
MAX_NEIGHBOURS = 50  # best similar texts kept per text (5× partners: room for same-source ones)
RARE_DF = 400  # an n-gram in more distinct texts than this proposes no candidates
CANDIDATES = 30  # candidates rescored per text that has common n-grams (3× partners)
BLOCK = 100  # distinct texts per block of the candidate product (memory: block × candidates)
NEAR_SPAN = 2000  # distinct texts per neighbour job of the build's pool
CHUNK_ROWS = 10_000  # distinct texts filtered for rare n-grams at a time


@dataclass
class OverlapIndex:
    """The distinct texts of a corpus, their vectors and the inverted index of rare n-grams."""

    ids: np.ndarray  # paragraph_id per row of the paragraphs
    sources: np.ndarray  # source number per row (numbers, so forked workers comparing them
    # do not write to the pages of shared string objects, which would copy them)
    source_names: np.ndarray  # source_id per source number
    inverse: np.ndarray  # distinct text number per row
    vectors: sparse.csr_matrix  # one row per distinct text
    is_rare: np.ndarray  # per n-gram: in at most rare_df distinct texts
    rare_t: sparse.csr_matrix  # rare n-grams × texts (weights): the inverted index
    common: np.ndarray  # per distinct text: has a common n-gram
    han: np.ndarray  # per n-gram: holds a Chinese character
    has_han: np.ndarray  # per distinct text: holds a Chinese character
    latin_norm: np.ndarray  # per distinct text: the l2 norm of its n-grams without one


def overlap_index(paragraphs: pd.DataFrame, rare_df: int | None = RARE_DF) -> OverlapIndex:
    """Vectors and inverted index of the paragraphs (rare_df None: every n-gram is rare, the
    exact method)."""
    texts = paragraphs["text_simplified"].map(normalise).to_numpy(dtype=object)
    distinct, inverse = np.unique(texts, return_inverse=True)
    del texts
    vectors, han = ngram_vectors(distinct)
    del distinct
    vectors.sort_indices()
    row = np.repeat(np.arange(vectors.shape[0]), np.diff(vectors.indptr))
    is_han = han[vectors.indices]
    has_han = np.bincount(row, weights=is_han, minlength=vectors.shape[0]) > 0
    latin = np.bincount(row, weights=vectors.data**2 * ~is_han, minlength=vectors.shape[0])
    del row, is_han
    df = np.bincount(vectors.indices, minlength=vectors.shape[1])
    is_rare = df <= (rare_df if rare_df is not None else np.inf)
    sources, source_names = pd.factorize(paragraphs["source_id"])
    rare_t, rare_counts = _inverted(vectors, is_rare)
    return OverlapIndex(
        ids=paragraphs["paragraph_id"].to_numpy(),
        sources=sources,
        source_names=np.asarray(source_names, dtype=object),
        inverse=inverse.ravel(),
        vectors=vectors,
        is_rare=is_rare,
        rare_t=rare_t,
        common=rare_counts < np.diff(vectors.indptr),
        han=han,
        has_han=has_han,
        latin_norm=np.sqrt(latin),
    )


def _inverted(vectors: sparse.csr_matrix, is_rare: np.ndarray) -> tuple[sparse.csr_matrix, ...]:
    """(rare n-grams × texts, the rare n-grams per text): the transpose of vectors' rare entries,
    written straight into place from CHUNK_ROWS texts at a time, so neither the rare entries of
    every text nor a transposed copy of them is ever held beside the result."""
    n, width = vectors.shape
    per_gram, per_text = np.zeros(width, dtype=np.int64), np.zeros(n, dtype=np.int64)
    for lo in range(0, n, CHUNK_ROWS):  # first pass: how many entries each n-gram holds
        part = _rare_part(vectors[lo : lo + CHUNK_ROWS], is_rare)
        per_gram += np.bincount(part.indices, minlength=width)
        per_text[lo : lo + part.shape[0]] = np.diff(part.indptr)
    indptr = np.r_[0, np.cumsum(per_gram)]
    data, indices = np.empty(indptr[-1]), np.empty(indptr[-1], dtype=np.int32)
    cursor = indptr[:-1].copy()
    for lo in range(0, n, CHUNK_ROWS):  # second pass: texts in order, so each n-gram's are too
        part = _rare_part(vectors[lo : lo + CHUNK_ROWS], is_rare)
        rows = np.repeat(np.arange(lo, lo + part.shape[0]), np.diff(part.indptr))
        order = np.argsort(part.indices, kind="stable")
        grams = part.indices[order]
        at = cursor[grams] + np.arange(len(grams)) - np.searchsorted(grams, grams)
        data[at], indices[at] = part.data[order], rows[order]
        cursor += np.bincount(part.indices, minlength=width)
    return sparse.csr_matrix((data, indices, indptr), shape=(width, n)), per_text


def _rare_part(rows: sparse.csr_matrix, is_rare: np.ndarray) -> sparse.csr_matrix:
    """The entries of rows whose n-gram is rare (a few rows at a time: a mask over every entry
    of the matrix would be as large as its data)."""
    keep = is_rare[rows.indices]
    return sparse.csr_matrix(
        (rows.data[keep], rows.indices[keep], np.r_[0, np.cumsum(keep)][rows.indptr]),
        shape=rows.shape,
    )


def _cosines(
    vectors: sparse.csr_matrix, a: np.ndarray, b: np.ndarray, weights: np.ndarray | None = None
) -> np.ndarray:
    """Exact cosines of the pairs of rows (a, b), each summed over the shared n-grams in
    vocabulary order as the sparse product sums them: the same numbers to the last bit. With
    weights (one per n-gram), the part of each cosine those n-grams make, so weighted."""
    out = np.empty(len(a))
    weights = np.ones(vectors.shape[1]) if weights is None else weights
    for s in range(0, len(a), 1 << 14):
        both = vectors[a[s : s + (1 << 14)]].multiply(vectors[b[s : s + (1 << 14)]]).tocsr()
        both.sort_indices()
        out[s : s + (1 << 14)] = both @ weights
    return out


def _best(block: sparse.csr_matrix, limit: np.ndarray) -> np.ndarray:
    """Mask of the entries of the rows of block that are among their row's CANDIDATES largest
    (ties by column), in the rows where limit is set; every entry elsewhere."""
    keep = np.ones(block.nnz, dtype=bool)
    for i in np.flatnonzero(limit & (np.diff(block.indptr) > CANDIDATES)):
        lo, hi = block.indptr[i], block.indptr[i + 1]
        values, cols = block.data[lo:hi], block.indices[lo:hi]
        kth = np.partition(values, -CANDIDATES)[-CANDIDATES]
        above = values > kth
        ties = np.flatnonzero(values == kth)
        above[ties[np.argsort(cols[ties])][: CANDIDATES - above.sum()]] = True
        keep[lo:hi] = above
    return keep


def neighbours(
    index: OverlapIndex, lo: int, hi: int, threshold: float = THRESHOLD
) -> dict[int, tuple[list[int], list[float]]]:
    """For each distinct text lo..hi-1, the distinct texts (itself included) at or above
    threshold, best first (ties by number), at most MAX_NEIGHBOURS of them, among those
    sharing a rare n-gram with it (a text with common n-grams: its CANDIDATES best by the rare
    n-grams' part of the cosine, rescored exactly); in blocks, so memory stays bounded."""
    out: dict[int, tuple[list[int], list[float]]] = {}
    common = index.common
    for start in range(lo, hi, BLOCK):
        own = np.arange(start, min(start + BLOCK, hi))
        block = (
            _rare_part(index.vectors[own[0] : own[-1] + 1], index.is_rare) @ index.rare_t
        ).tocsr()
        rows = np.repeat(own, np.diff(block.indptr))
        keep = (rows != block.indices) & _best(block, common[own])
        # each text is its own candidate, rescored below
        rows, cols = np.r_[rows[keep], own], np.r_[block.indices[keep], own]
        data = np.r_[block.data[keep], np.zeros(len(own))]
        del block
        # the rare n-grams' part is the whole cosine unless both texts have common n-grams
        again = (rows == cols) | (common[rows] & common[cols])
        data[again] = _cosines(index.vectors, rows[again], cols[again])
        keep = (data >= threshold) & (data > 0)
        rows, cols, data = rows[keep], cols[keep], data[keep]
        # two Chinese texts that share no Chinese n-gram share names, not wording; a pair whose
        # n-grams without Chinese cannot reach the threshold alone (the product of their norms
        # bounds that part of the cosine) shares Chinese ones, and needs no check
        latin = index.latin_norm[rows] * index.latin_norm[cols]
        check = (rows != cols) & index.has_han[rows] & index.has_han[cols] & (latin >= threshold)
        keep = np.ones(len(rows), dtype=bool)
        keep[check] = _cosines(index.vectors, rows[check], cols[check], index.han) > 0
        rows, cols, data = rows[keep], cols[keep], data[keep]
        order = np.lexsort((cols, -np.round(data, 9), rows))
        rows, cols, data = rows[order], cols[order], data[order]
        if not len(rows):
            continue
        firsts = np.flatnonzero(np.r_[True, rows[1:] != rows[:-1]])
        for first, last in zip(firsts, np.r_[firsts[1:], len(rows)], strict=True):
            last = min(last, first + MAX_NEIGHBOURS)
            out[int(rows[first])] = (cols[first:last].tolist(), data[first:last].tolist())
    return out


def _empty() -> pd.DataFrame:
    columns = ["paragraph_a", "paragraph_b", "source_a", "source_b", "score"]
    return pd.DataFrame({c: pd.Series(dtype=float if c == "score" else object) for c in columns})


def partners(
    index: OverlapIndex,
    lo: int,
    hi: int,
    max_partners: int = MAX_PARTNERS,
    threshold: float = THRESHOLD,
) -> tuple:
    """The partners of every paragraph whose text is one of the distinct texts lo..hi-1: its
    `max_partners` best paragraphs in other sources (ties in input order) among its text's
    neighbours. Arrays (first row, second row, score, row that chose the pair), so spans can
    be searched apart (in a pool's workers) and merged by merge_partners."""
    near = neighbours(index, lo, hi, threshold)
    sources, inverse = index.sources, index.inverse
    by_text = np.argsort(inverse, kind="stable")  # rows grouped by text, in input order
    starts = np.searchsorted(inverse[by_text], np.arange(len(inverse) + 1))
    found: list[tuple[int, int, float, int]] = []
    for row in np.flatnonzero((inverse >= lo) & (inverse < hi)).tolist():
        taken = 0
        for v, score in zip(*near.get(int(inverse[row]), ([], [])), strict=True):
            for other in by_text[starts[v] : starts[v + 1]].tolist():
                if other == row or sources[other] == sources[row]:
                    continue
                found.append((min(row, other), max(row, other), score, row))
                taken += 1
                if taken == max_partners:
                    break
            if taken == max_partners:
                break
    return tuple(np.array(c) for c in zip(*found, strict=True)) if found else ()


def merge_partners(index: OverlapIndex, parts: list[tuple]) -> pd.DataFrame:
    """The pairs found by partners() over spans, in input order of paragraph_a then
    paragraph_b; a pair both its paragraphs chose keeps the score of the later one (the order
    of a search over all rows)."""
    parts = [p for p in parts if p]
    if not parts:
        return _empty()
    a, b, score, chooser = (np.concatenate(c) for c in zip(*parts, strict=True))
    order = np.lexsort((chooser, b, a))
    a, b, score = a[order], b[order], score[order]
    last = np.r_[(a[1:] != a[:-1]) | (b[1:] != b[:-1]), True]
    a, b, score = a[last], b[last], score[last]
    return pd.DataFrame(
        {
            "paragraph_a": index.ids[a],
            "paragraph_b": index.ids[b],
            "source_a": index.source_names[index.sources[a]],
            "source_b": index.source_names[index.sources[b]],
            "score": np.round(score, 6),
        }
    )


def aligned_pairs(
    paragraphs: pd.DataFrame,
    threshold: float = THRESHOLD,
    max_partners: int = MAX_PARTNERS,
    rare_df: int | None = RARE_DF,
) -> pd.DataFrame:
    """Pairs of paragraphs from different sources with cosine similarity >= threshold, in input
    order of paragraph_a then paragraph_b (paragraph_a is always the earlier row).

    Similarity is computed once per distinct text, and each paragraph keeps its
    `max_partners` best partners (ties in input order) among the MAX_NEIGHBOURS distinct texts
    most like it: a text repeated or echoed across many sources (reposts, wire copy) cannot
    make time, memory or output grow with the square of the corpus. rare_df=None compares
    every pair that shares an n-gram (the exact method, quadratic).
    """
    if paragraphs["source_id"].nunique() < 2:
        return _empty()
    index = overlap_index(paragraphs, rare_df)
    n = index.vectors.shape[0]
    return merge_partners(index, [partners(index, 0, n, max_partners, threshold)])


def source_overlap(paragraphs: pd.DataFrame, pairs: pd.DataFrame) -> pd.DataFrame:
    """Share of each source's characters (text_simplified) that lie in paragraphs aligned with
    some paragraph of another source, in long form (source, aligned_with, share), nonzero only:
    it grows with the aligned pairs, not with the square of the number of sources."""
    # sources as numbers in input order, paragraphs as row numbers: no string work per pair
    source, names = pd.factorize(paragraphs["source_id"])
    length = paragraphs["text_simplified"].str.len().to_numpy(dtype=np.int64)
    total = np.bincount(source, weights=length, minlength=len(names))
    row = pd.Index(paragraphs["paragraph_id"])
    a, b = row.get_indexer(pairs["paragraph_a"]), row.get_indexer(pairs["paragraph_b"])
    links = pd.DataFrame(
        {"pid": np.r_[a, b], "source": source[np.r_[a, b]], "other": source[np.r_[b, a]]}
    ).drop_duplicates(["pid", "other"])
    links["chars"] = length[links["pid"].to_numpy()]
    shared = links.groupby(["source", "other"])["chars"].sum().reset_index()
    share = shared["chars"].to_numpy() / total[shared["source"].to_numpy()]
    names = np.asarray(names, dtype=object)
    return pd.DataFrame(
        {
            "source": names[shared["source"].to_numpy()],
            "aligned_with": names[shared["other"].to_numpy()],
            "share": share,
        }
    )


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
