"""Charts the chapters draw and show the same way, each in one call with its alt text: any
chart of a table told row by row (`show_chart`), a stance grid (every theme chapter), the frame
words each source uses (chapters 3 and 4), one share per source as percentage bars (chapter 6),
bounded with saga.analysis.bounded where the chart has a row per source."""

from __future__ import annotations

import pandas as pd

from saga.analysis.bounded import top_rows
from saga.present.alt_text import alt_rows, stance_alt
from saga.present.charts import barh, stacked_bar, stance_chart
from saga.present.style import show

FRAMES_SOURCE = (
    "data/lexicon/frames.csv counted on data/processed/paragraphs (saga.analysis.framing)"
)


def show_chart(
    draw,
    frame: pd.DataFrame,
    *,
    name: str,
    alt: str,
    alt_fmt: str = "{:g}",
    zeros: bool = False,
    **chart,
) -> None:
    """Draw ``frame`` with ``draw`` (a saga.present.charts function taking a table, e.g.
    heatmap, stacked_bar) and show it; the alt text, after ``alt``, tells the table row by row
    (alt_text.alt_rows with ``alt_fmt`` and ``zeros``)."""
    show(draw(frame, **chart), name=name, alt=alt + alt_rows(frame, alt_fmt, zeros))


def show_stance_grid(
    view: pd.DataFrame, *, title: str, source: str, name: str, alt: str, names=None
) -> None:
    """A stance grid (timelines.stance_view) with its rows named by ``names`` (id -> short
    label; else the id); the alt text, after ``alt``, says who supports, contradicts or is not
    yet annotated on each row."""
    labels = [names.get(r, r) for r in view.index] if names else None
    fig = stance_chart(view, title=title, source=source, row_labels=labels)
    show(fig, name=name, alt=alt + stance_alt(view.rename(index=names or {})))


def show_frame_words(table: pd.DataFrame, *, title: str, name: str) -> None:
    """Stacked bars of a lexicon table (source × frame kind, framing.lexicon_table), the
    sources with the most words first."""
    shown = top_rows(table, sort=True)
    fig = stacked_bar(
        shown,
        title=title,
        source=FRAMES_SOURCE,
        xlabel="occurrences of the frame's words (title, headings and body)",
    )
    show(fig, name=name, alt="Stacked bars of frame words per source: " + alt_rows(shown))


def show_share_bars(
    share: pd.Series, keep, *, xlabel: str, title: str, source: str, name: str, alt: str
) -> None:
    """Bars of a share per source label in per cent (``keep`` always shown, the rest folded
    by mean); the alt text, after ``alt``, gives each share to two decimals."""
    shown = top_rows(share.to_frame("share"), keep=keep, rank=True, how="mean")["share"]
    fig = barh((shown * 100).round(0), xlabel=xlabel, title=title, source=source)
    show(fig, name=name, alt=alt + alt_rows(shown.round(2).to_frame("share")))
