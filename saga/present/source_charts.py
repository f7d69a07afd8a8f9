"""Per-source charts more than one chapter draws the same way: the frame words each source
uses (chapters 3 and 4) and one share per source as percentage bars (chapter 6), each bounded
with saga.analysis.bounded and shown with its alt text."""

from __future__ import annotations

import pandas as pd

from saga.analysis.bounded import top_rows
from saga.present.alt_text import alt_rows
from saga.present.charts import barh, stacked_bar
from saga.present.style import show

FRAMES_SOURCE = (
    "data/lexicon/frames.csv counted on data/processed/paragraphs (saga.analysis.framing)"
)


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
