"""The zh search indexer: the same answers as Sphinx's, in linear time (Sphinx 7.4 searched a
growing list of every Latin term for each word it stemmed: 100 s of a 300-source build)."""

from __future__ import annotations

import time

from saga_sphinx.search import LatinTerms, SearchBothScripts
from sphinx.search.zh import SearchChinese


def test_latin_terms_answer_membership_like_the_list_they_replace():
    terms = LatinTerms()
    terms.extend(["GPT", "OpenAI"])
    terms.extend(["GPT"])
    assert "GPT" in terms and "OpenAI" in terms and "Musk" not in terms


def test_stems_are_those_of_sphinxs_chinese_indexer():
    text = "OpenAI 的 GPT-4 与 ChatGPT：Altman 说 AGI 将 arriving, 马斯克 起诉"
    ours, theirs = SearchBothScripts({}), SearchChinese({})
    words = ours.split(text)
    assert words == theirs.split(text)
    assert [ours.stem(w) for w in words] == [theirs.stem(w) for w in words]
    assert ours.stem("AGI") == "agi"  # an acronym is not stemmed to a stub


def test_indexing_many_distinct_latin_terms_takes_linear_time():
    indexer = SearchBothScripts({})
    words = [f"term{i}x" for i in range(30_000)]
    start = time.perf_counter()
    for w in words:
        indexer.split(w)
        indexer.stem(w)
    assert time.perf_counter() - start < 5  # the list took minutes
