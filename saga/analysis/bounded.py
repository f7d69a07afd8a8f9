"""Per-source tables, matrices and grids that stay readable at any corpus size: at most ``top``
sources shown one by one, the rest folded into one summary row or column "N other sources",
so no chart or table grows one row per source without bound. Frames in, frames out."""

from __future__ import annotations

from collections.abc import Callable, Iterable

import pandas as pd

TOP = 12


def others(n: int, noun: str = "sources") -> str:
    """The name of the row or column that holds what was folded: "7 other sources"."""
    return f"{n} other {noun}"


def _totals(table: pd.DataFrame) -> pd.Series:
    return table.select_dtypes("number").abs().sum(axis=1)


def shown_rows(table: pd.DataFrame, top: int = TOP, keep: Iterable = (), rank: bool = False):
    """The index labels to show one by one, in table order: those in ``keep`` first, then the
    first other rows (or, with ``rank``, those with the largest numeric totals), ``top`` in all."""
    if len(table) <= top:
        return list(table.index)
    kept = [i for i in table.index if i in set(keep)][:top]
    rest = table.drop(index=kept)
    if rank:
        rest = rest.loc[_totals(rest).sort_values(ascending=False, kind="stable").index]
    chosen = set(kept) | set(rest.index[: top - len(kept)])
    return [i for i in table.index if i in chosen]


def top_rows(table: pd.DataFrame, top: int = TOP, *, keep: Iterable = (), rank: bool = False,
             sort: bool = False, how: str = "sum") -> pd.DataFrame:  # fmt: skip
    """``table`` (one row per source, labels in the index) with at most ``top`` rows shown one
    by one (``shown_rows``; ``sort`` first orders the rows by total, largest first) and the
    others folded into one row "N other sources": the sum or mean (``how``) of each column."""
    if sort:
        table = table.loc[_totals(table).sort_values(ascending=False, kind="stable").index]
    shown = shown_rows(table, top, keep, rank or sort)
    if len(shown) == len(table):
        return table
    rest = table.drop(index=shown)
    folded = getattr(rest, how)(numeric_only=True).to_frame(others(len(rest))).T
    if how == "sum":
        folded = folded.astype(table.dtypes[folded.columns])
    out = pd.concat([table.loc[shown], folded])
    out.index.name = table.index.name
    return out


def top_table(table: pd.DataFrame, top: int = TOP, summary: str | dict[str, Callable] | None = None,
              noun: str = "sources") -> pd.DataFrame:  # fmt: skip
    """A display table (one row per source, label in the first column) cut to its first ``top``
    rows plus one row for the rest: the first column names them ("N other sources"), a column
    of ``summary`` holds its callable applied to the rest ("sum": every numeric column summed),
    other cells stay empty."""
    if len(table) <= top:
        return table.reset_index(drop=True)
    rest = table.iloc[top:]
    if summary == "sum":
        numeric = [c for c in table if pd.api.types.is_numeric_dtype(table[c])]
        summary = {c: (lambda r, c=c: r[c].sum()) for c in numeric}
    row = {c: "" for c in table.columns} | {table.columns[0]: others(len(rest), noun)}
    row |= {c: fn(rest) for c, fn in (summary or {}).items()}
    return pd.concat([table.iloc[:top], pd.DataFrame([row])], ignore_index=True)


def fold_square(matrix: pd.DataFrame, top: int = TOP) -> pd.DataFrame:
    """A source × source matrix (e.g. shares of text) cut to the ``top`` sources with the
    largest values, the others folded into one row and column holding their maximum."""
    if len(matrix) <= top:
        return matrix
    peak = matrix.fillna(0).max(axis=1).sort_values(ascending=False, kind="stable")
    shown = [i for i in matrix.index if i in set(peak.index[:top])]
    rest = [i for i in matrix.index if i not in shown]
    name = others(len(rest))
    out = matrix.loc[shown, shown].copy()
    out[name] = matrix.loc[shown, rest].max(axis=1)
    out.loc[name] = list(matrix.loc[rest, shown].max(axis=0)) + [float("nan")]
    return out
