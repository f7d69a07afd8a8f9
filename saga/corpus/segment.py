"""Word segmentation with jieba and the project lexicon, quiet on stderr and safe in workers.

jieba cuts a text block by block: it splits the text at every character outside its block
pattern (punctuation, spaces) and segments each block on its own. `tokenize` does the same and
remembers each block's words, so a clause seen before (wire copy, reposts, stock phrases,
names) is not segmented again; the tokens are exactly `jieba.lcut(text)`'s.
"""

from __future__ import annotations

import hashlib
import logging
import unicodedata
import warnings
from functools import cache, lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from saga.corpus.store import rows_of
from saga.paths import lexicon_dir, processed_dir, project_root

_state: dict[str, object] = {"root": None, "stopwords": frozenset()}
BLOCK_CACHE = 1 << 18  # distinct blocks remembered per process (a block averages ~8 chars)


def _jieba():
    """The jieba module, imported with its import-time warnings (pkg_resources, escapes) muted."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import jieba
    jieba.setLogLevel(logging.WARNING)
    return jieba


def init_jieba(root: Path | None = None) -> None:
    """Load the user dictionary and stopwords once per process (call it in each pool worker).

    Without root, the first initialisation stands; jieba's dictionary cache goes to
    data/processed/.cache/, not the shared system temp dir.
    """
    if root is None and _state["root"] is not None:
        return
    root = Path(root or project_root()).resolve()
    if _state["root"] == root:
        return
    jieba = _jieba()
    cache = processed_dir(root) / ".cache"
    cache.mkdir(parents=True, exist_ok=True)
    jieba.dt.tmp_dir = str(cache)
    jieba.dt.initialize()
    jieba.load_userdict(str(lexicon_dir(root) / "userdict.txt"))
    words = (lexicon_dir(root) / "stopwords.txt").read_text(encoding="utf-8").splitlines()
    _state["stopwords"] = frozenset(w.strip() for w in words if w.strip() and w[0] != "#")
    _state["root"] = root
    _block_words.cache_clear()  # another user dictionary may cut blocks differently


def dictionary_key() -> str:
    """Digest of what jieba's tables are built from here: its version, our user dictionary
    and stopwords (a key for tables derived from them and cached on disk)."""
    init_jieba()
    root = lexicon_dir(_state["root"])  # type: ignore[arg-type]
    digest = hashlib.sha256(_jieba().__version__.encode())
    for name in ("userdict.txt", "stopwords.txt"):
        digest.update(b"\0" + (root / name).read_bytes())
    return digest.hexdigest()


def cache_dir() -> Path:
    """Where jieba keeps its dictionary cache (data/processed/.cache), for tables like it."""
    init_jieba()
    return Path(_jieba().dt.tmp_dir)


def stopwords(root: Path | None = None) -> frozenset[str]:
    """The project stopwords (data/lexicon/stopwords.txt)."""
    init_jieba(root)
    return _state["stopwords"]  # type: ignore[return-value]


@cache
def is_word(token: str) -> bool:
    """False for tokens made only of whitespace, punctuation or symbols."""
    return any(unicodedata.category(c)[0] in "LN" for c in token)


@lru_cache(maxsize=BLOCK_CACHE)
def _block_words(block: str) -> tuple[str, ...]:
    return tuple(t for t in _jieba().lcut(block) if is_word(t))


def tokenize(text: str) -> list[str]:
    """jieba tokens of simplified text, without whitespace and punctuation tokens."""
    init_jieba()
    blocks = _jieba().re_han_default.split(text)
    return [w for block in blocks if block for w in _block_words(block)]


def tokens_table(paragraphs: pd.DataFrame) -> pd.DataFrame:
    """One row per token of text_simplified: paragraph_id, source_id, i (0-based), token."""
    pids, sids, index, tokens = [], [], [], []
    columns = ("paragraph_id", "source_id", "text_simplified")
    for pid, sid, text in rows_of(paragraphs, list(columns)):
        words = tokenize(text)
        pids += [pid] * len(words)
        sids += [sid] * len(words)
        index += range(len(words))
        tokens += words
    return pd.DataFrame(
        {
            "paragraph_id": pids,
            "source_id": sids,
            "i": np.array(index, dtype=np.int64),
            "token": tokens,
        }
    )
