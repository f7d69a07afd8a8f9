"""Lexicon terms are counted per source, longest first, and normalised by text length; the
lexicon files are read with one clear error for a malformed file."""

import pandas as pd
import pytest

from saga.analysis.framing import per_source, term_counts
from saga.errors import SagaError
from saga.records.lexicons import load_terms, validate

PARAS = pd.DataFrame(
    {
        "source_id": ["a", "a", "b"],
        "text": ["宫斗剧一场宫斗", "据外媒报道", "董事會內亂"],
        "text_simplified": ["宫斗剧一场宫斗", "据外媒报道", "董事会内乱"],
    }
)
TERMS = pd.DataFrame(
    {"kind": ["palace-drama", "palace-drama", "palace-drama"], "term": ["宫斗", "宫斗剧", "内乱"]}
)


def test_terms_are_counted_per_source_longest_first():
    counts = term_counts(PARAS, TERMS, "text_simplified")
    assert counts.to_dict("records") == [
        {"source_id": "a", "kind": "palace-drama", "term": "宫斗", "count": 1},
        {"source_id": "a", "kind": "palace-drama", "term": "宫斗剧", "count": 1},
        {"source_id": "b", "kind": "palace-drama", "term": "内乱", "count": 1},
    ]


def test_traditional_markers_only_match_the_original_script():
    markers = pd.DataFrame({"kind": ["conversion-error"], "term": ["內亂"]})
    assert term_counts(PARAS, markers, "text")["source_id"].tolist() == ["b"]
    assert term_counts(PARAS, markers, "text_simplified").empty


def test_rates_are_per_thousand_characters_and_list_silent_sources():
    counts = pd.DataFrame([{"source_id": "b", "kind": "palace-drama", "term": "内乱", "count": 1}])
    rates = per_source(counts, PARAS)
    assert rates.loc["b", "palace-drama"] == pytest.approx(1000 / 5)
    assert rates.loc["a", "palace-drama"] == 0


def _write(root, name, text):
    path = root / "data" / "lexicon" / f"{name}.csv"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_a_lexicon_loads_with_kind_term_note(tmp_path):
    _write(tmp_path, "frames", "frame,term,note\npalace-drama,宫斗,court intrigue\n")
    assert load_terms("frames", tmp_path).to_dict("records") == [
        {"kind": "palace-drama", "term": "宫斗", "note": "court intrigue"}
    ]


@pytest.mark.parametrize(
    "text, message",
    [
        ("kind,term\nx,y\n", "header must be frame,term,note"),
        ("frame,term,note\npalace-drama,,x\n", "line 2: needs a frame and a term"),
        ("frame,term,note\na,b,c,d\n", "line 2"),
    ],
)
def test_a_malformed_lexicon_is_one_clear_error(tmp_path, text, message):
    _write(tmp_path, "frames", text)
    with pytest.raises(SagaError, match=message):
        load_terms("frames", tmp_path)


def test_validate_reports_repeated_terms(tmp_path):
    _write(tmp_path, "sourcing", "kind,term,note\nanonymous,知情人士,\nanonymous,知情人士,\n")
    assert validate(tmp_path) == [
        "data/lexicon/sourcing.csv: anonymous term 知情人士 is listed 2 times"
    ]
