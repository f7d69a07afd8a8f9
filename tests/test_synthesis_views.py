"""The synthesis and lawsuit chapters count by the book's rules: an erratum settles a claim
only when the record contradicts it or overtook it; support means supporting witnesses; the
case's steps are knowable only to sources written after them; and every per-source view stays
bounded, with unread sources shown as "not yet annotated". Expected values come from reading
the annotations and docs/research/verdicts.md, lawsuit.md and media.md."""

import pandas as pd
import pytest

from saga.analysis import case_course, contradictions, framing, independence, naming
from saga.analysis.timelines import claims_tally
from saga.corpus.store import read_table
from saga.records.annotations import load_claims, load_events, load_stances
from saga.records.case_record import case_problems, load_case_record
from saga.records.errata import load_errata
from saga.records.lexicons import load_terms

SOURCES = pd.DataFrame(
    {
        "source_id": ["a", "b", "c"],
        "label": ["S1", "S2", "S3"],
        "witness": ["w", "w", "c"],
        "published": ["2023-03-24", "2024-06", "2024"],
        "script": ["simplified", "traditional", "simplified"],
    }
)


@pytest.fixture(scope="module")
def real():
    return {
        "sources": read_table("sources"),
        "paragraphs": read_table("paragraphs"),
        "claims": load_claims(),
        "stances": load_stances(),
    }


def test_only_error_and_superseded_verdicts_settle_a_claim():
    contra = pd.DataFrame(
        {"claim_id": ["x", "y", "z", "q"],
         "verdicts": ["unconfirmed", "disputed, superseded", "", "error"]}
    )  # fmt: skip
    assert list(contradictions.settled(contra)["claim_id"]) == ["y", "q"]


def test_the_errata_settle_three_of_the_ten_contradicted_claims(real):
    contra = contradictions.contradictions(
        real["claims"], real["stances"], real["sources"], real["paragraphs"], load_errata()
    )
    assert len(contra) == 10
    assert sorted(contradictions.settled(contra)["claim_id"]) == [
        "altman-returned", "for-profit-in-2019", "musk-left-voluntarily",
    ]  # fmt: skip


def test_contradicting_witnesses_are_not_support():
    tally = pd.DataFrame(
        {"claim_id": ["p", "q", "r"], "theme": ["founding"] * 3,
         "n_support_witnesses": [2, 1, 0], "n_contradict_witnesses": [0, 1, 2]}
    )  # fmt: skip
    out = independence.supported_by_several(tally)
    assert out.loc["founding"].to_dict() == {"claims": 3, "several": 1}


def test_supporting_witnesses_per_theme_on_the_annotations(real):
    tally = claims_tally(real["claims"], real["stances"], real["sources"])
    out = independence.supported_by_several(tally)
    assert out.loc["founding"].to_dict() == {"claims": 4, "several": 2}
    assert out.loc["power-struggle-2018"].to_dict() == {"claims": 8, "several": 3}
    assert out.loc["lawsuit"].to_dict() == {"claims": 4, "several": 1}


def test_a_source_dated_to_the_month_may_know_that_month():
    assert case_course.last_day("2024-06") == pd.Timestamp("2024-06-30")
    assert case_course.last_day("2024") == pd.Timestamp("2024-12-31")
    assert case_course.published_after(SOURCES, "2024-06-11") == ["S2", "S3"]
    assert case_course.published_after(SOURCES, "2025-01-01") == []


def test_the_suit_is_knowable_only_to_s3_and_nothing_after_the_withdrawal(real):
    steps = case_course.steps_known(
        load_case_record(), real["sources"], load_events(), real["paragraphs"]
    ).set_index("step_id")
    assert steps.loc["state-complaint", "could_know"] == ["S3"]
    assert steps.loc["state-withdrawn", "tells"] == ["S3"]
    assert steps.loc["federal-complaint", "n_could_know"] == 0
    assert steps.loc["verdict", "n_could_know"] == 0


def test_the_case_record_is_checked():
    bad = pd.DataFrame(
        [["Bad_id", "2024-13", "month", "moon", "", "", "sure", "nope"],
         ["ok", "2024-01-01", "day", "", "x", "k", "high", ""]],
        columns=["step_id", "date", "precision", "court", "summary_en", "bib", "sureness",
                 "event_id"],
    )  # fmt: skip
    problems = " | ".join(case_problems(bad, {"k"}, {"an-event"}))
    for part in ["kebab-case", "2024-13", "court", "sureness", "empty summary_en",
                 "at least one bib key", "'nope' is not in events.csv"]:  # fmt: skip
        assert part in problems
    assert case_problems(load_case_record(), None, set(load_events()["event_id"])) == []


def test_palace_drama_is_s4s_alone_and_conversion_errors_only_on_traditional_pages(real):
    frames = framing.lexicon_table(
        real["paragraphs"], real["sources"], load_terms("frames"), "text_simplified"
    )
    assert frames["palace-drama"].to_dict() == {"S1": 0, "S2": 0, "S3": 0, "S4": 8, "S5": 0}
    assert frames.loc["S2", "melodrama"] == 10
    marks = framing.lexicon_table(
        real["paragraphs"], real["sources"], load_terms("provenance"), "text", ["traditional"]
    )
    assert list(marks.index) == ["S2", "S4"]
    assert marks.loc["S4", "conversion-error"] == 12


def test_latin_share_and_name_parts():
    variants = pd.DataFrame(
        {"entity_id": ["altman", "altman", "musk"], "surface": ["Altman", "奧特曼", "馬斯克"],
         "label": ["S4", "S4", "S2"], "mentions": [3, 1, 2]}
    )  # fmt: skip
    share = naming.latin_share(variants, ["altman", "musk"], ["S2", "S4", "S9"])
    assert share.to_dict() == {"S2": 0.0, "S4": 0.75, "S9": 0.0}
    assert naming.name_parts([["萨姆·奥特曼"]]) == {"萨姆·奥特曼", "萨姆", "奥特曼"}


def test_musk_is_named_in_nearly_all_of_s2_and_once_in_s4(real):
    share = framing.centring(read_table("mentions"), real["paragraphs"], real["sources"], "musk")
    assert share["S2"] == pytest.approx(20 / 22)
    assert share["S4"] == pytest.approx(1 / 25)
    assert share["S5"] == pytest.approx(10 / 20)  # 7 × 马斯克 and 3 × Latin "Musk"


def test_a_witness_shared_by_many_sources_gets_a_short_name():
    many = pd.DataFrame(
        {"source_id": list("abcdef"), "label": [f"S{i}" for i in range(1, 7)],
         "witness": ["w", "x", "w", "w", "w", "w"]}
    )  # fmt: skip
    names = contradictions.short_witness_names(many)
    assert names == {"w": "S1+S3+S4 +2 more", "x": "S2"}
    assert contradictions.witness_of_label(many, "S5") == "S1+S3+S4 +2 more"
    assert contradictions.short_witness_names(SOURCES)["w"] == "S1+S2"
