"""saga.corpus.overlap: paragraphs shared across sources (the two Semafor translations)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from saga.corpus.overlap import THRESHOLD, aligned_pairs, source_overlap, source_similarity

QIANJIA, SEMAFOR = "qianjia-2023-03-25", "semafor-zh-2023-03-24"


@pytest.fixture(scope="module")
def paragraphs(body):
    return body


@pytest.fixture(scope="module")
def pairs(paragraphs):
    return aligned_pairs(paragraphs, THRESHOLD)


def pid(paragraphs, source_id: str, snippet: str) -> str:
    hit = paragraphs[
        (paragraphs["source_id"] == source_id)
        & paragraphs["text"].str.contains(snippet, regex=False)
    ]
    assert len(hit) == 1
    return hit["paragraph_id"].iloc[0]


def test_the_two_translations_are_the_most_similar_sources(paragraphs, pairs):
    table = source_similarity(paragraphs, pairs)
    assert list(table.index) == list(dict.fromkeys(paragraphs["source_id"]))
    best = table.stack().idxmax()
    assert set(best) == {QIANJIA, SEMAFOR}
    assert table.loc[SEMAFOR, QIANJIA] > 0.8  # semafor-zh starts mid-article: nearly all of it
    assert table.loc[QIANJIA, SEMAFOR] > 0.6
    others = table.drop(index=[QIANJIA, SEMAFOR], columns=[QIANJIA, SEMAFOR])
    assert np.nanmax(others.to_numpy()) == 0
    assert np.isnan(table.loc[QIANJIA, QIANJIA])


def test_counterpart_paragraphs_are_aligned(paragraphs, pairs):
    aligned = set(zip(pairs["paragraph_a"], pairs["paragraph_b"], strict=True))
    for q, s in [
        ("2019 年 3 月 11 日", "2019 年 3 月 11 日"),
        ("格雷格・布罗克曼", "格雷格·布罗克曼"),
        ("安德烈・卡帕西", "安德烈·卡帕西"),
        ("推特数据源", "火管道"),
        ("希冯・齐里斯", "Shivon Zilis"),
    ]:
        assert (pid(paragraphs, QIANJIA, q), pid(paragraphs, SEMAFOR, s)) in aligned


def test_paragraphs_only_one_translation_has_stay_unaligned(paragraphs, pairs):
    # semafor-zh keeps the paragraphs on Google's transformer; the IT之家 version drops them.
    for snippet in ("打开了一个新的领域", "转向这些 transformer 模型"):
        p = pid(paragraphs, SEMAFOR, snippet)
        assert p not in set(pairs["paragraph_a"]) | set(pairs["paragraph_b"])


def test_the_same_tweet_translated_again_is_found(paragraphs, pairs):
    tweet = pid(paragraphs, "unknown-2023-12-04", "在社交媒體X上寫道")
    partners = set(pairs.loc[pairs["paragraph_a"] == tweet, "paragraph_b"]) | set(
        pairs.loc[pairs["paragraph_b"] == tweet, "paragraph_a"]
    )
    assert partners == {
        pid(paragraphs, QIANJIA, "2 月 17 日"),
        pid(paragraphs, SEMAFOR, "2 月 17 日"),
    }


def test_pairs_cross_sources_and_come_in_input_order(paragraphs, pairs):
    assert list(pairs.columns) == ["paragraph_a", "paragraph_b", "source_a", "source_b", "score"]
    assert (pairs["source_a"] != pairs["source_b"]).all()
    assert (pairs["score"] >= THRESHOLD).all() and (pairs["score"] <= 1 + 1e-9).all()
    pos = {p: i for i, p in enumerate(paragraphs["paragraph_id"])}
    keys = [
        (pos[a], pos[b]) for a, b in zip(pairs["paragraph_a"], pairs["paragraph_b"], strict=True)
    ]
    assert all(a < b for a, b in keys) and keys == sorted(keys)
    assert aligned_pairs(paragraphs.iloc[::-1], THRESHOLD)[
        "score"
    ].sort_values().tolist() == sorted(pairs["score"])


def test_unrelated_sources_stay_well_below_the_threshold(paragraphs):
    everything = aligned_pairs(paragraphs, 0.0)
    translations = {QIANJIA, SEMAFOR}
    tweet = pid(paragraphs, "unknown-2023-12-04", "在社交媒體X上寫道")
    unrelated = everything[
        ~(everything["source_a"].isin(translations) & everything["source_b"].isin(translations))
        & (everything["paragraph_a"] != tweet)
        & (everything["paragraph_b"] != tweet)
    ]
    assert unrelated["score"].max() < THRESHOLD - 0.02


def test_identical_text_scores_one_and_same_source_is_ignored():
    p = pd.DataFrame(
        {
            "paragraph_id": ["a-1", "a-2", "b-1", "c-1"],
            "source_id": ["a", "a", "b", "c"],
            "text_simplified": [
                "马斯克离开了董事会。",
                "马斯克离开了董事会",
                "马斯克 离开了 董事会!",
                "天气很好",
            ],
        }
    )
    got = aligned_pairs(p, 0.5)
    assert list(zip(got["paragraph_a"], got["paragraph_b"], strict=True)) == [
        ("a-1", "b-1"),
        ("a-2", "b-1"),
    ]
    assert got["score"].round(6).eq(1.0).all()
    assert aligned_pairs(p.iloc[:1], 0.5).empty


def test_a_text_repeated_in_many_sources_keeps_a_bounded_number_of_partners():
    n = 30
    p = pd.DataFrame(
        {
            "paragraph_id": [f"s{i}-1" for i in range(n)],
            "source_id": [f"s{i}" for i in range(n)],
            "text_simplified": ["马斯克离开了董事会。"] * n,
        }
    )
    got = aligned_pairs(p, 0.5, max_partners=3)
    partners = pd.concat([got["paragraph_a"], got["paragraph_b"]]).value_counts()
    # each paragraph picks its 3 earliest copies; earlier ones are also picked by others
    assert len(got) <= 3 * n and partners.min() >= 3
    assert set(zip(got["paragraph_a"], got["paragraph_b"], strict=True)) >= {
        ("s0-1", "s1-1"),
        ("s0-1", "s2-1"),
        ("s0-1", "s3-1"),
        ("s1-1", "s2-1"),
    }


def test_source_overlap_is_the_long_form_of_the_matrix(paragraphs, pairs):
    long = source_overlap(paragraphs, pairs)
    matrix = source_similarity(paragraphs, pairs)
    assert list(long.columns) == ["source", "aligned_with", "share"]
    assert (long["share"] > 0).all()
    for row in long.itertuples():
        assert matrix.loc[row.source, row.aligned_with] == pytest.approx(row.share)
    assert len(long) == int((matrix.fillna(0) > 0).to_numpy().sum())
