"""Money figures as low–high ranges on a log scale, each witness's figure beside the record:
a vague figure (几百万, "a few million") shows as a pale range, an exact one as a solid bar."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from saga.analysis.money_flows import usd_range
from saga.labels import cite_labels
from saga.present.style import PALETTE, finish, new_figure


def range_rows(
    figures: pd.DataFrame,
    record: pd.DataFrame,
    flow_names: Mapping[str, str],
    paragraph_labels: Mapping[str, str],
) -> pd.DataFrame:
    """Chart rows: one per witness figure (label "S1 ¶3: <flow>"), then one per record row
    (label "Record: <bib>, <date>"). Columns: label, low, high, kind (witness | record)."""
    rows = [
        {
            "label": f"{cite_labels(f.paragraphs.split(';'), paragraph_labels)}: "
            f"{flow_names.get(f.flow, f.flow).lower()}",
            "low": float(f.low),
            "high": float(f.high),
            "kind": "witness",
        }
        for f in figures.itertuples(index=False)
    ] + [
        {
            "label": f"Record: {r.bib}, {r.date}",
            "low": float(r.value_usd),
            "high": float(r.value_usd),
            "kind": "record",
        }
        for r in record.itertuples(index=False)
    ]
    return pd.DataFrame(rows, columns=["label", "low", "high", "kind"])


def range_chart(rows: pd.DataFrame, *, title: str, source: str):
    """Horizontal bars on a log scale: solid to the low end, pale to the high end of a range;
    witnesses blue, the record red."""
    fig, ax = new_figure(9.5, 0.5 * len(rows) + 2.2)
    ys = list(range(len(rows)))[::-1]
    for y, r in zip(ys, rows.itertuples(index=False), strict=True):
        color = PALETTE[1] if r.kind == "record" else PALETTE[0]
        ax.barh([y], [r.high], color=color, alpha=0.35 if r.low != r.high else 1.0)
        ax.barh([y], [r.low], color=color)
        ax.annotate(
            usd_range(r.low, r.high),
            (r.high, y),
            xytext=(4, 0),
            textcoords="offset points",
            va="center",
            fontsize=9,
        )
    ax.set_xscale("log")
    ax.set_xlim(min(rows["low"].min(), 1e6), rows["high"].max() * 20)
    ax.set_yticks(ys, list(rows["label"]))
    ax.set_xlabel("US$, log scale (pale: the range of a vague figure)")
    return finish(fig, title, source)


def range_alt(rows: pd.DataFrame) -> str:
    """Alt text of range_chart: each row's label and its range in US$."""
    return "Horizontal bars on a log scale: " + "; ".join(
        f"{r.label}: {usd_range(r.low, r.high)}" for r in rows.itertuples()
    )
