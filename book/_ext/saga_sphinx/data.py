"""Data for the extension, read through saga (paths, store, labels): processed tables (a table
not built yet is None, so the directive warns instead of crashing; text made plain, so no
control character from a source reaches the HTML) and the paragraph and teaser indexes
behind the citations."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

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
    """A processed table as a pandas frame, or None when it is not built yet. Read and made
    plain once per build while the file is unchanged (every appendix page and {corpus} role
    asks again: read each time, the appendix cost the square of the corpus), kept on the
    application, not the environment, so no table is pickled with it; each caller gets its own
    frame (a shallow copy) to add columns to."""
    root = data_root(env)
    path = processed_dir(root) / f"{name}.parquet"
    if docname_dep:
        env.note_dependency(str(path))
    if not path.is_file():
        return None

    def make() -> Any:
        table = read_processed(name, root)
        for column in table.columns:
            if is_string_dtype(table[column]):
                table[column] = table[column].map(lambda v: plain(v) if isinstance(v, str) else v)
        return table

    return kept_while_unchanged(env.app, f"table {path}", [path], make).copy(deep=False)


def kept_while_unchanged(holder, name: str, paths: list[Path], make: Callable[[], Any]) -> Any:
    """make(), computed once and kept on holder under name while the files at paths keep their
    modification times: once per build, not once per page or role. On the environment it is
    pickled with it for the next build; on the application it lasts this build only."""
    stamp = tuple((str(p), p.stat().st_mtime_ns if p.is_file() else None) for p in paths)
    kept = holder.__dict__.setdefault("_saga_kept", {})
    if name not in kept or kept[name][0] != stamp:
        kept[name] = (stamp, make())
    return kept[name][1]


def paragraph_index(env) -> dict[str, tuple[str, int]]:
    """paragraph_id -> (label, n), kept per build on the environment."""
    path = processed_dir(data_root(env)) / "paragraphs.parquet"

    def make() -> dict[str, tuple[str, int]]:
        if not path.is_file():
            return {}
        import pandas as pd

        df = pd.read_parquet(path, columns=["paragraph_id", "label", "n"])  # not the texts
        return {
            str(p): (str(lab), int(n))
            for p, lab, n in zip(df["paragraph_id"], df["label"], df["n"], strict=True)
        }

    return kept_while_unchanged(env, "paragraph index", [path], make)


def teaser_index(env) -> dict[str, tuple[str, int, str]]:
    """teaser_id -> (label, n, date) from the related table (page chrome, cited apart), kept
    per build on the environment (each {teaser} role asks for it); the citing page depends on
    both tables."""
    folder = processed_dir(data_root(env))
    paths = [folder / "related.parquet", folder / "sources.parquet"]
    for path in paths:
        env.note_dependency(str(path))

    def make() -> dict[str, tuple[str, int, str]]:
        related, sources = read_table(env, "related"), read_table(env, "sources")
        if related is None or sources is None:
            return {}
        labels = label_map(sources)
        columns = ["teaser_id", "source_id", "n", "date"]
        return {
            str(t): (labels[str(s)], int(n), str(d))
            for t, s, n, d in zip(*(related[c] for c in columns), strict=True)
        }

    return kept_while_unchanged(env, "teaser index", paths, make)
