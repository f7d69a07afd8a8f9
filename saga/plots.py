"""One figure style for the whole book, and chart/table helpers the chapters reuse.

Every figure states its finding in the title, carries a "Source: …" line and alt text, and
renders to byte-identical PNGs for identical data (no timestamps, fixed dpi, seeded layouts).
Figures are shown as inline ``data:`` images inside HTML outputs, so they appear in both the
multi-page and the single-page build (JB #2204) and carry their alt text.
"""

from __future__ import annotations

import base64
import html
import importlib.util
import io
from collections.abc import Mapping, Sequence
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # before pyplot is imported anywhere; we never use pyplot's state

import pandas as pd  # noqa: E402
from matplotlib import font_manager  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

FONT_FILE = "NotoSansCJKsc-Regular.otf"
DPI = 100
PALETTE = ["#1f5f8b", "#d1495b", "#edae49", "#00798c", "#66a182", "#8d6a9f", "#2e4057"]
_FAMILY: str | None = None


def cjk_font_path() -> Path:
    """The Noto Sans CJK SC file shipped by the pip package mplfonts (found without importing
    mplfonts, whose import rewrites matplotlib settings)."""
    spec = importlib.util.find_spec("mplfonts")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError(
            "the mplfonts package is not installed (pip install -r requirements.txt)"
        )
    path = Path(next(iter(spec.submodule_search_locations))) / "fonts" / FONT_FILE
    if not path.is_file():
        raise RuntimeError(f"{path}: CJK font file missing from the mplfonts package")
    return path


def use_style() -> str:
    """Register the CJK font once per kernel and set the book's rcParams; returns the family."""
    global _FAMILY
    if _FAMILY is None:
        path = cjk_font_path()
        font_manager.fontManager.addfont(str(path))
        _FAMILY = font_manager.FontProperties(fname=str(path)).get_name()
    matplotlib.rcParams.update(
        {
            "font.family": [_FAMILY],
            "font.size": 12,
            "axes.titlesize": 13,
            "axes.titleweight": "normal",  # only the Regular CJK face is shipped
            "axes.titlelocation": "left",
            "axes.labelsize": 12,
            "xtick.labelsize": 11,
            "ytick.labelsize": 11,
            "legend.fontsize": 10.5,
            "axes.spines.top": False,
            "axes.spines.right": False,
            "axes.unicode_minus": False,
            "axes.prop_cycle": matplotlib.cycler(color=PALETTE),
            "figure.dpi": DPI,
            "savefig.dpi": DPI,
            "svg.hashsalt": "saga",
            "path.simplify": True,
        }
    )
    return _FAMILY


MAX_WIDTH = 8.0  # inches; wider figures are scaled down by the page and become unreadable


def new_figure(width: float = 7.5, height: float = 4.5) -> tuple[Figure, object]:
    """A Figure (not managed by pyplot, so never shown twice) with one Axes."""
    use_style()
    fig = Figure(figsize=(min(width, MAX_WIDTH), height), layout="constrained")
    return fig, fig.add_subplot()


def finish(fig: Figure, title: str, source: str) -> Figure:
    """Title (the finding) on top, "Source: …" line at the bottom."""
    chars = int(fig.get_figwidth() * 8.2)  # ~ characters per line at 14 pt
    fig.suptitle(_wrap(title, chars), x=0.01, ha="left", fontsize=14, color="#111111")
    fig.text(0.01, 0.0, f"Source: {source}", ha="left", va="bottom", fontsize=9, color="#555555")
    fig.get_layout_engine().set(h_pad=0.12)
    fig._saga_titled = True  # noqa: SLF001 - marker checked by png()/show()
    return fig


def png(fig: Figure) -> bytes:
    """Reproducible PNG bytes: fixed dpi, no Software/time metadata."""
    if not getattr(fig, "_saga_titled", False):
        raise ValueError("call plots.finish(fig, title=..., source=...) before rendering a figure")
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=DPI, metadata={"Software": None}, facecolor="white")
    return buf.getvalue()


class Html:
    """A display object with an HTML and a plain-text representation (myst-nb and glue use the
    HTML; the plain text doubles as the figure's text alternative)."""

    def __init__(self, markup: str, text: str):
        self.markup = markup
        self.text = text

    def _repr_html_(self) -> str:
        return self.markup

    def __repr__(self) -> str:
        return self.text


def figure_html(fig: Figure, alt: str, name: str | None = None) -> Html:
    """The figure as an inline <img> with alt text (HTML-escaped)."""
    if not alt or not alt.strip():
        raise ValueError("every figure needs alt text")
    data = base64.b64encode(png(fig)).decode("ascii")
    width = int(round(fig.get_figwidth() * DPI))
    cls = "saga-figure" + (f" saga-figure-{html.escape(name, quote=True)}" if name else "")
    markup = (
        f'<figure class="{cls}">'
        f'<img src="data:image/png;base64,{data}" alt="{html.escape(alt, quote=True)}" '
        f'style="max-width:100%;height:auto" width="{width}">'
        "</figure>"
    )
    return Html(markup, f"[Figure: {alt}]")


def show(fig: Figure, alt: str, name: str | None = None):
    """Display a finished figure inline with its alt text (works in html and singlehtml)."""
    from IPython.display import display

    display(figure_html(fig, alt, name))


def csv_link(df: pd.DataFrame, filename: str) -> str:
    """An <a download> link holding the table as a CSV data: URI (no server needed)."""
    data = base64.b64encode(df.to_csv(index=False).encode("utf-8-sig")).decode("ascii")
    name = html.escape(filename, quote=True)
    return (
        f'<a class="saga-csv" download="{name}" '
        f'href="data:text/csv;charset=utf-8;base64,{data}">Download this table as CSV ({name})</a>'
    )


def table_html(df: pd.DataFrame, filename: str, caption: str | None = None) -> Html:
    """A table with escaped cells and a CSV download link."""
    if not filename.endswith(".csv"):
        filename += ".csv"
    df = df.copy()
    df.columns.name = None
    body = df.to_html(index=False, escape=True, border=0, classes="saga-table table")
    cap = f'<p class="saga-table-caption">{html.escape(caption)}</p>' if caption else ""
    markup = f'<div class="saga-table-wrap">{cap}{body}<p>{csv_link(df, filename)}</p></div>'
    return Html(markup, df.to_string(index=False))


def show_table(df: pd.DataFrame, filename: str, caption: str | None = None):
    from IPython.display import display

    display(table_html(df, filename, caption))


# ---------------------------------------------------------------- chart helpers


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


def _wrap(text: str, width: int) -> str:
    """Wrap a title; CJK characters count double."""
    lines, line, n = [], [], 0
    for word in text.split(" "):
        w = sum(2 if ord(c) > 0x2E80 else 1 for c in word)
        if line and n + 1 + w > width:
            lines.append(" ".join(line))
            line, n = [], 0
        line.append(word)
        n += w + (1 if n else 0)
    lines.append(" ".join(line))
    return "\n".join(lines)


def _fmt(v: float) -> str:
    return str(int(v)) if float(v).is_integer() else f"{v:.2f}"
