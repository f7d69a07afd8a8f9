"""saga.analysis.timelines: events and claims joined with paragraphs, counted by independent witness."""

from __future__ import annotations

import pandas as pd
import pytest

from saga.analysis.timelines import (
    TIMELINE_COLUMNS,
    annotated_sources,
    claim_source_grid,
    claims_tally,
    claims_view,
    date_start,
    event_source_grid,
    events_timeline,
    split_ids,
    stance_view,
    supporting_witnesses,
    told_only_by,
    unannotated_sources,
)
from saga.errors import SagaError
from saga.present.charts import stance_chart

# ---------------------------------------------------------------- tiny fixtures

SOURCES = pd.DataFrame(
    {
        "source_id": ["a", "b", "c"],
        "label": ["S1", "S2", "S3"],
        "witness": ["w-ab", "b", "w-ab"],  # a and c translate one article
    }
)
PARAGRAPHS = pd.DataFrame(
    {
        "paragraph_id": ["a-1", "a-2", "b-1", "b-2", "c-1"],
        "source_id": ["a", "a", "b", "b", "c"],
    }
)


def events(*rows: dict) -> pd.DataFrame:
    base = {
        "summary_en": "x",
        "summary_zh": "x",
        "contradicting": "",
        "external_bib": "",
        "external": "false",
        "theme": "founding",
        "precision": "year",
    }
    return pd.DataFrame([{**base, **r} for r in rows])


def test_two_translations_are_two_sources_but_one_witness():
    ev = events({"event_id": "e", "date": "2015", "supporting": "a-1;c-1"})
    t = events_timeline(ev, PARAGRAPHS, SOURCES)
    row = t.iloc[0]
    assert (row.n_sources, row.n_witnesses) == (2, 1)
    assert row.supporting_sources == ["S1", "S3"]
    assert not row.contradicted


def test_two_paragraphs_of_one_source_count_once_and_contradictions_are_counted():
    ev = events(
        {"event_id": "e", "date": "2018", "supporting": "a-1;a-2", "contradicting": "b-2;c-1"}
    )
    row = events_timeline(ev, PARAGRAPHS, SOURCES).iloc[0]
    assert (row.n_sources, row.n_witnesses) == (1, 1)
    assert (row.n_contradicting_sources, row.n_contradicting_witnesses) == (2, 2)
    assert row.contradicting_sources == ["S2", "S3"]
    assert row.contradicted


def test_rows_are_in_date_order_and_filtered_by_theme():
    ev = events(
        {"event_id": "late", "date": "2018-02-20", "precision": "day", "supporting": "b-1"},
        {"event_id": "early", "date": "2015", "supporting": "a-1"},
        {"event_id": "mid", "date": "2018-02", "precision": "month", "supporting": "b-2"},
        {"event_id": "other", "date": "2016", "theme": "lawsuit", "supporting": "b-2"},
    )
    t = events_timeline(ev, PARAGRAPHS, SOURCES)
    assert list(t["event_id"]) == ["early", "other", "mid", "late"]
    assert list(t.columns) == TIMELINE_COLUMNS
    only = events_timeline(ev, PARAGRAPHS, SOURCES, theme="founding")
    assert list(only["event_id"]) == ["early", "mid", "late"]
    both = events_timeline(ev, PARAGRAPHS, SOURCES, theme=["lawsuit"])
    assert list(both["event_id"]) == ["other"]


def test_external_flag_and_bib_keys_are_parsed():
    ev = events(
        {
            "event_id": "e",
            "date": "2015-12-11",
            "precision": "day",
            "supporting": "a-1",
            "external": "true",
            "external_bib": "k1; k2",
        }
    )
    t = events_timeline(ev, PARAGRAPHS, SOURCES)
    assert t["external"].tolist() == [True]
    row = t.iloc[0]
    assert row.external_bib == ["k1", "k2"]
    assert row.start == pd.Timestamp("2015-12-11")


def test_unknown_paragraph_is_an_error_not_a_silent_drop():
    ev = events({"event_id": "e", "date": "2015", "supporting": "a-1;z-9"})
    with pytest.raises(SagaError, match="z-9"):
        events_timeline(ev, PARAGRAPHS, SOURCES)


def test_empty_selection_gives_empty_frame_with_columns():
    ev = events({"event_id": "e", "date": "2015", "supporting": "a-1"})
    t = events_timeline(ev, PARAGRAPHS, SOURCES, theme="lawsuit")
    assert t.empty and list(t.columns) == TIMELINE_COLUMNS


@pytest.mark.parametrize(
    ("value", "precision", "expected"),
    [
        ("2015", "year", "2015-01-01"),
        ("2018-02", "month", "2018-02-01"),
        ("2018-02-20", "day", "2018-02-20"),
    ],
)
def test_date_start(value, precision, expected):
    assert date_start(value, precision) == pd.Timestamp(expected)


def test_date_start_rejects_a_date_at_the_wrong_precision():
    with pytest.raises(SagaError):
        date_start("2018-02", "year")
    with pytest.raises(SagaError):
        date_start("2018", "decade")


