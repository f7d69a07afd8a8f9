"""Views of who reports what for chapters 3 and 4: the claim grid with sources that have no
stances yet shown as "not yet annotated" (never as silent) and at most ``top`` source
columns, the claims table, and the alt texts of the timeline and the grid."""

from __future__ import annotations

import numpy as np
import pandas as pd

from saga.labels import label_map
from saga.present.premises import listed

NOT_ANNOTATED = "not yet annotated"


def annotated_sources(claims: pd.DataFrame, stances: pd.DataFrame, sources) -> list[str]:
    """Labels of the sources with at least one stance on these claims, manifest order."""
    have = set(stances.loc[stances["claim_id"].isin(set(claims["claim_id"])), "source_id"])
    return [lab for sid, lab in label_map(sources).items() if sid in have]


def bounded_grid(grid: pd.DataFrame, annotated: list[str], top: int = 12) -> pd.DataFrame:
    """A claim_source_grid cut to a readable width: the annotated sources (the ``top`` with
    most non-silent cells, manifest order kept), one column "N other sources" for the rest
    (-1 if any contradicts, else 1 if any supports, else 0), and one all-NaN column counting
    the sources not yet annotated."""
    ann = grid[[c for c in grid.columns if c in set(annotated)]]
    if ann.shape[1] > top:
        busy = ann.ne(0).sum().sort_values(ascending=False, kind="stable").index[:top]
        keep = [c for c in ann.columns if c in set(busy)]
        rest = ann.drop(columns=keep)
        ann = ann[keep].assign(
            **{f"{rest.shape[1]} other sources": np.where(
                rest.eq(-1).any(axis=1), -1, np.where(rest.eq(1).any(axis=1), 1, 0)
            )}
        )  # fmt: skip
    out = ann.astype(float)
    n_missing = len(grid.columns) - len(annotated)
    if n_missing:
        out[f"{n_missing} {NOT_ANNOTATED}"] = np.nan
    out.index.name, out.columns.name = grid.index.name, grid.columns.name
    return out


def claims_table(tally: pd.DataFrame, sources, annotated: list[str]) -> pd.DataFrame:
    """The claims tally as shown: stances as short lists of labels, and the sources not yet
    annotated named as such (never counted among the silent)."""
    missing = [lab for lab in label_map(sources).values() if lab not in set(annotated)]
    return pd.DataFrame(
        {
            "claim": tally["claim_id"],
            "what it says": tally["claim_en"],
            "supports": tally["supports"].map(listed),
            "contradicts": tally["contradicts"].map(listed),
            "silent": tally["silent"].map(listed),
            NOT_ANNOTATED: len(tally) * [listed(missing)],
            "supporting witnesses": tally["n_support_witnesses"],
        }
    )


def claims_alt(tally: pd.DataFrame, theme_name: str) -> str:
    """Alt text of a claim grid: each claim with the sources on either side."""
    return f"Grid of {theme_name} claims by source: " + "; ".join(
        f"{r.claim_id}: supported by {', '.join(r.supports) or 'none'}; "
        f"contradicted by {', '.join(r.contradicts) or 'none'}"
        for r in tally.itertuples()
    )


def timeline_alt(timeline: pd.DataFrame, theme_name: str) -> str:
    """Alt text of an events timeline: date, event and the sources behind it."""
    return f"Timeline of the {theme_name} events with their independent witnesses: " + "; ".join(
        f"{e.date} {e.event_id}: {e.n_witnesses} witness(es)"
        + (f" ({', '.join(e.supporting_sources)})" if e.supporting_sources else "")
        for e in timeline.itertuples()
    )


def timeline_labels(timeline: pd.DataFrame) -> pd.DataFrame:
    """The timeline with a ``what`` column for the chart: the event id, marked when its date
    comes from an outside document."""
    return timeline.assign(
        what=[e + (" (outside date)" if x else "") for e, x in zip(
            timeline["event_id"], timeline["external"], strict=True
        )]
    )  # fmt: skip


def counts_alt(table, what: str) -> str:
    """Alt text of a stacked bar of counts per source (rows) and kind (columns)."""
    return f"Stacked bars of {what} per source: " + "; ".join(
        f"{row}: " + ", ".join(f"{k} {int(n)}" for k, n in r.items()) for row, r in table.iterrows()
    )


def spaced(ids) -> list[str]:
    """Annotation ids as chart labels: 'altman-removed' -> 'altman removed'."""
    return [str(i).replace("-", " ") for i in ids]
