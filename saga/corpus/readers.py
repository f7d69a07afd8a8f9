"""Reading the files people edit (CSV, YAML, regular expressions): a broken file is one
SagaError line naming the file, the line when known, and what to do; never a traceback."""

from __future__ import annotations

import csv
import io
import re
from functools import lru_cache
from pathlib import Path

import pandas as pd
import yaml

from saga.errors import SagaError


def read_text(path: Path) -> str:
    """A hand-edited file's UTF-8 text (a BOM is accepted)."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise SagaError(f"{path}: missing; restore it from git") from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise SagaError(f"{path} line {line}: not UTF-8; save the file as UTF-8") from None


def read_csv(path: Path, columns: list[str] | None = None) -> pd.DataFrame:
    """A hand-made CSV, every cell a string (blank lines skipped), checked row by row: each
    row has the header's number of fields, quotes balance, and the header has `columns`."""
    reader = csv.reader(io.StringIO(read_text(path), newline=""), strict=True)
    rows: list[list[str]] = []
    try:
        header = next(reader, None)
        if not header:
            raise SagaError(f"{path}: empty; it needs at least its header line")
        for row in reader:
            if not row:
                continue
            if len(row) != len(header):
                raise SagaError(
                    f"{path} line {reader.line_num}: {len(row)} fields, the header has "
                    f"{len(header)}; put a cell that holds a comma in double quotes"
                )
            rows.append(row)
    except csv.Error as exc:
        raise SagaError(
            f"{path} line {reader.line_num}: {exc}; check the quotes "
            '(a cell in quotes must end with one, and a " inside it is written "")'
        ) from None
    if missing := [c for c in columns or [] if c not in header]:
        raise SagaError(
            f"{path}: missing column(s) {', '.join(missing)}; the header needs {','.join(columns)}"
        )
    return pd.DataFrame(rows, columns=header)


def read_yaml(path: Path) -> dict:
    """A hand-edited YAML file whose top level is a mapping."""
    return parse_yaml(read_text(path), path)


def parse_yaml(text: str, path: Path) -> dict:
    """The text of a hand-edited YAML file (path names it in errors); a mapping at the top."""
    try:
        spec = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" line {mark.line + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or "cannot be parsed"
        raise SagaError(
            f"{path}{where}: not valid YAML ({problem}); check its indentation and quotes"
        ) from None
    if not isinstance(spec, dict):
        raise SagaError(f"{path}: expected a mapping of names to entries; see data/README.md")
    return spec


def compile_pattern(pattern: object, path: Path, text: str) -> re.Pattern[str]:
    """One regular expression from a YAML file; `text` (the file) locates its line."""
    where = next(
        (f" line {n}" for n, line in enumerate(text.splitlines(), 1) if str(pattern) in line),
        "",
    )
    try:
        return re.compile(str(pattern))
    except re.error as exc:
        raise SagaError(
            f"{path}{where}: {pattern!r} is not a valid regular expression ({exc.msg}); "
            "fix it, and write it in single quotes"
        ) from None


def initials(alternation: str) -> str:
    """The first characters of the literal branches of a regex alternation ("说|表示|称"),
    escaped for a character class: a lookahead (?=[…]) on them in front of the alternation lets
    the regex engine skip most positions of a text at once."""
    return re.escape("".join(sorted({w[0] for w in alternation.split("|") if w[:1] not in "[("})))


@lru_cache(maxsize=64)
def any_word(words: tuple[str, ...]) -> re.Pattern[str] | None:
    """One regex for any of words (None for none), longest first: its first match is the
    earliest word in a text, the longest where several start together (one scan, not one per
    word)."""
    ordered = sorted({w for w in words if w}, key=lambda w: (-len(w), w))
    return re.compile("|".join(map(re.escape, ordered))) if ordered else None
