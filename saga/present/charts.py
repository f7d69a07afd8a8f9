"""Generic charts in the book's figure style: bars, stacked bars, heatmaps, a time axis of
events, a co-occurrence network and a ±1/0 grid of who reports what."""

from __future__ import annotations

import textwrap
from collections.abc import Mapping, Sequence

import matplotlib
import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from saga.present.style import PALETTE, finish, new_figure


def bar(
    values: Mapping[str, float] | pd.Series,
    *,
    title: str,
    source: str,
    xlabel: str = "",
    ylabel: str = "",
    horizontal: bool = False,
    color: str | Sequence[str] | None = None,
    annotate: bool = True,
    width: float = 7.5,
    height: float | None = None,
) -> Figure:
    """A bar (or horizontal bar) chart of one series, labelled with its values."""
    s = pd.Series(values)
    labels = [str(i) for i in s.index]
    nums = [float(v) for v in s.to_numpy()]
    if height is None:
        height = max(3.0, 0.45 * len(s) + 1.6) if horizontal else 4.5
    fig, ax = new_figure(width, height)
    color = color or PALETTE[0]
    if horizontal:
        pos = list(range(len(s)))[::-1]
        bars = ax.barh(pos, nums, color=color)
        ax.set_yticks(pos, labels)
    else:
        bars = ax.bar(labels, nums, color=color)
    if all(float(v).is_integer() for v in nums):  # counts: integer ticks only
        from matplotlib.ticker import MaxNLocator

        (ax.xaxis if horizontal else ax.yaxis).set_major_locator(MaxNLocator(integer=True))
    if annotate:
        ax.bar_label(bars, labels=[_fmt(v) for v in nums], padding=3, fontsize=9)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.margins(x=0.08) if horizontal else ax.margins(y=0.1)
    return finish(fig, title, source)


def highlight(labels, marked, colour: str, rest: str) -> list[str]:
    """Bar colours: ``colour`` for the labels in ``marked``, ``rest`` for the others."""
    marked = set(marked)
    return [colour if k in marked else rest for k in labels]


def barh(values, **kwargs) -> Figure:
    return bar(values, horizontal=True, **kwargs)


def stacked_bar(
    frame: pd.DataFrame,
    *,
    title: str,
    source: str,
    xlabel: str = "",
    ylabel: str = "",
    horizontal: bool = True,
    width: float = 7.5,
    height: float | None = None,
) -> Figure:
    """Rows are bars, columns are stacked segments (legend outside the plot)."""
    if height is None:
        height = max(3.0, 0.5 * len(frame) + 1.8)
    fig, ax = new_figure(width, height)
    left = [0.0] * len(frame)
    pos = list(range(len(frame)))[::-1]
    colors = (
        PALETTE
        if len(frame.columns) <= len(PALETTE)
        else [matplotlib.colormaps["tab20"](i % 20) for i in range(len(frame.columns))]
    )
    for i, col in enumerate(frame.columns):
        vals = [float(v) for v in frame[col].to_numpy()]
        if horizontal:
            ax.barh(pos, vals, left=left, label=str(col), color=colors[i])
        else:
            ax.bar(pos, vals, bottom=left, label=str(col), color=colors[i])
        left = [a + b for a, b in zip(left, vals, strict=True)]
    if horizontal:
        ax.set_yticks(pos, [str(i) for i in frame.index])
    else:
        ax.set_xticks(pos, [str(i) for i in frame.index])
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False)
    return finish(fig, title, source)


def heatmap(
    frame: pd.DataFrame,
    *,
    title: str,
    source: str,
    xlabel: str = "",
    ylabel: str = "",
    cmap: str = "Blues",
    fmt=None,
    width: float | None = None,
    height: float | None = None,
) -> Figure:
    """A labelled matrix, e.g. sources (rows) × themes (columns), with the value in each cell."""
    fmt = fmt or _fmt
    rows, cols = list(frame.index), list(frame.columns)
    width = width or max(6.0, 0.8 * len(cols) + 3.2)
    height = height or max(3.0, 0.55 * len(rows) + 2.0)
    fig, ax = new_figure(width, height)
    values = frame.to_numpy(dtype=float)
    im = ax.imshow(values, cmap=cmap, aspect="auto", vmin=0)
    ax.set_xticks(range(len(cols)), [str(c) for c in cols], rotation=30, ha="right")
    ax.set_yticks(range(len(rows)), [str(r) for r in rows])
    ax.spines[:].set_visible(False)
    vmax = float(values.max()) if values.size else 0.0
    for i in range(len(rows)):
        for j in range(len(cols)):
            v = float(values[i, j])
            ax.text(
                j,
                i,
                fmt(v),
                ha="center",
                va="center",
                fontsize=9,
                color="white" if vmax and v > 0.6 * vmax else "#222222",
            )
    fig.colorbar(im, ax=ax, shrink=0.8)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    return finish(fig, title, source)


def label_right(ax, x, y, text: str, dx: int = 4) -> None:
    """A value label just right of a bar end or a marker, vertically centred on it."""
    ax.annotate(text, (x, y), xytext=(dx, 0), textcoords="offset points", va="center", fontsize=9)


