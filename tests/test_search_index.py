"""The zh search indexer: the same answers as Sphinx's, in linear time (Sphinx 7.4 searched a
growing list of every Latin term for each word it stemmed: 100 s of a 300-source build)."""

from __future__ import annotations

from saga_sphinx.search import LatinTerms, SearchBothScripts, t2s_table
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


def test_latin_terms_are_kept_in_a_set_of_the_indexers_own_not_the_shared_list():
    before = list(SearchChinese.latin_terms)
    indexer = SearchBothScripts({})
    indexer.split("OpenAI 与 Tesla")
    assert isinstance(indexer.latin_terms, set)  # membership in constant time
    assert {"OpenAI", "Tesla"} <= indexer.latin_terms
    assert SearchChinese.latin_terms == before  # the class's list no longer grows


def test_words_cut_block_by_block_are_sphinxs_words_in_both_scripts():
    """Each distinct block (text between punctuation) is cut once and remembered; the words
    are those Sphinx's indexer finds in the text, then in its simplified form."""
    simplified = (
        "马斯克起诉OpenAI。马斯克起诉OpenAI，奥特曼回应：\n3月1日 GPT-4 发布…马斯克起诉OpenAI"
    )
    traditional = "馬斯克起訴OpenAI。奧特曼回應：董事會在2023年11月17日解僱了他"
    ours, theirs = SearchBothScripts({}), SearchChinese({})
    for _ in range(2):  # the second time from memory
        assert ours.split(simplified) == theirs.split(simplified)
    from saga.corpus.script import to_simplified

    expected = theirs.split(traditional) + theirs.split(to_simplified(traditional))
    assert ours.split(traditional) == expected
    words = ours.split(traditional)
    assert [ours.stem(w) for w in words] == [theirs.stem(w) for w in words]


def test_remembered_stems_follow_sphinxs_rule_for_terms_seen_and_unseen():
    """A Latin word that stems to a stub ("AIs" to "ai") is kept whole only once the indexer
    has seen it as a term; the remembered answer before and after is Sphinx's at that moment."""
    ours, theirs = SearchBothScripts({}), SearchChinese({})
    theirs.latin_terms = []  # its own list, not the one its class shares
    words = ["AIs", "abs", "running", "马斯克"]
    assert (
        [ours.stem(w) for w in words]
        == [theirs.stem(w) for w in words]
        == ["ai", "ab", "run", "马斯克"]
    )
    ours.split("AIs 与 abs")
    theirs.split("AIs 与 abs")
    assert (
        [ours.stem(w) for w in words]
        == [theirs.stem(w) for w in words]
        == ["ais", "abs", "run", "马斯克"]
    )


def test_the_query_table_maps_every_traditional_form_of_the_books_characters_to_simplified():
    """The browser converts a query with this table: a reader who types 馬斯克說 in traditional
    script finds 马斯克说 (the table covers the traditional variants of simplified text too)."""
    table = t2s_table(["马斯克说", "奧特曼", "OpenAI 2015", None])
    assert table["馬"] == "马" and table["說"] == "说" and table["奧"] == "奥"
    assert not any(c.isascii() for c in table)
    assert all(table[c] != c for c in table)