def test_split_ids():
    assert split_ids(" a-1 ;; b-2 ") == ["a-1", "b-2"]
    assert split_ids("") == []
    assert split_ids(float("nan")) == []
    assert split_ids(["a-1", " "]) == ["a-1"]


def test_event_source_grid_marks_support_and_contradiction():
    ev = events({"event_id": "e", "date": "2018", "supporting": "a-1;b-1", "contradicting": "b-2"})
    grid = event_source_grid(events_timeline(ev, PARAGRAPHS, SOURCES), SOURCES)
    assert grid.loc["e"].to_dict() == {"S1": 1, "S2": -1, "S3": 0}


CLAIMS = pd.DataFrame(
    {"claim_id": ["c1", "c2"], "theme": ["founding", "lawsuit"], "claim_en": ["x", "y"]}
)
STANCES = pd.DataFrame(
    {
        "claim_id": ["c1", "c1", "c1", "c2", "c2", "c2"],
        "source_id": ["a", "b", "c", "a", "b", "c"],
        "stance": ["supports", "contradicts", "supports", "silent", "supports", "silent"],
        "paragraphs": ["a-1", "b-1", "c-1", "", "b-2", ""],
    }
)


def test_claims_tally_counts_witnesses_on_each_side():
    t = claims_tally(CLAIMS, STANCES, SOURCES).set_index("claim_id")
    c1, c2 = t.loc["c1"], t.loc["c2"]
    assert (c1.n_support_sources, c1.n_support_witnesses) == (2, 1)
    assert (c1.n_contradict_sources, c1.n_contradict_witnesses) == (1, 1)
    assert c1.contested and not c2.contested
    assert c1.supports == ["S1", "S3"] and c2.silent == ["S1", "S3"]
    assert list(claims_tally(CLAIMS, STANCES, SOURCES, theme="lawsuit")["claim_id"]) == ["c2"]


def test_claim_source_grid():
    grid = claim_source_grid(CLAIMS, STANCES, SOURCES, theme="founding")
    assert grid.loc["c1"].to_dict() == {"S1": 1, "S2": -1, "S3": 1}
    assert list(grid.index) == ["c1"]


def test_stance_chart_keeps_dollar_signs_literal_and_checks_labels():
    grid = claim_source_grid(CLAIMS, STANCES, SOURCES)
    fig = stance_chart(
        grid, title="t", source="s", row_labels=["gave US$100 million", "pledged US$1 billion"]
    )
    ax = fig.axes[0]
    ticks = ax.get_yticklabels()
    assert [t.get_text() for t in ticks] == ["gave US$100 million", "pledged US$1 billion"]
    assert not any(t.get_parse_math() for t in ticks)  # a dollar sign, not mathtext
    assert [t.get_text() for t in ax.get_xticklabels()] == ["S1", "S2", "S3"]
    with pytest.raises(ValueError):
        stance_chart(grid, title="t", source="s", row_labels=["only one"])


# ---------------------------------------------------------------- the real corpus


def test_departure_reported_by_three_sources_but_two_witnesses(paragraphs, sources):
    # S1 ¶5 gives 2018-02-20; S5 ¶5 has Musk resign from the board; S2 ¶12 has him announce
    # his departure to staff in February 2018. S1 and S5 translate the same Semafor article.
    ev = events(
        {
            "event_id": "musk-leaves",
            "date": "2018-02-20",
            "precision": "day",
            "theme": "power-struggle-2018",
            "supporting": "qianjia-2023-03-25-5;semafor-zh-2023-03-24-5;unknown-2023-12-04-12",
        }
    )
    row = events_timeline(ev, paragraphs, sources).iloc[0]
    assert row.supporting_sources == ["S1", "S2", "S5"]
    assert (row.n_sources, row.n_witnesses) == (3, 2)


def test_takeover_dated_differently_by_two_witnesses(paragraphs, sources):
    # S1 ¶4 dates the bid to early 2018, S2 ¶11 to late 2017.
    ev = events(
        {
            "event_id": "bid",
            "date": "2018",
            "theme": "power-struggle-2018",
            "supporting": "qianjia-2023-03-25-4",
            "contradicting": "unknown-2023-12-04-11",
        }
    )
    row = events_timeline(ev, paragraphs, sources).iloc[0]
    assert row.contradicted and row.contradicting_sources == ["S2"]
    grid = event_source_grid(events_timeline(ev, paragraphs, sources), sources)
    assert grid.loc["bid"].to_dict() == {"S1": 1, "S2": -1, "S3": 0, "S4": 0, "S5": 0}


# ------------------------------------------ support, sole tellers, unannotated sources


def test_only_supporting_witnesses_count_as_support():
    # S1 and S3 are one witness (w-ab); S2 contradicts the first row
    grid = pd.DataFrame(
        {"S1": [1, 1, 0], "S2": [-1, 1, -1], "S3": [1, 0, 0]}, index=["r1", "r2", "r3"]
    )
    assert supporting_witnesses(grid, SOURCES).to_dict() == {"r1": 1, "r2": 2, "r3": 0}


