"""Script conversion (OpenCC t2s) and script detection, so analysis runs on one script."""

from __future__ import annotations

import re
from functools import cache

HAN = re.compile(r"[\u3400-\u9fff]")
TRADITIONAL_SHARE = 0.03


@cache
def _converter():
    import opencc

    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Simplified-script copy of text (OpenCC t2s); simplified input comes back unchanged."""
    return _converter().convert(text)


def detect_script(text: str) -> str:
    """'traditional' when more than 3% of Han characters change under t2s, else 'simplified'."""
    han = HAN.findall(text)
    if not han:
        return "simplified"
    converted = to_simplified("".join(han))
    changed = sum(a != b for a, b in zip(han, converted, strict=False))
    return "traditional" if changed / len(han) > TRADITIONAL_SHARE else "simplified"
