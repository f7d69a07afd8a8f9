"""saga.present.witness_views: who reports what, as the chapters show it (tables and row
labels built from the timelines, tallies and errata, never by hand in a notebook)."""

from __future__ import annotations

import pandas as pd

from saga.present.witness_views import (
    contested_labels,
    contradictions_shown,
    dated_labels,
    events_by_witness,
    events_table,
    stance_table,
    theme_errata,
)

# Two events as saga.analysis.timelines.events_timeline gives them: the first dated by the
# sources and told by one witness (two translations), the second dated from outside and told
# differently by S3.
TIMELINE = pd.DataFrame(
    {
        "event_id": ["karpathy-joins-tesla", "openai-founded"],
        "date": ["2017-06", "2015-12-11"],
        "summary_en": ["Karpathy leaves for Tesla.", "OpenAI is announced."],
        "supporting_sources": [["S1", "S5"], ["S1", "S2"]],
        "contradicting_sources": [[], ["S3", "S4"]],
        "external_bib": [[], ["openai2015introducing"]],
        "external": [False, True],
        "contradicted": [False, True],
        "n_sources": [2, 2],
        "n_witnesses": [1, 2],
    }
)


def test_the_events_record_says_who_reports_who_differs_and_where_the_date_is_from():
    table = events_table(TIMELINE)
    assert list(table.columns) == [
        "event_id", "date", "summary_en", "reported_by", "differs", "n_sources", "n_witnesses",
        "date_from",
    ]  # fmt: skip
    assert table["reported_by"].tolist() == ["S1, S5", "S1, S2"]
    assert table["differs"].tolist() == ["", "S3, S4"]
    assert table["date_from"].tolist() == ["the sources", "outside: openai2015introducing"]


def test_events_by_witness_end_with_the_date_source_or_with_who_tells_it_differently():
    dated = events_by_witness(TIMELINE, "date from")
    assert list(dated.columns) == [
        "date", "event", "summary", "witnesses", "reported by", "date from",
    ]  # fmt: skip
    assert dated["date from"].tolist() == ["", "openai2015introducing"]
    told = events_by_witness(TIMELINE, "told differently by")
    assert told.columns[-1] == "told differently by"
    assert told["told differently by"].tolist() == ["", "S3, S4"]
    assert told["reported by"].tolist() == ["S1, S5", "S1, S2"]


def test_the_stance_table_lists_the_sources_on_each_side_and_counts_witnesses():
    tally = pd.DataFrame(
        {
            "claim_id": ["musk-gave-100m"],
            "claim_en": ["Musk gave about US$100 million"],
            "supports": [["S1", "S5"]],
            "contradicts": [[]],
            "silent": [["S2", "S3", "S4"]],
            "n_support_witnesses": [1],
            "n_contradict_witnesses": [0],
        }
    )
    table = stance_table(tally)
    assert table.iloc[0].tolist() == [
        "Musk gave about US$100 million", "S1, S5", "", "S2, S3, S4", 1, 0,
    ]  # fmt: skip


def test_a_themes_errata_keep_the_order_of_errata_csv_with_where_and_bib_readable(paragraphs):
    from saga.records.errata import load_errata

    shown = theme_errata(load_errata(), "founding", paragraphs)
    assert list(shown.columns) == [
        "where", "quote", "the source says", "the record", "verdict", "sources of the record",
    ]  # fmt: skip
    # errata.csv lists four founding rows; the first two are S3's Y Combinator slip (¶12)
    # and S3's date of the dinner (¶11), settled by one and by two outside documents
    assert len(shown) == 4
    assert shown.loc[0, ["where", "verdict", "sources of the record"]].tolist() == [
        "S3 ¶12", "error", "openai2015introducing",
    ]  # fmt: skip
    assert shown.loc[1, ["where", "verdict", "sources of the record"]].tolist() == [
        "S3 ¶11", "disputed", "metz2023ego, openai2015introducing",
    ]  # fmt: skip
    assert shown.loc[1, "quote"] == "2015年底的一个晚上"


def test_contradictions_are_shown_per_claim_without_the_theme_flag_and_record():
    contra = pd.DataFrame(
        columns=["claim_id", "theme", "claim_en", "supports", "note", "contested", "errata",
                 "verdicts", "record"]
    )  # fmt: skip
    assert list(contradictions_shown(contra).columns) == [
        "claim_id", "claim_en", "supports", "note", "errata", "verdicts",
    ]  # fmt: skip


def test_timeline_rows_are_named_short_dated_and_marked_when_contested():
    short = {"karpathy-joins-tesla": "Tesla hires Karpathy"}
    assert dated_labels(TIMELINE, short)["event"].tolist() == [
        "Tesla hires Karpathy (2017-06)",
        "openai-founded (2015-12-11; S3/S4 differs; outside date)",
    ]
    assert contested_labels(TIMELINE)["event"].tolist() == [
        "karpathy-joins-tesla",
        "openai-founded *",
    ]
