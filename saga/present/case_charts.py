"""The lawsuit chapter's view of the case: its course against the corpus's publication
months (one bar per month, however many sources), its steps as a table, its events beside
the teasers on the suit, and S3's GPU figures as bars."""

from __future__ import annotations

import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from saga.present.charts import label_right
from saga.present.premises import listed
from saga.present.style import PALETTE, finish, new_figure


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


def case_table(steps: pd.DataFrame) -> pd.DataFrame:
    """The case's steps for display, the sources as short lists."""
    return steps.assign(
        could_know=[listed(x) or "none" for x in steps["could_know"]],
        tells=[listed(x) or "—" for x in steps["tells"]],
    )[["date", "step_id", "court", "summary_en", "bib", "sureness", "could_know", "tells"]]


def events_and_teasers(timeline: pd.DataFrame, teasers: pd.DataFrame) -> pd.DataFrame:
    """One timeline frame (date, event, n) of the events (n: independent witnesses) and the
    teasers (n = 0, labelled "S2 teaser: " and the teaser's first ten characters)."""
    events = pd.DataFrame(
        {"date": timeline["date"], "event": timeline["event_id"], "n": timeline["n_witnesses"]}
    )
    trail = pd.DataFrame(
        {
            "date": teasers["date"],
            "event": teasers["label"] + " teaser: " + teasers["text"].str[:10] + "…",
            "n": 0,
        }
    )
    return pd.concat([events, trail], ignore_index=True)


def gpu_bars(gpu: pd.DataFrame) -> pd.Series:
    """The GPU figures (saga.records.gpu_figures) as bars: "what (¶n)" -> number of GPUs."""
    return pd.Series(
        list(gpu["gpus"]),
        index=[
            f"{w} (¶{p.rsplit('-', 1)[1]})"
            for w, p in zip(gpu["what"], gpu["paragraph_id"], strict=True)
        ],
    )
