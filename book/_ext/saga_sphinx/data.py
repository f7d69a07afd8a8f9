"""Data for the extension, read through saga (paths, store, labels): processed tables (a table
not built yet is None, so the directive warns instead of crashing; text made plain, so no
control character from a source reaches the HTML) and the paragraph and teaser indexes
behind the citations."""

from __future__ import annotations

import re
from pathlib import Path

from pandas.api.types import is_string_dtype

from saga.corpus.store import read_table as read_processed
from saga.labels import label_map
from saga.paths import processed_dir, project_root

CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # C0 but tab and newline, DEL, C1


def plain(value) -> str:
    """value as text without control characters (ESC, BEL, ...): they mean nothing in a page
    and some (NUL, ESC) are not even allowed in HTML."""
    return CONTROL.sub("", str(value))


def data_root(env) -> Path:
    """The project the book reads: $SAGA_ROOT, else the book's folder (as in the notebooks)."""
    return project_root(Path(env.app.confdir))


def read_table(env, name: str, docname_dep: bool = True):
    """A processed table as a pandas frame, or None when it is not built yet."""
    root = data_root(env)
    path = processed_dir(root) / f"{name}.parquet"
    if docname_dep:
        env.note_dependency(str(path))
    if not path.is_file():
        return None
    table = read_processed(name, root)
    for column in table.columns:
        if is_string_dtype(table[column]):
            table[column] = table[column].map(lambda v: plain(v) if isinstance(v, str) else v)
    return table


def paragraph_index(env) -> dict[str, tuple[str, int]]:
    """paragraph_id -> (label, n), cached per build on the environment (by file mtime)."""
    path = processed_dir(data_root(env)) / "paragraphs.parquet"
    stamp = path.stat().st_mtime_ns if path.is_file() else None
    cached = getattr(env, "_saga_para_index", None)
    if cached and cached[0] == (str(path), stamp):
        return cached[1]
    index: dict[str, tuple[str, int]] = {}
    if stamp is not None:
        import pandas as pd

        df = pd.read_parquet(path, columns=["paragraph_id", "label", "n"])
        index = {
            str(p): (str(lab), int(n))
            for p, lab, n in zip(df["paragraph_id"], df["label"], df["n"], strict=True)
        }
    env._saga_para_index = ((str(path), stamp), index)
    return index


def teaser_index(env) -> dict[str, tuple[str, int, str]]:
    """teaser_id -> (label, n, date) from the related table (page chrome, cited apart), cached
    per build on the environment like paragraph_index (each {teaser} role asks for it)."""
    folder = processed_dir(data_root(env))
    paths = [folder / "related.parquet", folder / "sources.parquet"]
    for path in paths:
        env.note_dependency(str(path))
    stamp = tuple(p.stat().st_mtime_ns if p.is_file() else None for p in paths)
    cached = getattr(env, "_saga_teaser_index", None)
    if cached and cached[0] == stamp:
        return cached[1]
    related, sources = read_table(env, "related"), read_table(env, "sources")
    index: dict[str, tuple[str, int, str]] = {}
    if related is not None and sources is not None:
        labels = label_map(sources)
        index = {
            str(t): (labels[str(s)], int(n), str(d))
            for t, s, n, d in zip(
                related["teaser_id"],
                related["source_id"],
                related["n"],
                related["date"],
                strict=True,
            )
        }
    env._saga_teaser_index = (stamp, index)
    return index
