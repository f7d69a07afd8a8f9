"""The parts of chapter figures that live in saga.present so no notebook builds them: the
lawsuit's events beside its teasers, S3's GPU bars, the money ranges' alt text, and the
per-source charts chapters 3, 4 and 6 share (frame words, share bars)."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd

from saga.present import charts, source_charts
from saga.present.case_charts import events_and_teasers, gpu_bars
from saga.present.range_charts import range_alt


def test_events_and_teasers_share_one_timeline_with_teasers_counted_as_no_witness():
    timeline = pd.DataFrame(
        {"date": ["2024-02-29"], "event_id": ["musk-sues-openai"], "n_witnesses": [2]}
    )
    teasers = pd.DataFrame(
        {"date": ["2024-03-01"], "label": ["S2"], "text": ["马斯克起诉OpenAI及其CEO奥特曼"]}
    )
    both = events_and_teasers(timeline, teasers)  # a teaser shows its first ten characters
    assert both.to_dict("records") == [
        {"date": "2024-02-29", "event": "musk-sues-openai", "n": 2},
        {"date": "2024-03-01", "event": "S2 teaser: 马斯克起诉OpenA…", "n": 0},
    ]


def test_gpu_bars_name_what_each_figure_stands_for_and_its_paragraph():
    gpu = pd.DataFrame(
        {
            "paragraph_id": ["vinda-2024-06-14", "vinda-2024-06-16"],
            "gpus": [100000, 20000],
            "what": ["Grok 3 needs", "xAI has"],
        }
    )
    bars = gpu_bars(gpu)
    assert bars.to_dict() == {"Grok 3 needs (¶14)": 100000, "xAI has (¶16)": 20000}


def test_the_range_alt_text_gives_each_row_its_us_dollar_range():
    rows = pd.DataFrame(
        {"label": ["S2 ¶5: seed", "Record: openai2015introducing"], "low": [2e6, 1e9],
         "high": [9e6, 1e9]}
    )  # fmt: skip
    assert range_alt(rows) == (
        "Horizontal bars on a log scale: S2 ¶5: seed: US$2 million–9 million; "
        "Record: openai2015introducing: US$1 billion"
    )


def shown(monkeypatch) -> list[tuple]:
    """Capture what source_charts would display: (figure, name, alt)."""
    calls: list[tuple] = []
    monkeypatch.setattr(
        source_charts, "show", lambda fig, alt, name=None: calls.append((fig, name, alt))
    )
    return calls


def test_frame_words_put_the_wordiest_source_first_and_tell_every_bar(monkeypatch):
    calls = shown(monkeypatch)
    table = pd.DataFrame(
        {"power-struggle": [2, 9], "melodrama": [0, 1]}, index=pd.Index(["S1", "S5"])
    )
    source_charts.show_frame_words(table, title="t", name="ch3-frames")
    ((fig, name, alt),) = calls
    assert name == "ch3-frames"
    assert alt == (
        "Stacked bars of frame words per source: "
        "S5: power-struggle 9, melodrama 1; S1: power-struggle 2"
    )
    plt.close(fig)


def test_share_bars_keep_the_given_sources_and_give_shares_to_two_decimals(monkeypatch):
    calls = shown(monkeypatch)
    share = pd.Series({"S1": 0.5, "S4": 0.125})
    source_charts.show_share_bars(
        share, ["S1", "S4"], xlabel="x", title="t", source="s", name="synthesis-latin", alt="A: "
    )
    ((fig, name, alt),) = calls
    assert name == "synthesis-latin"
    assert alt == "A: S1: share 0.5; S4: share 0.12"  # 0.125 rounds half to even
    bars = [round(p.get_width()) for p in fig.axes[0].patches]
    assert sorted(bars) == [12, 50]  # per cent, rounded
    plt.close(fig)


def test_any_table_chart_is_drawn_from_the_table_and_told_row_by_row(monkeypatch):
    calls = shown(monkeypatch)
    shares = pd.DataFrame({"founding": [0.5, 0.0]}, index=["S1", "S2"])
    source_charts.show_chart(
        charts.heatmap, shares, title="t", source="s", name="themes", alt="Heatmap: ",
        alt_fmt="{:.0%}", zeros=True,
    )  # fmt: skip
    ((fig, name, alt),) = calls
    assert (name, alt) == ("themes", "Heatmap: S1: founding 50%; S2: founding 0%")
    plt.close(fig)


def test_a_stance_grid_names_its_rows_in_the_chart_and_in_the_alt_text(monkeypatch):
    calls = shown(monkeypatch)
    view = pd.DataFrame({"S1": [1.0], "S2": [-1.0]}, index=["musk-gave-100m"])
    source_charts.show_stance_grid(
        view, title="t", source="s", name="ch2-claims", alt="Grid: ",
        names={"musk-gave-100m": "He gave US$100 million"},
    )  # fmt: skip
    ((fig, name, alt),) = calls
    assert alt == "Grid: He gave US$100 million: supports S1, contradicts S2"
    assert "He gave US$100 million" in [t.get_text() for t in fig.axes[0].get_yticklabels()]
    plt.close(fig)


def test_a_folded_column_label_wraps_to_its_column_instead_of_running_over_the_next():
    view = pd.DataFrame({"S1": [1.0], "3 sources: not yet annotated": [float("nan")]})
    fig = charts.stance_chart(view, title="t", source="s")
    labels = [t.get_text() for t in fig.axes[0].get_xticklabels()]
    assert labels == ["S1", "3 sources:\nnot yet\nannotated"]
    plt.close(fig)


def test_highlighted_bars_take_the_marked_colour_and_the_rest_the_other():
    assert charts.highlight(["S1", "S2", "3 other sources"], {"S2"}, "red", "blue") == [
        "blue",
        "red",
        "blue",
    ]
