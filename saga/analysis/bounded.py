"""Per-source tables, matrices and grids that stay readable at any corpus size: at most ``top``
sources shown one by one, the rest folded into one summary row or column "N other sources",
so no chart or table grows one row per source without bound. Frames in, frames out."""

from __future__ import annotations

from collections.abc import Callable, Iterable

import numpy as np
import pandas as pd

TOP = 12
FEW = 5  # sources named one by one in a table cell ("S1, S2, S3, S4, S5 and 40 more")


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


def fold_long(table: pd.DataFrame, by: str, top: int = TOP, label: str = "label",
              count: str = "count") -> pd.DataFrame:  # fmt: skip
    """A long table (rows per source ``label`` and ``by`` value, with a ``count``) keeping the
    rows of its first ``top`` sources, in table order, and folding the others' into one row
    per ``by`` value, "N other sources", their counts summed (most first, ties in order of
    first appearance): it grows with the values of ``by``, not with the sources."""
    sources = pd.unique(table[label])
    if len(sources) <= top:
        return table.reset_index(drop=True)
    shown = table[label].isin(sources[:top])
    folded = table[~shown].groupby(by, sort=False)[count].sum()
    folded = folded.sort_values(ascending=False, kind="stable").reset_index()
    folded[label] = others(len(sources) - top)
    return pd.concat([table[shown], folded[table.columns]], ignore_index=True)


def fold_pairs(values: pd.Series, order: list, top: int = TOP) -> pd.DataFrame:
    """The square matrix over ``order`` (rows and columns) of non-negative values given for
    some (row, column) pairs (a Series on a two-level index; an absent pair is 0, the diagonal
    empty), cut to the ``top`` rows with the largest values, the others folded into one row and
    column holding their maximum. Built from the pairs, never as the whole square, which grows
    with the square of the sources (7.2 GB of floats at 30,000)."""
    position = {k: i for i, k in enumerate(order)}
    r = values.index.get_level_values(0).map(position).to_numpy(dtype=float)
    c = values.index.get_level_values(1).map(position).to_numpy(dtype=float)
    keep = ~np.isnan(r) & ~np.isnan(c) & (r != c)
    r, c, v = r[keep].astype(int), c[keep].astype(int), values.to_numpy(dtype=float)[keep]
    n = len(order)
    peak = np.zeros(n)  # each row's largest value (absent pairs are 0)
    np.maximum.at(peak, r, v)
    chosen = np.argsort(-peak, kind="stable")[: min(top, n)]
    shown = np.sort(chosen)
    at = np.full(n, -1)
    at[shown] = np.arange(len(shown))
    square = np.zeros((len(shown), len(shown)))
    inside = (at[r] >= 0) & (at[c] >= 0)
    square[at[r[inside]], at[c[inside]]] = v[inside]
    np.fill_diagonal(square, np.nan)
    labels = [order[i] for i in shown]
    out = pd.DataFrame(square, index=labels, columns=labels)
    out.index.name, out.columns.name = values.index.names
    if n > top:
        name = others(n - top)
        across, down = np.zeros(len(shown)), np.zeros(len(shown))  # every row has a 0 folded
        np.maximum.at(across, at[r[(at[r] >= 0) & (at[c] < 0)]], v[(at[r] >= 0) & (at[c] < 0)])
        np.maximum.at(down, at[c[(at[c] >= 0) & (at[r] < 0)]], v[(at[c] >= 0) & (at[r] < 0)])
        out[name] = across
        out.loc[name] = [*down, np.nan]
    return out
