"""Per-source views that stay readable at any corpus size: the edition sources and the
busiest others shown one by one, the rest folded into one summary row; stance grids that
tell a source nobody has read ("not yet annotated") from one that is silent.
Functions take frames and read no files."""

from __future__ import annotations

import numpy as np
import pandas as pd

from saga.labels import label_map

TOP = 12
NOT_ANNOTATED = np.nan


def shown_rows(table: pd.DataFrame, keep=(), top: int = TOP) -> list:
    """The index labels to show one by one: those in ``keep`` first (table order), then the
    rows with the largest totals, ``top`` in all."""
    kept = [i for i in table.index if i in set(keep)][:top]
    rest = table.drop(index=kept)
    totals = (
        rest.select_dtypes("number").abs().sum(axis=1).sort_values(ascending=False, kind="stable")
    )
    return kept + list(totals.index[: max(0, top - len(kept))])


def fold_rows(table: pd.DataFrame, keep=(), top: int = TOP, how: str = "sum",
              noun: str = "sources") -> pd.DataFrame:  # fmt: skip
    """``table`` with at most ``top`` rows shown one by one (``shown_rows``) and the others
    folded into one row "N more sources" (their sum or mean, ``how``)."""
    shown = shown_rows(table, keep, top)
    if len(shown) == len(table):
        return table
    rest = table.drop(index=shown)
    folded = getattr(rest, how)(numeric_only=True).to_frame(f"{len(rest)} more {noun}").T
    out = pd.concat([table.loc[shown], folded])
    out.index.name = table.index.name
    return out


def fold_square(matrix: pd.DataFrame, top: int = TOP) -> pd.DataFrame:
    """A source × source matrix (e.g. shares of text) cut to the ``top`` sources with the
    largest values, the others folded into one row and column holding their maximum."""
    if len(matrix) <= top:
        return matrix
    peak = matrix.fillna(0).max(axis=1).sort_values(ascending=False, kind="stable")
    shown = [i for i in matrix.index if i in set(peak.index[:top])]
    rest = [i for i in matrix.index if i not in shown]
    name = f"{len(rest)} more"
    out = matrix.loc[shown, shown].copy()
    out[name] = matrix.loc[shown, rest].max(axis=1)
    out.loc[name] = list(matrix.loc[rest, shown].max(axis=0)) + [float("nan")]
    return out


def stance_grid(claims: pd.DataFrame, stances: pd.DataFrame, sources: pd.DataFrame,
                top: int = TOP) -> tuple[pd.DataFrame, pd.DataFrame]:  # fmt: skip
    """Claims × the first ``top`` sources (manifest order): 1 supports, -1 contradicts,
    0 silent, NaN not yet annotated (no stance recorded). Second frame: for the other
    sources, per claim, how many support, contradict, are silent or not yet annotated
    (empty when every source is shown)."""
    label = label_map(sources)
    ids = [str(s) for s in sources["source_id"]]
    code = {"supports": 1.0, "contradicts": -1.0, "silent": 0.0}
    have = {(c, s): code[v] for c, s, v in zip(stances["claim_id"], stances["source_id"],
                                             stances["stance"], strict=True) if v in code}  # fmt: skip
    claim_ids = list(claims["claim_id"])
    grid = pd.DataFrame(
        [[have.get((c, s), NOT_ANNOTATED) for s in ids[:top]] for c in claim_ids],
        index=claim_ids, columns=[label[s] for s in ids[:top]],
    )  # fmt: skip
    grid.index.name, grid.columns.name = "claim", "source"
    names = {1.0: "supports", -1.0: "contradicts", 0.0: "silent"}
    rest = pd.DataFrame(
        [{"claim": c, **{k: 0 for k in [*names.values(), "not yet annotated"]}} for c in claim_ids]
    ).set_index("claim")
    for c in claim_ids:
        for s in ids[top:]:
            v = have.get((c, s))
            rest.loc[c, names.get(v, "not yet annotated")] += 1
    return grid, rest if len(ids) > top else rest.iloc[0:0]


def event_grid(timeline_grid: pd.DataFrame, sources: pd.DataFrame, stances: pd.DataFrame,
               top: int = TOP) -> tuple[pd.DataFrame, pd.DataFrame]:  # fmt: skip
    """An events × sources grid (saga.analysis.timelines.event_source_grid) cut to the first
    ``top`` sources, with NaN for sources nobody has annotated yet (no claim stance at all):
    their silence is not a reading. Second frame: per event, how many of the other sources
    report it, tell it differently, or are not yet annotated (empty when all are shown)."""
    label = label_map(sources)
    read = {label[s] for s in set(stances["source_id"]) if s in label}
    grid = timeline_grid.astype(float)
    for col in grid.columns:
        if col not in read:
            grid.loc[grid[col] == 0, col] = NOT_ANNOTATED
    others = grid.iloc[:, top:]
    rest = pd.DataFrame(
        {
            "reports": (others == 1).sum(axis=1),
            "differs": (others == -1).sum(axis=1),
            "not yet annotated": others.isna().sum(axis=1),
        }
    )
    return grid.iloc[:, :top], rest if others.shape[1] else rest.iloc[0:0]


def fold_table(table: pd.DataFrame, top: int = TOP, noun: str = "sources") -> pd.DataFrame:
    """A display table with one row per source cut to its first ``top`` rows, plus a row
    "N more sources" (other cells left empty)."""
    if len(table) <= top:
        return table.reset_index(drop=True)
    row = {c: "" for c in table.columns}
    row[table.columns[0]] = f"{len(table) - top} more {noun}"
    return pd.concat([table.iloc[:top].astype(object), pd.DataFrame([row])], ignore_index=True)
