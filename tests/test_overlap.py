"""saga.corpus.overlap: paragraphs shared across sources (the two Semafor translations)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from saga.corpus import ngrams
from saga.corpus.ngrams import _idf, _weigh, ngram_vectors
from saga.corpus.ngrams import normalise as _normalise
from saga.corpus.overlap import (
    THRESHOLD,
    aligned_pairs,
    overlap_index,
    source_overlap,
    source_similarity,
)

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


@pytest.mark.parametrize("chunk", [ngrams.CHUNK, 500])  # one chunk, and many
def test_the_vectors_are_scikit_learns_tfidf_of_character_bigrams_and_trigrams(
    paragraphs, chunk, monkeypatch
):
    monkeypatch.setattr(ngrams, "CHUNK", chunk)
    from sklearn.feature_extraction.text import TfidfVectorizer

    texts = np.unique(paragraphs["text_simplified"].map(_normalise).to_numpy(dtype=object))
    want = TfidfVectorizer(  # the vectoriser the method used before counting went to numpy
        analyzer="char", ngram_range=(2, 3), preprocessor=_normalise, sublinear_tf=True
    )
    want_rows = want.fit_transform(texts)
    got, _ = ngram_vectors(texts)
    want_rows.sort_indices()
    assert got.shape == want_rows.shape and got.shape[1] == len(want.vocabulary_)
    assert (got.indptr == want_rows.indptr).all() and (got.indices == want_rows.indices).all()
    assert np.allclose(got.data, want_rows.data, rtol=1e-14, atol=0)


def test_the_weights_are_scikit_learns_tfidf_transform_to_the_last_bit(paragraphs):
    from scipy import sparse
    from sklearn.feature_extraction.text import TfidfTransformer

    counts = sparse.csr_matrix(
        np.array([[3, 0, 1, 0], [0, 2, 0, 0], [1, 1, 1, 5], [0, 0, 0, 0], [0, 0, 7, 1]])
    )
    got = counts.astype(float)  # weighed in place, as ngram_vectors weighs each chunk
    df = np.bincount(got.indices, minlength=got.shape[1])
    _weigh(got.data, got.indices, got.indptr, _idf(df, got.shape[0]))
    want = TfidfTransformer(sublinear_tf=True).fit_transform(counts)
    assert (got != want).nnz == 0 and got.nnz == want.nnz


def test_texts_without_two_characters_have_no_vectors_and_no_pairs():
    assert ngram_vectors(np.array(["", "a"], dtype=object))[0].nnz == 0
    p = pd.DataFrame(
        {"paragraph_id": ["a-1", "b-1"], "source_id": ["a", "b"], "text_simplified": ["。", "好"]}
    )
    assert aligned_pairs(p, 0.0).empty


def fixture_articles(root) -> pd.DataFrame:
    from test_fixture_recall import fixture_corpus  # the twelve invented articles, cleaned

    return fixture_corpus.__wrapped__(root)[0]


def test_the_rare_ngram_index_finds_exactly_the_exact_methods_pairs_on_our_corpora(
    root, paragraphs
):
    # Fewer distinct paragraphs than RARE_DF: every n-gram proposes candidates, nothing is cut.
    for corpus in (paragraphs, fixture_articles(root)):
        assert overlap_index(corpus).common.sum() == 0
        for threshold in (THRESHOLD, 0.0):
            exact = aligned_pairs(corpus, threshold, rare_df=None)
            assert aligned_pairs(corpus, threshold).equals(exact)
    assert len(aligned_pairs(paragraphs)) > 0


def test_with_common_ngrams_only_candidates_are_compared_and_scored_exactly(root, paragraphs):
    both = pd.concat([paragraphs, fixture_articles(root)], ignore_index=True)
    index = overlap_index(both, rare_df=3)
    assert index.common.mean() > 0.5  # most texts have n-grams in more than 3 texts
    exact = aligned_pairs(both, 0.0, max_partners=1000, rare_df=None).set_index(
        ["paragraph_a", "paragraph_b"]
    )["score"]
    got = aligned_pairs(both, rare_df=3).set_index(["paragraph_a", "paragraph_b"])["score"]
    assert len(got) > 0 and (got >= THRESHOLD).all()
    assert got.equals(exact.loc[got.index])  # each pair's score is its exact cosine
    # the translations share rare names and numbers: their counterparts are still found
    q, s = pid(paragraphs, QIANJIA, "安德烈・卡帕西"), pid(paragraphs, SEMAFOR, "安德烈·卡帕西")
    assert (q, s) in got.index


def test_names_in_latin_script_alone_pair_no_chinese_paragraphs():
    """A Taiwanese lead glossing 馬斯克（Elon Musk） and 奧特曼（Sam Altman） scored 0.25 against
    the Semafor translation's title, which shares only those names: no pair. Two paragraphs
    that share Chinese wording still pair, and so do two that hold no Chinese at all."""
    p = pd.DataFrame(
        {
            "paragraph_id": ["s5-1", "tw-2", "a-1", "b-1", "en-1", "en-2"],
            "source_id": ["s5", "tw", "a", "b", "en1", "en2"],
            "text_simplified": [
                "Elon Musk、Sam Altman 和 OpenAI 的秘密历史 | Semafor",
                "特斯拉执行长马斯克（Elon Musk）前（1）日控告OpenAI，奥特曼（Sam Altman）昨（2）日回应。",
                "马斯克在推特上写道：OpenAI已经成为一家闭源的、利润最大化的公司。",
                "马斯克在推特上写道：OpenAI已经变成一家闭源、追求利润最大化的公司。",
                "OpenAI was created as an open source non-profit company",
                "OpenAI was created as an open source nonprofit company",
            ],
        }
    )
    pairs = aligned_pairs(p)
    assert set(zip(pairs["source_a"], pairs["source_b"], strict=True)) == {
        ("a", "b"),
        ("en1", "en2"),
    }
