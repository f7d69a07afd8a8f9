"""Character 2- and 3-gram TF-IDF vectors of texts, counted with numpy in chunks (the vectors
saga.corpus.overlap compares), and which n-grams hold a Chinese character."""

from __future__ import annotations

import re

import numpy as np
from scipy import sparse

CHUNK = 1 << 19  # characters counted at a time (memory: about 120 bytes per character)
NON_WORD = re.compile(r"[\W_]+")


def normalise(text: str) -> str:
    """Text without whitespace and punctuation, which translators set differently."""
    return NON_WORD.sub("", text)


def _chunks(lengths: np.ndarray) -> list[tuple[int, int]]:
    """(first, last + 1) text of consecutive runs of about CHUNK characters."""
    ends = np.cumsum(lengths)
    cuts = np.searchsorted(ends, np.arange(CHUNK, ends[-1] if len(ends) else 0, CHUNK), "right")
    bounds = np.unique(np.r_[0, cuts, len(lengths)])
    return list(zip(bounds[:-1].tolist(), bounds[1:].tolist(), strict=True))


def _ngram_codes(texts: np.ndarray, alphabet: np.ndarray | None) -> tuple[np.ndarray, ...]:
    """(text number, code) of every character 2- and 3-gram of texts; a code sorts as its
    n-gram does ('ab' before 'abc' before 'abd'). Without an alphabet: the characters used."""
    lengths = np.fromiter(map(len, texts), np.int64, len(texts))
    chars = np.frombuffer("".join(texts).encode("utf-32-le"), dtype=np.uint32)
    if alphabet is None:
        return (np.unique(chars),)
    c = np.searchsorted(alphabet, chars).astype(np.int64) + 1  # 0: no third character
    base = len(alphabet) + 1
    doc = np.repeat(np.arange(len(texts)), lengths)
    left = np.repeat(np.cumsum(lengths), lengths) - np.arange(len(chars))  # chars to text end
    pair = (c[:-1] * base + c[1:]) * base
    bi, tri = left[:-1] >= 2, left[:-2] >= 3
    codes = np.r_[pair[bi], pair[:-1][tri] + c[2:][tri]]
    return np.r_[doc[:-1][bi], doc[:-2][tri]], codes


def ngram_vectors(texts: np.ndarray) -> tuple[sparse.csr_matrix, np.ndarray]:
    """Char 2- and 3-gram TF-IDF rows (sublinear tf, l2 norm), the same numbers as
    scikit-learn's TfidfVectorizer(analyzer="char", ngram_range=(2, 3), sublinear_tf=True) with
    a preprocessor (no lowercasing) on texts without whitespace, to the last bit or two (row
    norms summed in another order); counted with numpy in chunks, not in a Python loop. Also,
    per column, whether its n-gram holds a Chinese character."""
    lengths = np.fromiter(map(len, texts), np.int64, len(texts))
    chunks = _chunks(lengths)
    if not chunks:
        return sparse.csr_matrix((len(texts), 0)), np.zeros(0, dtype=bool)
    alphabet = np.unique(np.concatenate([_ngram_codes(texts[a:b], None)[0] for a, b in chunks]))
    vocabulary = np.empty(0, dtype=np.int64)
    for a, b in chunks:  # merged chunk by chunk: the chunks' n-grams are never all in memory
        vocabulary = np.union1d(vocabulary, _ngram_codes(texts[a:b], alphabet)[1])
    # counts go straight into arrays sized for every n-gram occurrence, an upper bound of the
    # distinct ones: pages never written are never in memory, and no chunk is copied twice
    bound = int(np.maximum(lengths - 1, 0).sum() + np.maximum(lengths - 2, 0).sum())
    data, indices = np.empty(bound), np.empty(bound, dtype=np.int32)
    indptr, df, at = [np.zeros(1, dtype=np.int64)], np.zeros(len(vocabulary), dtype=np.int64), 0
    for a, b in chunks:
        doc, codes = _ngram_codes(texts[a:b], alphabet)
        counts = sparse.csr_matrix(
            (np.ones(len(codes)), (doc, np.searchsorted(vocabulary, codes))),
            shape=(b - a, len(vocabulary)),
        )
        counts.sum_duplicates()
        df += np.bincount(counts.indices, minlength=len(vocabulary))
        data[at : at + counts.nnz], indices[at : at + counts.nnz] = counts.data, counts.indices
        indptr.append(counts.indptr[1:].astype(np.int64) + at)
        at += counts.nnz
    indptr = np.concatenate(indptr)
    idf = _idf(df, len(texts))
    for a, b in chunks:  # weighed in place, a chunk's rows at a time
        lo, hi = indptr[a], indptr[b]
        _weigh(data[lo:hi], indices[lo:hi], indptr[a : b + 1] - lo, idf)
    vectors = sparse.csr_matrix(
        (data[:at], indices[:at], indptr), shape=(len(texts), len(vocabulary))
    )
    return vectors, _han_columns(vocabulary, alphabet)


def _han_columns(vocabulary: np.ndarray, alphabet: np.ndarray) -> np.ndarray:
    """Whether each n-gram code (as _ngram_codes makes them) holds a Chinese character."""
    base = len(alphabet) + 1
    han = np.r_[False, ((alphabet >= 0x3400) & (alphabet <= 0x9FFF))]  # 0: no third character
    return han[vocabulary // base**2] | han[vocabulary // base % base] | han[vocabulary % base]


def _idf(df: np.ndarray, n: int) -> np.ndarray:
    """scikit-learn's smooth IDF of document frequencies df among n documents."""
    return np.log((n + 1) / (df.astype(float) + 1)) + 1.0


def _weigh(data: np.ndarray, indices: np.ndarray, indptr: np.ndarray, idf: np.ndarray) -> None:
    """Turn the float counts of CSR arrays into sublinear TF-IDF rows with unit l2 norm, in
    place (data may be a view), in the order of scikit-learn's TfidfTransformer steps (the same
    numbers to the last bit)."""
    np.log(data, data)
    data += 1.0
    data *= idf[indices]
    squares = sparse.csr_matrix((data * data, indices, indptr), shape=(len(indptr) - 1, len(idf)))
    norms = np.sqrt(squares @ np.ones(len(idf)))  # summed in row order, as sklearn does
    data /= np.repeat(norms, np.diff(indptr))
