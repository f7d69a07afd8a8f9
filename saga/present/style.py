"""One figure style for the whole book, and figures rendered as inline HTML.

Every figure states its finding in the title, carries a "Source: …" line and alt text, and
renders to byte-identical PNGs for identical data (no timestamps, fixed dpi, seeded layouts).
Figures are shown as inline ``data:`` images inside HTML outputs, so they appear in both the
multi-page and the single-page build (JB #2204) and carry their alt text. Mathtext is off
(``text.parse_math``), so a "$" in data text (US$1 billion) is always a dollar sign.
"""

from __future__ import annotations

import base64
import html
import importlib.util
import io
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # before pyplot is imported anywhere; we never use pyplot's state

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
            "text.parse_math": False,  # "$" in data text is a dollar sign, never mathtext
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
        raise ValueError("call finish(fig, title=..., source=...) before rendering a figure")
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
