"""Charts for the lawsuit and synthesis chapters that must stay readable on any corpus:
a stance grid that shows unread sources as "not yet annotated", the case's course against
the corpus's publication months, and a table shown only when some sources were folded."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.colors import ListedColormap
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from saga.present.charts import label_right
from saga.present.premises import listed
from saga.present.style import PALETTE, finish, new_figure
from saga.present.tables import show_table

STATES = [  # code, colour, legend
    (-1, "#d1495b", "differs / contradicts"),
    (0, "#dddddd", "silent"),
    (1, "#1f5f8b", "reports / supports"),
    (2, "#ffffff", "not yet annotated"),
]


def annotated_stance_chart(grid: pd.DataFrame, *, title: str, source: str) -> Figure:
    """A grid of 1 / -1 / 0 / NaN cells (saga.analysis.views.stance_grid or event_grid):
    blue supports, red contradicts, grey silent, white with a dot not yet annotated."""
    codes = grid.to_numpy(dtype=float)
    codes = np.where(np.isnan(codes), 2.0, codes)
    rows, cols = [str(i) for i in grid.index], [str(c) for c in grid.columns]
    width = max(6.5, 0.9 * len(cols) + 0.09 * max((len(r) for r in rows), default=10) + 2.0)
    fig, ax = new_figure(width, max(2.6, 0.42 * len(rows) + 1.9))
    ax.imshow(codes, cmap=ListedColormap([c for _, c, _ in STATES]), vmin=-1.5, vmax=2.5,
              aspect="auto")  # fmt: skip
    ys, xs = np.nonzero(codes == 2.0)
    ax.scatter(xs, ys, s=6, color="#999999")
    ax.set_xticks(range(len(cols)), cols)
    ax.set_yticks(range(len(rows)), rows)
    ax.tick_params(length=0)
    ax.spines[:].set_visible(False)
    ax.set_xticks([x - 0.5 for x in range(1, len(cols))], minor=True)
    ax.set_yticks([y - 0.5 for y in range(1, len(rows))], minor=True)
    ax.grid(which="minor", color="white", linewidth=2)
    ax.tick_params(which="minor", length=0)
    ax.xaxis.tick_top()
    present = set(np.unique(codes))
    handles = [Patch(facecolor=c, edgecolor="#999999", label=t) for v, c, t in STATES
               if v in present]  # fmt: skip
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(0.0, -0.01), ncol=4,
              frameon=False, fontsize=8.5, handlelength=1.2, columnspacing=1.0)  # fmt: skip
    return finish(fig, title, source)


def case_course_chart(steps: pd.DataFrame, months: pd.Series, *, title: str,
                      source: str) -> Figure:  # fmt: skip
    """The case's steps (saga.analysis.case_course.steps_known) on a time axis, coloured by
    how many sources could know them, above a strip of the corpus's sources per month of
    publication (one bar per month, however many sources)."""
    fig, first = new_figure(10.0, 0.36 * len(steps) + 3.2)
    first.remove()
    ax, strip = fig.subplots(2, 1, sharex=True, gridspec_kw={"height_ratios": [4, 1]})
    ys = list(range(len(steps)))[::-1]
    for y, t, n, text in zip(ys, steps["start"], steps["n_could_know"], steps["step_id"],
                             strict=True):  # fmt: skip
        ax.scatter([t], [y], s=50, color=PALETTE[0] if n else PALETTE[1], zorder=3)
        label_right(ax, t, y, f"{text} ({n})", dx=6)
    ax.set_yticks([])
    for side in ("left", "right", "top"):
        ax.spines[side].set_visible(False)
    ax.grid(axis="x", color="#dddddd")
    ax.margins(x=0.18)
    when = pd.to_datetime([f"{m}-15" for m in months.index])
    strip.bar(when, list(months), width=25, color=PALETTE[3])
    strip.set_ylabel("sources\nper month", fontsize=8)
    strip.yaxis.get_major_locator().set_params(integer=True)
    strip.spines[["right", "top"]].set_visible(False)
    handles = [Patch(color=PALETTE[0], label="n sources could know it"),
               Patch(color=PALETTE[1], label="after every source's date (0)")]  # fmt: skip
    ax.legend(handles=handles, loc="lower left", frameon=False, fontsize=8.5)
    return finish(fig, title, source)


def show_folded(rest: pd.DataFrame, filename: str, caption: str):
    """The summary of sources folded out of a view, only when some were folded."""
    if len(rest):
        return show_table(rest.reset_index(), filename, caption)
    return None


def alt_rows(frame: pd.DataFrame) -> str:
    """Alt text for a chart of a table: "row: column value, …; row: …" (non-zero cells)."""
    return "; ".join(
        f"{idx}: " + ", ".join(f"{col} {val:g}" for col, val in row.items() if val and val == val)
        for idx, row in frame.iterrows()
    )


def stance_alt(grid: pd.DataFrame) -> str:
    """Alt text for a stance grid: per row, who supports, who contradicts, who is unread."""
    parts = []
    for idx, row in grid.iterrows():
        by = {
            name: [str(c) for c, v in row.items() if test(v)]
            for name, test in [
                ("supports", lambda v: v == 1),
                ("contradicts", lambda v: v == -1),
                ("not yet annotated", lambda v: v != v),
            ]
        }
        parts.append(f"{idx}: " + ", ".join(f"{k} {' '.join(v)}" for k, v in by.items() if v))
    return "; ".join(parts)


def case_table(steps: pd.DataFrame) -> pd.DataFrame:
    """The case's steps for display, the sources as short lists."""
    return steps.assign(
        could_know=[listed(x) or "none" for x in steps["could_know"]],
        tells=[listed(x) or "—" for x in steps["tells"]],
    )[["date", "step_id", "court", "summary_en", "bib", "sureness", "could_know", "tells"]]