def timeline(
    events: pd.DataFrame,
    *,
    title: str,
    source: str,
    date: str = "date",
    label: str = "event",
    sources: str = "n_sources",
    width: float = 9.0,
    height: float | None = None,
) -> Figure:
    """Events on a time axis; marker size and colour by the number of independent sources
    (witnesses) supporting each event. ``date`` holds ISO dates (YYYY, YYYY-MM or YYYY-MM-DD)."""
    ev = events.copy()
    ev["_t"] = pd.to_datetime(ev[date].astype(str), format="mixed")
    ev = ev.sort_values("_t").reset_index(drop=True)
    height = height or max(3.0, 0.42 * len(ev) + 1.6)
    fig, ax = new_figure(width, height)
    counts = [int(c) for c in ev[sources]]
    top = max(counts) if counts else 1
    ys = list(range(len(ev)))[::-1]
    for y, t, c, text in zip(ys, ev["_t"], counts, ev[label], strict=True):
        ax.scatter(
            [t], [y], s=40 + 60 * c, color=PALETTE[min(c, len(PALETTE)) - 1 if c else 6], zorder=3
        )
        label_right(ax, t, y, f"{text} ({c})", dx=8)
    ax.set_yticks([])
    ax.spines["left"].set_visible(False)
    ax.grid(axis="x", color="#dddddd")
    ax.margins(x=0.25)
    ax.set_xlabel(f"marker size = independent sources (1–{top})")
    return finish(fig, title, source)


def network(
    edges: pd.DataFrame,
    *,
    title: str,
    source: str,
    u: str = "source",
    v: str = "target",
    weight: str = "weight",
    seed: int = 7,
    width: float = 7.5,
    height: float = 6.0,
) -> Figure:
    """A weighted co-occurrence network with a seeded spring layout (same picture every run)."""
    import networkx as nx

    g = nx.Graph()
    for row in edges.itertuples(index=False):
        d = row._asdict()
        g.add_edge(str(d[u]), str(d[v]), weight=float(d.get(weight, 1.0)))
    fig, ax = new_figure(width, height)
    nodes = sorted(g.nodes)
    pos = nx.spring_layout(g.subgraph(nodes), seed=seed, weight=weight)
    ws = [g[a][b]["weight"] for a, b in g.edges]
    wmax = max(ws) if ws else 1.0
    for (a, b), w in zip(g.edges, ws, strict=True):
        ax.plot(
            [pos[a][0], pos[b][0]],
            [pos[a][1], pos[b][1]],
            color="#9aa9b8",
            linewidth=0.8 + 4 * w / wmax,
            zorder=1,
        )
    deg = dict(g.degree(weight=weight))
    dmax = max(deg.values()) if deg else 1.0
    for n in nodes:
        ax.scatter(
            [pos[n][0]], [pos[n][1]], s=200 + 900 * deg[n] / dmax, color=PALETTE[0], zorder=2
        )
        ax.annotate(
            n,
            pos[n],
            xytext=(0, 12),
            textcoords="offset points",
            ha="center",
            fontsize=10,
            zorder=3,
        )
    ax.set_axis_off()
    ax.margins(0.15)
    return finish(fig, title, source)


COLUMN_LABEL_CHARS = 10  # a stance grid's column label per line (a column is 0.9 inch)


def stance_chart(grid: pd.DataFrame, *, title: str, source: str, row_labels=None):
    """A grid of ±1/0 cells (event_source_grid / claim_source_grid) as a coloured matrix:
    blue = reports/supports, red = tells it differently/contradicts, grey = silent; NaN cells
    (a source not yet annotated, see timelines.stance_view) are white, hatched."""
    from matplotlib.colors import ListedColormap
    from matplotlib.patches import Patch, Rectangle

    rows = list(row_labels) if row_labels is not None else [str(i) for i in grid.index]
    if len(rows) != len(grid):
        raise ValueError(f"{len(rows)} row labels for {len(grid)} rows")
    # a folded column ("3 sources: not yet annotated") wraps to its column's width, not over
    # its neighbours' labels
    cols = [textwrap.fill(str(c), COLUMN_LABEL_CHARS, break_long_words=False) for c in grid.columns]
    width = max(6.5, 0.9 * len(cols) + 0.09 * max((len(r) for r in rows), default=10) + 2.0)
    height = max(2.6, 0.42 * len(rows) + 1.9)
    fig, ax = new_figure(width, height)
    cmap = ListedColormap(["#d1495b", "#eeeeee", "#1f5f8b"]).with_extremes(bad="#ffffff")
    values = np.ma.masked_invalid(grid.to_numpy(dtype=float))
    ax.imshow(values, cmap=cmap, vmin=-1, vmax=1, aspect="auto")
    for y, x in zip(*np.nonzero(values.mask), strict=True):
        ax.add_patch(
            Rectangle((x - 0.5, y - 0.5), 1, 1, fill=False, hatch="..", lw=0, ec="#aaaaaa")
        )
    ax.set_xticks(range(len(cols)), cols)
    ax.set_yticks(range(len(rows)), rows)
    ax.tick_params(length=0)
    ax.spines[:].set_visible(False)
    ax.set_xticks([x - 0.5 for x in range(1, len(cols))], minor=True)
    ax.set_yticks([y - 0.5 for y in range(1, len(rows))], minor=True)
    ax.grid(which="minor", color="white", linewidth=2)
    ax.tick_params(which="minor", length=0)
    ax.xaxis.tick_top()
    handles = [
        Patch(color="#1f5f8b", label="reports / supports"),
        Patch(color="#d1495b", label="differs / contradicts"),
        Patch(color="#eeeeee", label="silent"),
    ]
    if values.mask.any():
        handles.append(Patch(fc="#ffffff", ec="#aaaaaa", hatch="..", label="not yet annotated"))
    # left-aligned under the grid, so it never runs past the figure's right edge
    ax.legend(
        handles=handles,
        loc="upper left",
        bbox_to_anchor=(0.0, -0.01),
        ncol=len(handles),
        frameon=False,
        fontsize=8.5,
        handlelength=1.2,
        columnspacing=1.0,
    )
    return finish(fig, title, source)


def _fmt(v: float) -> str:
    return str(int(v)) if float(v).is_integer() else f"{v:.2f}"
