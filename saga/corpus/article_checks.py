"""Checks on one article offered to `saga add`: the file, its text, its script and metadata.

Each check returns the cleaned value or raises SagaError with one line saying what to do.
"""

from __future__ import annotations

import re
import stat
import unicodedata
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

from saga.corpus.script import HAN, detect_script, to_simplified
from saga.errors import SagaError

MAX_BYTES = 20_000_000
SYSTEM_DIRS = (Path("/proc"), Path("/sys"), Path("/dev"))
PROJECT_DIRS = ("data", "book", "notebooks", "saga", "_build", ".git", ".venv")
BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
MIN_HAN_SHARE = 0.2
MIXED_SHARE = 0.05  # both scripts' own characters above this share of Han characters


def read_article(path: Path, root: Path) -> bytes:
    """The bytes of a regular file outside the project's own folders, at most MAX_BYTES."""
    try:
        info = path.stat()
    except (FileNotFoundError, NotADirectoryError):
        raise SagaError(f"{path}: no such file; check the path") from None
    if stat.S_ISDIR(info.st_mode):
        raise SagaError(f"{path}: is a directory; give one article file (or --from LIST.csv)")
    resolved = path.resolve()
    if not stat.S_ISREG(info.st_mode) or any(resolved.is_relative_to(d) for d in SYSTEM_DIRS):
        raise SagaError(
            f"{path}: not a regular file (device, pipe or system file); give a text file"
        )
    if any(resolved.is_relative_to(root.resolve() / d) for d in PROJECT_DIRS):
        raise SagaError(f"{path}: one of the project's own files; give an article from outside")
    if info.st_size > MAX_BYTES:
        raise SagaError(
            f"{path}: {info.st_size / 1e6:.0f} MB is too large for one article (limit 20 MB)"
        )
    return path.read_bytes()


def screen_text(text: str, name: str) -> tuple[str, int]:
    """The text without bidi controls (and how many were removed); refuses binary data."""
    if m := CONTROL.search(text):
        line = text.count("\n", 0, m.start()) + 1
        raise SagaError(
            f"{name}:{line}: control character U+{ord(m.group()):04X}; binary data, not a text "
            "article (check the file and --encoding)"
        )
    return BIDI_CONTROLS.subn("", text)


def screen_field(value: str, flag: str) -> str:
    """A one-line metadata value (title, outlet …): stripped, bidi controls removed, not empty."""
    value = BIDI_CONTROLS.sub("", value).strip()
    if CONTROL.search(value) or "\n" in value or "\r" in value:
        raise SagaError(f"{flag}: control characters or line breaks; give one plain line")
    if not value:
        raise SagaError(f"{flag} must not be empty")
    return value


def check_han_share(text: str, name: str) -> None:
    """Refuse text whose letters are mostly not Han characters (the book reads Chinese)."""
    letters = sum(1 for ch in text if unicodedata.category(ch).startswith("L"))
    han = len(HAN.findall(text))
    if letters == 0 or han / letters < MIN_HAN_SHARE:
        share = 0 if letters == 0 else round(100 * han / letters)
        raise SagaError(
            f"{name}: only {share}% of its letters are Chinese characters (need 20%); "
            "this book reads Chinese-language sources"
        )


@cache
def _to_traditional():
    import opencc

    return opencc.OpenCC("s2t")


def script_of_text(text: str) -> str:
    """'mixed' when both scripts' own characters are common, else detect_script's verdict."""
    han = "".join(HAN.findall(text))
    if han:
        simp = to_simplified(han)
        trad = _to_traditional().convert(han)
        trad_share = sum(a != b for a, b in zip(han, simp, strict=False)) / len(han)
        simp_share = sum(a != b for a, b in zip(han, trad, strict=False)) / len(han)
        if min(trad_share, simp_share) >= MIXED_SHARE:
            return "mixed"
    return detect_script(text)


def check_url(url: str) -> str:
    """An http(s) URL with a host, or ''."""
    url = url.strip()
    if not url:
        return ""
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc or re.search(r"\s", url):
        raise SagaError(f"url {url!r}: give an http:// or https:// address (or leave it out)")
    return url


def check_original(key: str, bibs: set[str]) -> str:
    """A key of book/references.bib, or ''."""
    key = key.strip()
    if key and key not in bibs:
        raise SagaError(
            f"original {key!r}: not a key in book/references.bib; add the entry there first"
        )
    return key


def title_key(line: str) -> str:
    """A title as compared: NFKC (full/half width), no markup heading marks, no spaces, simplified."""
    text = unicodedata.normalize("NFKC", line).strip().lstrip("#•").strip()
    return to_simplified(re.sub(r"\s+", "", text)).casefold()
