"""saga.present (style, charts, tables): CJK font, reproducible PNGs, alt text, escaped tables with CSV download."""

from __future__ import annotations

import base64
import html
import logging
import re
import warnings

import pandas as pd
import pytest

from saga.present import charts, style, tables


def _no_glyph_warnings(fn):
    """Run fn and return (result, messages about missing glyphs or fonts)."""
    messages: list[str] = []

    class Catch(logging.Handler):
        def emit(self, record):
            messages.append(record.getMessage())

    handler = Catch()
    log = logging.getLogger("matplotlib")
    log.addHandler(handler)
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            result = fn()
    finally:
        log.removeHandler(handler)
    messages += [str(w.message) for w in caught]
    bad = [m for m in messages if re.search(r"[Gg]lyph|findfont|missing from", m)]
    return result, bad


def test_font_is_the_cjk_font_from_mplfonts():
    family = style.use_style()
    assert family == "Noto Sans CJK SC"
    assert style.cjk_font_path().name == "NotoSansCJKsc-Regular.otf"
    import matplotlib

    assert matplotlib.rcParams["font.family"] == ["Noto Sans CJK SC"]


def _chinese_bar():
    return charts.bar(
        {"马斯克": 3, "薩姆·奧特曼": 5, "OpenAI": 2},
        title="奥特曼 (Altman) is mentioned most — 测试",
        source="test fixture",
    )


def test_chinese_text_renders_without_missing_glyph_warnings():
    fig, bad = _no_glyph_warnings(lambda: style.png(_chinese_bar()))
    assert fig[:8] == b"\x89PNG\r\n\x1a\n"
    assert bad == []


def test_png_is_reproducible_and_has_no_software_or_time_metadata():
    a, b = style.png(_chinese_bar()), style.png(_chinese_bar())
    assert a == b
    assert b"Software" not in a and b"matplotlib" not in a
    assert b"tIME" not in a and b"Creation Time" not in a


def test_figure_needs_title_and_source_and_alt_text():
    fig, _ = style.new_figure()
    with pytest.raises(ValueError, match="finish"):
        style.png(fig)
    with pytest.raises(ValueError, match="alt text"):
        style.figure_html(_chinese_bar(), alt=" ")
    fig = _chinese_bar()
    texts = [t.get_text() for t in fig.texts]
    assert any(t.startswith("Source: ") for t in texts)
    assert fig._suptitle.get_text().startswith("奥特曼")


def test_figure_html_is_an_inline_image_with_escaped_alt():
    out = style.figure_html(_chinese_bar(), alt='bars "quoted" <b>not html</b>', name="x")
    m = out._repr_html_()
    assert m.count("<img ") == 1
    assert 'src="data:image/png;base64,' in m
    assert 'alt="bars &quot;quoted&quot; &lt;b&gt;not html&lt;/b&gt;"' in m
    assert "<b>" not in m
    assert repr(out).startswith("[Figure: ")


def test_table_html_escapes_cells_and_offers_csv_download():
    df = pd.DataFrame({"name": ["<script>alert(1)</script>", "马斯克"], "n": [1, 2]})
    m = tables.table_html(df, "my table", caption="<i>cap</i>")._repr_html_()
    assert "<script>" not in m and "&lt;script&gt;" in m
    assert "&lt;i&gt;cap&lt;/i&gt;" in m
    href = re.search(r'href="data:text/csv;charset=utf-8;base64,([^"]+)"', m).group(1)
    csv = base64.b64decode(href).decode("utf-8-sig")
    assert csv.splitlines() == ["name,n", "<script>alert(1)</script>,1", "马斯克,2"]
    assert 'download="my table.csv"' in html.unescape(m) or 'download="my table.csv"' in m


def test_chart_helpers_render():
    frame = pd.DataFrame([[1, 0], [2, 3]], index=["S1 千家", "S2 portal"], columns=["创立", "诉讼"])
    figs = [
        charts.barh(pd.Series({"a": 1, "b": 2}), title="t", source="s"),
        charts.stacked_bar(frame, title="t", source="s"),
        charts.heatmap(frame, title="Sources × themes", source="s"),
        charts.timeline(
            pd.DataFrame(
                {
                    "date": ["2015-12-11", "2018-02", "2023-11-17"],
                    "event": ["成立", "马斯克离开", "董事会罢免奥特曼"],
                    "n_sources": [3, 2, 1],
                }
            ),
            title="t",
            source="s",
        ),
    ]
    for f in figs:
        _, bad = _no_glyph_warnings(lambda f=f: style.png(f))
        assert bad == []


def test_network_layout_is_seeded():
    edges = pd.DataFrame(
        {
            "source": ["马斯克", "马斯克", "奥特曼"],
            "target": ["奥特曼", "OpenAI", "OpenAI"],
            "weight": [3, 2, 5],
        }
    )
    a = style.png(charts.network(edges, title="t", source="s"))
    b = style.png(charts.network(edges, title="t", source="s"))
    assert a == b
