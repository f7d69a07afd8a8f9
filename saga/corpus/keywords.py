"""Keywords per source or per theme: jieba.analyse's TF-IDF and TextRank, computed from the
token table so the text is segmented once, not again for every keyword method and group.

IDF reference: jieba's bundled IDF table (a large general Chinese corpus), not one derived
from our paragraphs. Five sources (about 120 paragraphs, two of them one article) are too few
documents for stable IDF: a word used by one outlet would get the maximum weight for that
reason alone, and the two translations would mask each other's shared vocabulary. Against a
general reference, a keyword is a word this group uses more than ordinary Chinese prose does.
Words missing from that table (most names in our user dictionary) get jieba's median IDF.

TF-IDF is jieba's extract_tags formula exactly. TextRank is jieba's algorithm (co-occurrence
within a window of 5 tokens, jieba's UndirectWeightedGraph ranking, computed with sparse matrices) over our tokens, with each token's
part of speech looked up in jieba's dictionary (plus our user dictionary's tags) instead of
re-running posseg's HMM; words the dictionaries do not know are tagged 'eng' when Latin, else
left out.
"""

from __future__ import annotations

import marshal
import re
import sys
from functools import cache
from typing import NamedTuple

import numpy as np
import pandas as pd

from saga.corpus.segment import cache_dir, dictionary_key, stopwords, tokenize
from saga.corpus.store import write_atomic

COLUMNS = ["group", "method", "rank", "keyword", "weight"]
TEXTRANK_POS = frozenset(("n", "nr", "ns", "nt", "nz", "vn", "v", "eng"))
TEXTRANK_SPAN = 5
DAMPING = 0.85  # jieba's UndirectWeightedGraph.d
DENSE_MAX = 1500  # words in a graph ranked with dense matrices (18 MB at most)
NOT_A_KEYWORD = re.compile(r"[\d\W_]+")
LATIN = re.compile(r"[A-Za-z][A-Za-z0-9.\-]*")


@cache
def _reference() -> tuple[dict[str, float], float, frozenset[str], dict[str, str]]:
    """(IDF table, median IDF, stop words, POS tags) from jieba.analyse and our lexicon, kept
    in jieba's cache folder as one marshal file (0.5 s to load, against 1.7 s to import
    jieba.analyse, which reads its IDF table twice and every dictionary word's tag)."""
    path = cache_dir() / f"saga-keywords-{dictionary_key()[:16]}.marshal"
    try:
        idf, median, stop, tags = marshal.loads(path.read_bytes())
        return idf, median, frozenset(stop), tags
    except (OSError, EOFError, ValueError, TypeError):
        pass
    import jieba.posseg
    from jieba.analyse import default_tfidf

    postok = jieba.posseg.dt
    postok.makesure_userdict_loaded()
    stop = frozenset(default_tfidf.stop_words | set(stopwords()))
    reference = default_tfidf.idf_freq, default_tfidf.median_idf, stop, postok.word_tag_tab
    write_atomic(path, marshal.dumps((*reference[:2], sorted(stop), reference[3])))
    return reference


def preload() -> None:
    """Load jieba's IDF and part-of-speech tables now (before forking workers, which inherit
    them instead of loading them each)."""
    _reference()
    import scipy.linalg  # noqa: F401  (the ranking's solver)


