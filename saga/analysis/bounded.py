"""Per-source tables that stay readable at any corpus size: at most ``top`` source rows, the
rest merged into one row, so no chart or table grows one row per source without bound."""

from __future__ import annotations

import pandas as pd

TOP = 12


def top_rows(matrix: pd.DataFrame, top: int = TOP, agg: str = "sum", rank: bool = False):
    """The first ``top`` rows (or, with ``rank``, the ``top`` with the largest row totals, in
    their original order) plus one row "N other sources" holding the rest's sum or mean."""
    if len(matrix) <= top:
        return matrix
    if rank:
        totals = matrix.sum(axis=1, numeric_only=True)
        chosen = set(totals.sort_values(ascending=False, kind="stable").index[:top])
        keep = [r for r in matrix.index if r in chosen]
    else:
        keep = list(matrix.index[:top])
    rest = matrix.drop(index=keep)
    merged = rest.sum() if agg == "sum" else rest.mean()
    name = f"{len(rest)} other sources"
    return pd.concat([matrix.loc[keep], merged.to_frame(name).T.astype(matrix.dtypes.iloc[0])])


def top_sources(table: pd.DataFrame, top: int = TOP) -> pd.DataFrame:
    """A one-row-per-source table (label first) cut to ``top`` rows plus one summary row:
    "N other sources", numeric columns summed, other columns left empty."""
    if len(table) <= top:
        return table
    rest = table.iloc[top:]
    row = {c: rest[c].sum() if pd.api.types.is_numeric_dtype(rest[c]) else "" for c in table}
    row[table.columns[0]] = f"{len(rest)} other sources"
    return pd.concat([table.iloc[:top], pd.DataFrame([row])], ignore_index=True)
