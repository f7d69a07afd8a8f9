"""Alt texts of the book's figures, one helper per kind of chart: a table of values (bars,
heatmaps), a stance grid, an events timeline. Each says in words what the figure shows."""

from __future__ import annotations

import pandas as pd


def alt_rows(frame: pd.DataFrame) -> str:
    """A chart of a table: "row: column value, …; row: …" (non-zero, non-NaN cells; "none"
    for a row without any)."""
    return "; ".join(
        f"{idx}: "
        + (", ".join(f"{col} {val:g}" for col, val in row.items() if val and val == val) or "none")
        for idx, row in frame.iterrows()
    )


def stance_alt(grid: pd.DataFrame) -> str:
    """A stance grid (1 / -1 / 0 / NaN): per row, who supports, who contradicts, who is not
    yet annotated."""
    tests = [
        ("supports", lambda v: v == 1),
        ("contradicts", lambda v: v == -1),
        ("not yet annotated", lambda v: v != v),
    ]
    parts = []
    for idx, row in grid.iterrows():
        by = {
            name: [str(c).removesuffix(": not yet annotated") for c, v in row.items() if test(v)]
            for name, test in tests
        }
        parts.append(f"{idx}: " + ", ".join(f"{k} {' '.join(v)}" for k, v in by.items() if v))
    return "; ".join(parts)


def timeline_alt(timeline: pd.DataFrame, theme_name: str) -> str:
    """An events timeline: date, event and the sources behind it."""
    return f"Timeline of the {theme_name} events with their independent witnesses: " + "; ".join(
        f"{e.date} {e.event_id}: {e.n_witnesses} witness(es)"
        + (f" ({', '.join(e.supporting_sources)})" if e.supporting_sources else "")
        for e in timeline.itertuples()
    )