def _tfidf(idf: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """jieba's extract_tags weights: frequency × IDF / total, over candidate words."""
    return counts * idf / counts.sum()


def _pos(word: str, tags: dict[str, str]) -> str:
    return tags.get(word) or ("eng" if LATIN.fullmatch(word) else "x")


def _textrank(codes: np.ndarray, ok: np.ndarray, sort_key: np.ndarray) -> tuple[np.ndarray, ...]:
    """jieba's TextRank over word codes: co-occurrence of allowed words within TEXTRANK_SPAN
    positions; (codes of the ranked words, their scores)."""
    allowed, size = ok[codes], len(ok)
    counted = [  # (earlier, later) word codes as one number, which sorts as the pair does;
        # counted one distance at a time, so a theme of millions of tokens holds one distance's
        # pairs at once, not all four
        np.unique(codes[:-k][m] * size + codes[k:][m], return_counts=True)
        for k in range(1, TEXTRANK_SPAN)
        if len(codes) > k
        for m in [allowed[:-k] & allowed[k:]]
    ]
    if not sum(len(k) for k, _ in counted):  # no two allowed words near each other: no graph
        return np.empty(0, dtype=np.int64), np.empty(0)
    keys, which = np.unique(np.concatenate([k for k, _ in counted]), return_inverse=True)
    weights = np.bincount(which, weights=np.concatenate([n for _, n in counted]))
    return _rank(np.stack(np.divmod(keys, size), axis=1), weights, sort_key)


def _dense_sweep(m: tuple, k: int):
    """One Gauss-Seidel sweep for a small graph, with dense matrices: LAPACK's triangular solve
    called directly (scipy's solve_triangular makes the same call, with checks costing more
    than the solve at these sizes)."""
    from scipy.linalg.lapack import dtrtrs

    full = np.zeros((k, k))
    np.add.at(full, m[:2], m[2])
    system, upper = np.eye(k) - np.tril(full, -1), np.triu(full)
    # system is C-ordered: its transpose is the Fortran-ordered upper triangle LAPACK reads
    return lambda x: dtrtrs(system.T, (1 - DAMPING) + upper @ x, lower=0, trans=1, unitdiag=1)[0]


def _sparse_sweep(m: tuple, k: int):
    """One Gauss-Seidel sweep for a large graph, with sparse matrices (the factor made once)."""
    from scipy import sparse
    from scipy.sparse.linalg import splu

    full = sparse.coo_matrix((m[2], m[:2]), shape=(k, k)).tocsr()
    system = splu((sparse.identity(k) - sparse.tril(full, k=-1)).tocsc(), permc_spec="NATURAL")
    upper = sparse.triu(full, k=0, format="csr")
    return lambda x: system.solve((1 - DAMPING) + upper @ x)


def _rank(
    edges: np.ndarray, weights: np.ndarray, sort_key: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """jieba's UndirectWeightedGraph.rank, with matrices instead of Python loops: the nodes
    (in the order of sort_key, which sorts as their words do) and their scores.

    jieba updates each word's score in place, in sorted word order, for 10 sweeps: a
    Gauss-Seidel sweep of x = (1 - d) + d·M·x, where M[n, m] = w(n, m) / out(m). With M split
    into its strictly lower part L and the rest U (words in sorted order), one sweep is the
    triangular solve (I - L)·x_new = (1 - d) + U·x_old. Scores then scale as jieba scales them.
    """
    nodes = np.unique(edges)
    nodes = nodes[np.argsort(sort_key[nodes], kind="stable")]
    position = np.empty(nodes.max() + 1, dtype=np.int64)
    position[nodes] = np.arange(len(nodes))
    a, b, k = position[edges[:, 0]], position[edges[:, 1]], len(nodes)
    # a self-pair (a == b) adds its weight twice to the diagonal, as jieba's two entries do
    rows, cols, both = np.r_[a, b], np.r_[b, a], np.r_[weights, weights]
    out = np.bincount(rows, weights=both, minlength=k)
    m = (rows, cols, both / out[cols] * DAMPING)
    sweep = _dense_sweep(m, k) if k <= DENSE_MAX else _sparse_sweep(m, k)
    x = np.full(k, 1.0 / k)
    for _ in range(10):  # jieba's 10 sweeps
        x = sweep(x)
    low, high = x.min(), max(x.max(), sys.float_info.min)
    return nodes, (x - low / 10.0) / (high - low / 10.0)


@cache
def _flags(word: str) -> tuple[bool, bool, bool, float]:
    """(TF-IDF candidate, TextRank candidate, may be shown, IDF) of a word, remembered across
    groups.

    jieba's candidate filter: two characters or more, not a stop word (case-insensitive);
    TextRank also wants an allowed part of speech. Numbers and punctuation are never shown."""
    idf, median, stop, tags = _reference()
    candidate = len(word.strip()) >= 2 and word.lower() not in stop
    pos_ok = candidate and _pos(word, tags) in TEXTRANK_POS
    return candidate, pos_ok, not NOT_A_KEYWORD.fullmatch(word), idf.get(word, median)


class Vocabulary(NamedTuple):
    """Per word of a token table: jieba's candidate filters, whether it may be shown, its IDF,
    and its place in sorted order (words are compared as numbers from here on)."""

    words: np.ndarray
    candidate: np.ndarray
    pos_ok: np.ndarray
    shown: np.ndarray
    idf: np.ndarray
    sort_key: np.ndarray


def vocabulary(words: np.ndarray) -> Vocabulary:
    """The Vocabulary of distinct words (an object array)."""
    flags = [_flags(w) for w in words.tolist()]
    candidate, pos_ok, shown = (np.array([f[i] for f in flags], dtype=bool) for i in range(3))
    sort_key = np.empty(len(words), dtype=np.int64)
    sort_key[np.argsort(words, kind="stable")] = np.arange(len(words))
    idf = np.array([f[3] for f in flags], dtype=float)
    return Vocabulary(words, candidate, pos_ok, shown, idf, sort_key)


def _top(codes: np.ndarray, weights: np.ndarray, vocab: Vocabulary, top: int) -> list[tuple]:
    """The `top` largest weights of words that may be shown (ties by word), sorted in Python
    among the few at or above the top-th largest only."""
    shown = vocab.shown[codes]
    codes, weights = codes[shown], weights[shown]
    if len(weights) > top:
        kth = np.partition(weights, len(weights) - top)[len(weights) - top]
        codes, weights = codes[weights >= kth], weights[weights >= kth]
    ranked = sorted(
        zip(vocab.words[codes].tolist(), weights.tolist(), strict=True),
        key=lambda wx: (-wx[1], wx[0]),
    )
    return ranked[:top]


def _keywords(codes: np.ndarray, vocab: Vocabulary, top: int) -> dict[str, list[tuple]]:
    """Top keywords of one sequence of word codes (into vocab) by method."""
    local, present = pd.factorize(codes)  # words in order of first use, as jieba meets them
    counts = np.bincount(local, minlength=len(present))
    keep = vocab.candidate[present]
    tfidf = _tfidf(vocab.idf[present][keep], counts[keep])
    nodes, scores = _textrank(local, vocab.pos_ok[present], vocab.sort_key[present])
    return {
        "tfidf": _top(present[keep], tfidf, vocab, top),
        "textrank": _top(present[nodes], scores, vocab, top),
    }


def keywords_of(tokens: pd.Series, top: int = 15) -> dict[str, list[tuple[str, float]]]:
    """Top keywords of one token sequence by method, without numbers and punctuation."""
    codes, words = pd.factorize(tokens.to_numpy(dtype=object))
    return _keywords(codes, vocabulary(np.asarray(words, dtype=object)), top)


def extract(text: str, top: int = 15) -> dict[str, list[tuple[str, float]]]:
    """Top keywords of one simplified text (segmented with saga.corpus.segment.tokenize)."""
    return keywords_of(pd.Series(tokenize(text), dtype=object), top)


def _marked(position: pd.Index, ids: pd.Series) -> np.ndarray:
    """Mask over position's values: those in ids."""
    found = position.get_indexer(pd.unique(ids))
    mask = np.zeros(len(position), dtype=bool)
    mask[found[found >= 0]] = True
    return mask


def _codes(column: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """(code per row, value per code as an object array) of a column; a categorical one (the
    token table read back with dictionaries) keeps its own, smaller codes."""
    if isinstance(column.dtype, pd.CategoricalDtype):
        return column.cat.codes.to_numpy(), np.asarray(column.cat.categories, dtype=object)
    codes, values = pd.factorize(column)
    return codes, np.asarray(values, dtype=object)


def keywords_table(
    tokens: pd.DataFrame, by: str, themes_df: pd.DataFrame | None = None, top: int = 15
) -> pd.DataFrame:
    """Keywords of each group of the token table (saga.corpus.segment.tokens_table): by='source'
    (source_id) or by='theme' (needs themes_df from saga.corpus.themes.assign_themes; a paragraph's
    tokens count for each of its themes). Tokens keep their paragraph and reading order."""
    codes, words = _codes(tokens["token"])  # once for all groups
    vocab = vocabulary(words)
    if by == "source":
        grouped = (
            (source, codes[rows])
            for source, rows in tokens.groupby("source_id", sort=False).indices.items()
        )
    elif by == "theme":
        if themes_df is None:
            raise ValueError("by='theme' needs themes_df (saga.corpus.themes.assign_themes)")
        # one theme at a time, selected by a mask of paragraph numbers: no joined copy of the
        # whole token table, no string comparisons per token
        paragraph, paragraph_ids = _codes(tokens["paragraph_id"])
        position = pd.Index(paragraph_ids)
        members = themes_df.groupby("theme", sort=False)["paragraph_id"]
        grouped = ((theme, codes[_marked(position, ids)[paragraph]]) for theme, ids in members)
    else:
        raise ValueError(f"by must be 'source' or 'theme', not {by!r}")
    rows = [
        (group, method, rank, word, weight)
        for group, group_codes in grouped
        for method, pairs in _keywords(group_codes, vocab, top).items()
        for rank, (word, weight) in enumerate(pairs, start=1)
    ]
    return pd.DataFrame(rows, columns=COLUMNS)
