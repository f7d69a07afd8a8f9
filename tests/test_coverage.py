"""saga.analysis.coverage and saga.present.witness_views: the facts about the whole corpus that
chapters 3 and 4 check as premises, and a claims table that never calls an unannotated source
silent."""

import pandas as pd

from saga.analysis.coverage import event_dates, naming, users, written_between
from saga.analysis.framing import lexicon_table
from saga.analysis.timelines import NOT_ANNOTATED
from saga.corpus.store import read_table
from saga.present.witness_views import claims_table
from saga.records.annotations import load_events
from saga.records.lexicons import load_terms


def _sources(*rows):
    return pd.DataFrame(
        [{"source_id": s, "label": f"S{i}", "published": p} for i, (s, p) in enumerate(rows, 1)]
    )


def test_written_between_takes_days_inside_and_months_or_years_that_overlap():
    src = _sources(("a", "2023-11-16"), ("b", "2023-11-17"), ("c", "2023-11"), ("d", "2024"),
                   ("e", "2023-11-22"), ("f", "2023"))  # fmt: skip
    assert written_between(src, "2023-11-17", "2023-11-21") == ["S2", "S3", "S6"]


def test_only_s4_was_written_between_the_removal_and_the_agreed_return():
    # S4 is dated 2023-11-20 (inferred); S2 2023-12-04, S3 2024-06, S1/S5 March 2023
    start, end = event_dates(load_events(), "altman-removed", "altman-reinstated")
    assert (start, end) == ("2023-11-17", "2023-11-21")
    assert written_between(read_table("sources"), start, end) == ["S4"]


def test_no_edition_source_names_murati_and_four_name_brockman():
    sources, mentions = read_table("sources"), read_table("mentions")
    assert naming(mentions, sources, "murati") == []
    # Brockman: S1 ¶9, S3 ¶3 ¶11 ¶12, S4 ¶18, S5 ¶3; S2 does not name him
    assert naming(mentions, sources, "brockman") == ["S1", "S3", "S4", "S5"]


def test_palace_drama_words_are_s4s_alone_and_s1_has_six_power_struggle_words():
    sources, paragraphs = read_table("sources"), read_table("paragraphs")
    frames = load_terms("frames")
    table = lexicon_table(
        paragraphs, sources, frames, "text_simplified", kinds=["palace-drama", "power-struggle"]
    )
    assert list(table.columns) == ["palace-drama", "power-struggle"]
    # S4: 内乱 ¶1, 宫斗 内斗 大戏 剧情 ¶2, 反转 ×3 (¶2 twice, ¶5)
    assert table.loc["S4", "palace-drama"] == 8
    assert users(table, "palace-drama") == ["S4"]
    # S1: 权力斗争 ¶1 ¶6 ¶7 ¶9, 夺权 ¶2, 败给 ¶11; S5 only ¶3 权力斗争
    assert (table.loc["S1", "power-struggle"], table.loc["S5", "power-struggle"]) == (6, 1)
    assert list(table.index) == ["S1", "S2", "S3", "S4", "S5"]


def test_the_claims_table_names_the_sources_not_yet_annotated():
    tally = pd.DataFrame(
        {"claim_id": ["c1"], "claim_en": ["x"], "supports": [["S1"]], "contradicts": [[]],
         "silent": [["S2"]], "n_support_witnesses": [1]}
    )  # fmt: skip
    out = claims_table(tally, _sources(("a", "2023"), ("b", "2023"), ("c", "2024")), ["S1", "S2"])
    assert out.loc[0, NOT_ANNOTATED] == "S3"
    assert out.loc[0, "silent"] == "S2"


def test_annotation_ids_become_spaced_chart_labels():
    from saga.present.witness_views import spaced

    assert spaced(["altman-removed", "new-board-announced"]) == [
        "altman removed",
        "new board announced",
    ]
