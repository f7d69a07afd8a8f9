"""The source manifest (data/sources.csv): loading, validating and appending one row."""

from __future__ import annotations

import csv
import hashlib
import io
import re
from datetime import date
from pathlib import Path

import pandas as pd

from saga.corpus.durable import project_lock, replace_durably
from saga.errors import SagaError
from saga.labels import source_label
from saga.paths import data_dir, raw_dir

COLUMNS = [
    "source_id",
    "file",
    "sha256",
    "title",
    "outlet",
    "published",
    "script",
    "original",
    "url",
    "notes",
]
REQUIRED = ["source_id", "file", "sha256", "title", "outlet", "published", "script"]
SCRIPTS = {"simplified", "traditional", "mixed"}
SOURCE_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
PUBLISHED = re.compile(r"^\d{4}-\d{2}(-\d{2})?$")
EARLIEST = date(1990, 1, 1)


def manifest_path(root: Path | None = None) -> Path:
    return data_dir(root) / "sources.csv"


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def check_published(value: str, where: str) -> str:
    """Accept an ISO date 'YYYY-MM-DD' or, when the day is unknown, 'YYYY-MM', 1990 to today."""
    day = None
    if PUBLISHED.match(value):
        try:
            day = date.fromisoformat(value if len(value) == 10 else value + "-01")
        except ValueError:
            pass
    if day is None:
        raise SagaError(
            f"{where}: bad date {value!r}; use YYYY-MM-DD (or YYYY-MM if the day is unknown)"
        )
    if day < EARLIEST or day > date.today():
        raise SagaError(
            f"{where}: date {value!r} is before 1990 or in the future; give the report's own date"
        )
    return value


def load_manifest(root: Path | None = None, verify_files: bool = True) -> pd.DataFrame:
    """The manifest with `label` (S1, S2, … in row order) and `witness` columns, validated."""
    path = manifest_path(root)
    if not path.is_file():
        raise SagaError(f"{path}: manifest missing; restore data/sources.csv from git")
    with project_lock(path.parent, shared=True):
        df = _read_rows(path)
        _validate(df, path)
        if verify_files:
            _verify_files(df, root)
    df = df[COLUMNS].copy()
    df.insert(1, "label", [source_label(i) for i in range(1, len(df) + 1)])
    df["witness"] = [o or s for o, s in zip(df["original"], df["source_id"], strict=True)]
    return df


def read_csv_rows(path: Path, fix: str) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """Header and (line number, fields) rows of a UTF-8 CSV; a malformed file is one error
    naming the file, the line and `fix` (what to do)."""
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        raise SagaError(f"{path}:{line}: not UTF-8; save the file as UTF-8") from None
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows, start = [], 1
    try:
        for row in reader:
            if row:
                rows.append((start, row))
            start = reader.line_num + 1
    except csv.Error as err:
        raise SagaError(
            f"{path}:{start}: malformed CSV ({err}; a quote left open?); {fix}"
        ) from None
    if not rows:
        raise SagaError(f"{path}: empty file, no header; {fix}")
    header = rows[0][1]
    for line, row in rows[1:]:
        if len(row) != len(header):
            raise SagaError(
                f"{path}:{line}: {len(row)} fields but the header has {len(header)} "
                f"(quote fields that contain commas); {fix}"
            )
    return header, rows[1:]


def _read_rows(path: Path) -> pd.DataFrame:
    header, rows = read_csv_rows(path, "fix it or restore data/sources.csv from git")
    return pd.DataFrame([r for _, r in rows], columns=header, dtype=str)


def _validate(df: pd.DataFrame, path: Path) -> None:
    unknown = [c for c in df.columns if c not in COLUMNS]
    missing = [c for c in COLUMNS if c not in df.columns]
    if unknown or missing:
        parts = [
            f"unknown columns {unknown}" if unknown else "",
            f"missing {missing}" if missing else "",
        ]
        raise SagaError(f"{path}: {'; '.join(p for p in parts if p)}; columns must be {COLUMNS}")
    for i, row in enumerate(df.itertuples(), start=2):
        where = f"{path}:{i}"
        for col in REQUIRED:
            if not getattr(row, col).strip():
                raise SagaError(f"{where}: empty {col}; fill it in")
        if not SOURCE_ID.match(row.source_id):
            raise SagaError(
                f"{where}: source_id {row.source_id!r} must be lowercase a-z, 0-9 and '-'"
            )
        if row.script not in SCRIPTS:
            raise SagaError(f"{where}: script {row.script!r} must be one of {sorted(SCRIPTS)}")
        check_published(row.published, where)
    dupes = sorted(set(df["source_id"][df["source_id"].duplicated()]))
    if dupes:
        raise SagaError(f"{path}: duplicate source_id {dupes}; each source needs its own id")


def _verify_files(df: pd.DataFrame, root: Path | None) -> None:
    folder = raw_dir(root)
    for row in df.itertuples():
        path = folder / row.file
        if not path.is_file():
            raise SagaError(f"{path}: listed in data/sources.csv but missing; restore it from git")
        if sha256(path) != row.sha256:
            raise SagaError(
                f"{path}: checksum does not match data/sources.csv; restore the file from git "
                "(sources are never edited in place)"
            )
    listed = set(df["file"])
    extra = sorted(
        p.name
        for p in folder.iterdir()
        if p.is_file() and not p.name.startswith(".") and p.name not in listed
    )
    if extra:
        raise SagaError(
            f"{folder}: {', '.join(extra)} not in data/sources.csv; add it with `python -m saga add`"
        )


def manifest_bytes(df: pd.DataFrame) -> bytes:
    """CSV bytes of the manifest columns, in the committed format (UTF-8, LF, header)."""
    buf = io.StringIO()
    df[COLUMNS].to_csv(buf, index=False, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    return buf.getvalue().encode("utf-8")


def write_manifest(df: pd.DataFrame, root: Path | None = None) -> None:
    """Replace data/sources.csv atomically and durably; callers hold the project lock."""
    replace_durably(manifest_path(root), manifest_bytes(df))
