"""Alt texts of the book's figures, one helper per kind of chart: a table of values (bars,
heatmaps), a series of values (one bar per label), a stance grid, an events timeline, a
network. Each says in words what the figure shows."""

from __future__ import annotations

import pandas as pd


def alt_rows(frame: pd.DataFrame, fmt: str = "{:g}", zeros: bool = False) -> str:
    """A chart of a table: "row: column value, …; row: …" (values through ``fmt``; NaN cells
    and, unless ``zeros``, zero cells left out; "none" for a row without any)."""
    return "; ".join(
        f"{idx}: "
        + (
            ", ".join(
                f"{col} {fmt.format(val)}"
                for col, val in row.items()
                if val == val and (zeros or val)
            )
            or "none"
        )
        for idx, row in frame.iterrows()
    )


def alt_pairs(values: pd.Series, fmt: str = "{:g}", sep: str = " ") -> str:
    """A chart of one value per label: "label value; label value" (values through ``fmt``)."""
    return "; ".join(f"{k}{sep}{fmt.format(v)}" for k, v in values.items())


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


def timeline_alt(timeline: pd.DataFrame, theme_name: str, names: dict | None = None) -> str:
    """An events timeline: date, event (its short name from ``names`` when it has one), the
    independent witnesses, the sources behind it and those that tell it differently."""
    names = names or {}
    return f"Timeline of the {theme_name} events with their independent witnesses: " + "; ".join(
        f"{e.date} {names.get(e.event_id, e.event_id)}: {e.n_witnesses} witness(es)"
        + (f" ({', '.join(e.supporting_sources)})" if e.supporting_sources else "")
        + (f", told differently by {', '.join(e.contradicting_sources)}" if e.contradicted else "")
        for e in timeline.itertuples()
    )


LINKS = 20  # links a network's alt text names; a screen reader reads no further anyway


def network_alt(edges: pd.DataFrame, top: int = LINKS) -> str:
    """A co-occurrence network: its first ``top`` links (edges come strongest first) with
    their paragraphs and independent witnesses, then how many more there are (a large corpus
    links hundreds of pairs: 393 at 300 sources, a 21 kB alt text)."""
    named = "; ".join(
        f"{r.source}–{r.target} ({r.weight} paragraphs, {r.n_witnesses} witnesses)"
        for r in edges.iloc[:top].itertuples()
    )
    return named + (f"; and {len(edges) - top} weaker links" if len(edges) > top else "")
