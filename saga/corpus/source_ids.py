"""Readable, stable source ids: the outlet in pinyin or Latin words, then the date."""

from __future__ import annotations

import re
import unicodedata

from saga.corpus.script import HAN

MARKUP = re.compile(r"<[^>]*>|&[#\w]+;")
WORD = re.compile(r"[a-z0-9]+")
MAX_OUTLET = 32


def outlet_slug(outlet: str) -> str:
    """'新浪科技 (repost)' -> 'xinlangkeji-repost': each Han run in pinyin, Latin words as is."""
    from pypinyin import Style, lazy_pinyin

    text = unicodedata.normalize("NFKC", MARKUP.sub("", outlet))
    spaced = re.sub(
        f"{HAN.pattern}+",
        lambda m: f" {''.join(lazy_pinyin(m.group(), style=Style.NORMAL))} ",
        text,
    )
    ascii_text = unicodedata.normalize("NFKD", spaced).encode("ascii", "ignore").decode().lower()
    words, size = [], 0
    for word in WORD.findall(ascii_text):
        if size + len(word) > MAX_OUTLET:
            if not words:
                words.append(word[:MAX_OUTLET])
            break
        words.append(word)
        size += len(word) + 1
    return "-".join(words)


def make_source_id(outlet: str, published: str, taken: set[str]) -> str:
    """outlet slug + date ('src' when the outlet has no letters), with -2, -3 … if taken."""
    base = f"{outlet_slug(outlet) or 'src'}-{published}"
    candidate, k = base, 2
    while candidate in taken:
        candidate, k = f"{base}-{k}", k + 1
    return candidate