def test_told_only_by_ignores_rows_nobody_tells():
    grid = pd.DataFrame({"S1": [1, 0, 1], "S2": [-1, 0, 0], "S3": [0, 0, 1]}, index=["a", "b", "c"])
    assert told_only_by(grid, ["S1", "S3"]) == ["c"]
    assert told_only_by(grid, ["S1", "S2"]) == ["a"]


def test_sources_not_yet_annotated_are_one_column_never_silent():
    sources = pd.DataFrame(
        {
            "source_id": ["a", "b", "c", "d"],
            "label": ["S1", "S2", "S3", "S4"],
            "witness": list("abcd"),
        }
    )
    grid = pd.DataFrame({"S1": [1], "S2": [-1], "S3": [0], "S4": [0]}, index=["claim"])
    stances = pd.DataFrame({"claim_id": ["claim", "claim"], "source_id": ["b", "a"]})
    view = stance_view(grid, annotated=annotated_sources(stances, sources))
    assert list(view.columns) == ["S1", "S2", "2 sources: not yet annotated"]
    assert view.iloc[0, :2].tolist() == [1.0, -1.0] and view.iloc[0, 2] != view.iloc[0, 2]
    narrow = stance_view(grid, annotated=["S1", "S2", "S3"], top=1)
    assert list(narrow.columns) == ["S1", "2 other sources", "S4: not yet annotated"]
    assert narrow.loc["claim", "2 other sources"] == -1  # any contradiction wins when merged
    stance_chart(view, title="t", source="s")  # NaN cells draw as "not yet annotated"


def test_annotated_sources_are_those_with_any_stance_or_one_on_the_given_claims():
    sources = pd.DataFrame({"source_id": ["a", "b", "c"], "label": ["S1", "S2", "S3"]})
    stances = pd.DataFrame(
        {"claim_id": ["x", "y"], "source_id": ["b", "a"], "stance": ["silent"] * 2}
    )
    assert annotated_sources(stances, sources) == ["S1", "S2"]  # manifest order
    assert annotated_sources(stances, sources, pd.DataFrame({"claim_id": ["x"]})) == ["S2"]


def test_a_wide_grid_keeps_the_busiest_sources_and_folds_the_rest():
    cols = [f"S{i}" for i in range(1, 6)]
    grid = pd.DataFrame([[1, 0, 0, -1, 0], [0, 0, 1, 0, 0]], index=["c1", "c2"], columns=cols)
    view = stance_view(grid, annotated=cols, top=2)
    # S1, S3 and S4 each have one non-silent cell; the first two by rank are kept
    assert list(view.columns) == ["S1", "S3", "3 other sources"]
    assert list(view["3 other sources"]) == [-1, 0]


def test_events_of_unread_sources_are_not_yet_annotated_and_a_read_silence_stays_silent():
    grid = pd.DataFrame({"S1": [1, 0], "S2": [0, -1], "S3": [0, 1]}, index=["e1", "e2"])
    view = stance_view(grid, annotated=["S1", "S2"])
    assert view.loc["e1", "S2"] == 0  # S2 was read: silence is a reading
    assert list(view.columns) == ["S1", "S2", "S3: not yet annotated"]
    assert view["S3: not yet annotated"].isna().all()


def test_founding_claims_with_more_than_one_supporting_witness(root, sources):
    from saga.records.annotations import load_claims, load_stances

    grid = claim_source_grid(load_claims(root), load_stances(root), sources, theme="founding")
    support = supporting_witnesses(grid, sources)
    # musk-cofounded-openai: S1 ¶4, S2 ¶3, S3 ¶10 (S4 contradicts); founded-to-counter-google:
    # all five (four witnesses); the pledge and the dinner have one supporter each (S1; S2)
    assert sorted(support[support > 1].index) == [
        "founded-to-counter-google",
        "musk-cofounded-openai",
    ]


def test_sources_without_a_stance_are_listed_as_unannotated_in_manifest_order():
    assert unannotated_sources(SOURCES, ["S2"]) == ["S1", "S3"]
    assert unannotated_sources(SOURCES, ["S3", "S1", "S2"]) == []


def test_a_themes_claims_view_counts_only_sources_read_on_that_theme():
    # c (S3) has read only the lawsuit claim c2: on the founding theme it is not yet annotated
    stances = STANCES[~((STANCES["claim_id"] == "c1") & (STANCES["source_id"] == "c"))]
    tally, annotated, view = claims_view(CLAIMS, stances, SOURCES, "founding")
    assert list(tally["claim_id"]) == ["c1"] and annotated == ["S1", "S2"]
    assert list(view.columns) == ["S1", "S2", "S3: not yet annotated"]
    assert view.loc["c1", ["S1", "S2"]].tolist() == [1.0, -1.0]
    tally, annotated, view = claims_view(CLAIMS, stances, SOURCES)  # every claim
    assert list(tally["claim_id"]) == ["c1", "c2"] and annotated == ["S1", "S2", "S3"]
    assert view.loc["c2"].tolist() == [0.0, 1.0, 0.0]
