"""saga.corpus.keywords: TF-IDF and TextRank keywords per source and per theme."""

from __future__ import annotations

import pandas as pd
import pytest

from saga.corpus.keywords import extract, keywords_table
from saga.corpus.segment import stopwords, tokens_table
from saga.corpus.themes import assign_themes, load_overrides, load_themes


@pytest.fixture(scope="module")
def paragraphs(body):
    return body


@pytest.fixture(scope="module")
def tokens(paragraphs):
    return tokens_table(paragraphs)


@pytest.fixture(scope="module")
def by_source(tokens):
    return keywords_table(tokens, by="source", top=10)


def top(table: pd.DataFrame, group: str, method: str, n: int = 10) -> list[str]:
    rows = table[(table["group"] == group) & (table["method"] == method)]
    return rows.sort_values("rank")["keyword"].head(n).tolist()


def test_table_shape_and_ranks(by_source, paragraphs):
    assert list(by_source.columns) == ["group", "method", "rank", "keyword", "weight"]
    assert set(by_source["group"]) == set(paragraphs["source_id"])
    assert set(by_source["method"]) == {"tfidf", "textrank"}
    for _, g in by_source.groupby(["group", "method"]):
        assert g["rank"].tolist() == list(range(1, len(g) + 1)) and len(g) == 10
        assert g["weight"].is_monotonic_decreasing


def test_no_stopwords_numbers_or_single_characters(by_source):
    words = set(by_source["keyword"])
    assert not words & stopwords()
    assert not any(w.isdigit() or len(w) < 2 for w in words)


def test_each_source_is_about_who_a_reader_would_say(by_source):
    # The board-crisis report is written in Latin names; the others in Chinese ones.
    assert {"Altman", "Sutskever"} <= set(top(by_source, "unknown-2023-11-20", "tfidf"))
    assert "佩奇" in top(by_source, "unknown-2023-12-04", "tfidf")  # Larry Page quarrel
    assert "阿尔特曼" in top(by_source, "qianjia-2023-03-25", "tfidf")
    assert "苹果" in top(by_source, "vinda-2024-06", "tfidf")  # Apple's ChatGPT deal


def test_by_theme_uses_the_theme_assignments(paragraphs, tokens, root):
    themes = assign_themes(paragraphs, load_themes(root), overrides=load_overrides(root))
    table = keywords_table(tokens, by="theme", themes_df=themes, top=15)
    assert set(table["group"]) == set(themes["theme"])
    assert "佩奇" in top(table, "founding", "tfidf", 15)
    assert "微软" in top(table, "capped-profit", "tfidf", 15)


def test_names_from_the_user_dictionary_come_out_whole():
    words = [
        w for w, _ in extract("苏茨克沃担心超级对齐。苏茨克沃与奥尔特曼争论超级对齐。")["tfidf"]
    ]
    assert set(words[:3]) == {"苏茨克沃", "超级对齐", "奥尔特曼"}


@pytest.mark.parametrize("text", ["微软非常", "非常微软", "马斯克", "。"])
def test_a_text_with_no_two_rankable_words_side_by_side_has_no_textrank_keywords(text):
    """A news flash of one noun and an adverb has no co-occurrence graph: TextRank gives
    nothing (it crashed `saga data` on such a source), TF-IDF still ranks the noun."""
    found = extract(text)
    assert found["textrank"] == []
    assert [w for w, _ in found["tfidf"]] == [w for w in ("微软", "马斯克") if w in text]


def test_bad_grouping_is_refused(tokens):
    with pytest.raises(ValueError, match="themes_df"):
        keywords_table(tokens, by="theme")
    with pytest.raises(ValueError, match="by must be"):
        keywords_table(tokens, by="outlet")


def test_textrank_ranks_as_jiebas_graph_does():
    """The matrix ranking gives jieba's UndirectWeightedGraph scores, self-pairs included."""
    import numpy as np
    from jieba.analyse.textrank import UndirectWeightedGraph

    from saga.corpus.keywords import _rank

    words = np.array(["董事会", "奥特曼", "微软", "员工", "解雇"], dtype=object)
    edges = np.array([[0, 1], [1, 2], [1, 1], [3, 0], [4, 1], [2, 3]])
    weights = np.array([3, 1, 2, 1, 4, 2])
    graph = UndirectWeightedGraph()
    for (a, b), n in zip(edges.tolist(), weights.tolist(), strict=True):
        graph.addEdge(words[a], words[b], n)
    expected = graph.rank()
    nodes, scores = _rank(edges, weights.astype(float), np.argsort(np.argsort(words)))
    got = dict(zip(words[nodes].tolist(), scores.tolist(), strict=True))
    assert got.keys() == expected.keys()
    assert all(got[w] == pytest.approx(expected[w], rel=1e-12) for w in expected)
