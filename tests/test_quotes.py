"""saga.corpus.quotes: quotations, scare-quoted terms and who is speaking."""

import pandas as pd
import pytest

from saga.corpus.quotes import (
    QUOTE_COLUMNS,
    extract_quotes,
    person_speakers,
    quote_spans,
    quotes_table,
)
from saga.errors import SagaError

SPEAKERS = {
    "马斯克": "musk",
    "埃隆·马斯克": "musk",
    "Musk": "musk",
    "奥特曼": "altman",
    "萨姆·奥特曼": "altman",
    "阿尔特曼": "altman",
    "Altman": "altman",
    "佩奇": "page",
    "Sutskever": "sutskever",
}


def test_curly_quote_attributed_to_the_named_speaker_after_it():
    text = "“存在分歧、不信任和自负,”奥特曼说。“人们的目标方向越接近,分歧就越有争议……”"
    first = extract_quotes(text, SPEAKERS)[0]
    assert (first.quote, first.kind, first.speaker) == (
        "存在分歧、不信任和自负,",
        "speech",
        "altman",
    )
    assert text[first.start : first.end] == "“存在分歧、不信任和自负,”"


def test_a_sentence_of_nothing_but_a_quote_continues_the_previous_speaker():
    text = "“存在分歧、不信任和自负,”奥特曼说。“人们的目标方向越接近,分歧就越有争议……”"
    assert extract_quotes(text, SPEAKERS)[1].speaker == "altman"


def test_speaker_is_the_first_alias_before_the_speech_verb():
    text = "“他的风格不是我自己想要的,”奥特曼在播客节目中谈到马斯克时这样说。"
    assert extract_quotes(text, SPEAKERS)[0].speaker == "altman"
    text = "最后佩奇称马斯克为“物种专家”,说比起未来的数字生命形式马斯克更喜欢人类。"
    assert extract_quotes(text, SPEAKERS)[0].speaker == "page"


def test_the_longer_alias_names_the_speaker_where_two_start_together():
    speakers = {"拉里": "ellison", "拉里·佩奇": "page"}  # Larry Ellison, Larry Page
    [q] = extract_quotes("拉里·佩奇说:“我们不一样。”", speakers)
    assert q.speaker == "page"


def test_short_scare_quotes_are_terms():
    text = "OpenAI的“内乱”:“良心科学家” 与 “激进企业家” 之争?"
    assert [(q.quote, q.kind) for q in extract_quotes(text, SPEAKERS)] == [
        ("内乱", "term"),
        ("良心科学家", "term"),
        ("激进企业家", "term"),
    ]


def test_a_latin_word_counts_as_one_unit():
    [q] = extract_quotes("Google Brain 的“transformer”打开了一个新的领域", SPEAKERS)
    assert q.kind == "term"
    [q] = extract_quotes("这是“ChatGPT之父”的说法", SPEAKERS)
    assert q.kind == "term"


def test_seven_units_or_sentence_punctuation_make_speech():
    assert extract_quotes("“一二三四五六七”", {})[0].kind == "speech"
    assert extract_quotes("“一二三四五六”", {})[0].kind == "term"
    assert extract_quotes("“不。”", {})[0].kind == "speech"


def test_straight_quotes_with_a_nested_quote_stay_one_quote():
    text = (
        '2 月 17 日,马斯克在推特上写道:"OpenAI 是作为一个开源 (这就是我为什么把它命名为'
        "'开放'AI) 的非营利公司创建的。\""
    )
    [q] = extract_quotes(text, SPEAKERS)
    assert q.quote.startswith("OpenAI 是作为") and "'开放'" in q.quote
    assert q.speaker == "musk"


def test_nested_curly_quotes_stay_inside_the_outer_one():
    text = "“OpenAI 最初是一个开源（这就是为什么我将其命名为“Open” AI）的非营利公司。”"
    assert quote_spans(text) == [(0, len(text))]


def test_apostrophe_in_a_latin_name_is_not_a_quote():
    text = "Quora 的首席执行官 Adam D‘Angelo、兼职科学家Tasha McCauley和Helen Toner。"
    assert quote_spans(text) == []


def test_unclosed_quote_is_ignored():
    assert quote_spans("他说“没有结尾") == []


def test_pronoun_speaker_comes_from_the_previous_sentence_of_the_paragraph():
    text = (
        "奥特曼很快就对马斯克的聊天机器人Grok进行一番抨击。"
        "他在X上回应道,Grok“用上世纪四五十年代那种尴尬的老掉牙幽默方式回答问题,总让人想发笑”。"
    )
    assert extract_quotes(text, SPEAKERS)[0].speaker == "altman"


def test_pronoun_at_paragraph_start_uses_the_previous_paragraph():
    previous = (
        "知情人士透露,马斯克对此非常愤怒。这是马斯克收购推特之前,OpenAI 与推特签署的一份合同。"
    )
    text = '2 月 17 日,他在推特上写道:"这根本不是我想要的。"'
    assert extract_quotes(text, SPEAKERS)[0].speaker is None
    assert extract_quotes(text, SPEAKERS, context=previous)[0].speaker == "musk"


def test_no_named_speaker_and_no_pronoun_is_unknown():
    text = '该公司当时写道:"我们希望提高我们的融资能力,同时继续服务于我们的使命。"'
    assert extract_quotes(text, SPEAKERS)[0].speaker is None


def test_a_named_person_without_a_speech_verb_is_not_a_speaker():
    [q] = extract_quotes("马斯克终于拿回属于他的“绩效”。", SPEAKERS)
    assert q.speaker is None


def test_quotes_come_in_the_order_of_the_sources_given_not_of_their_ids():
    """The manifest's order, so a source's rows do not move when other sources join its batch."""
    text = "马斯克说:“我们走。”"
    paragraphs = pd.DataFrame(
        {
            "paragraph_id": ["zeta-1", "alpha-2", "alpha-1"],
            "source_id": ["zeta", "alpha", "alpha"],
            "n": [1, 2, 1],
            "text": [text] * 3,
            "text_simplified": [text] * 3,
        }
    )
    table = quotes_table(paragraphs, SPEAKERS)
    assert table["paragraph_id"].tolist() == ["zeta-1", "alpha-1", "alpha-2"]


def test_quotes_table_uses_only_the_immediately_preceding_paragraph():
    paragraphs = pd.DataFrame(
        {
            "paragraph_id": ["s-1", "s-2", "s-4"],
            "source_id": ["s"] * 3,
            "n": [1, 2, 4],
            "text": [
                "马斯克很愤怒。",
                "他写道:“这根本不是我想要的。”",
                "他写道:“这根本不是我想要的。”",
            ],
            "text_simplified": [
                "马斯克很愤怒。",
                "他写道:“这根本不是我想要的。”",
                "他写道:“这根本不是我想要的。”",
            ],
        }
    )
    table = quotes_table(paragraphs, SPEAKERS)
    assert list(table.columns) == QUOTE_COLUMNS
    assert table.loc[0, "speaker"] == "musk"
    assert pd.isna(table.loc[1, "speaker"])  # s-3 is missing: s-2 is not s-4's context
    assert table["start"].tolist() == [4, 4]


def test_person_speakers_keeps_people_only():
    entities = pd.DataFrame(
        {
            "id": ["musk", "openai"],
            "type": ["person", "org"],
            "match": [["马斯克", "Musk"], ["OpenAI"]],
        }
    )
    assert person_speakers(entities) == {"马斯克": "musk", "Musk": "musk"}


def test_on_the_corpus_the_tweets_and_altmans_remark_have_their_speakers():
    from saga.corpus.entities import load_entities
    from saga.corpus.store import read_table

    try:
        paragraphs = read_table("paragraphs")
    except SagaError:
        pytest.skip("processed tables not built (python -m saga data)")
    table = quotes_table(paragraphs, person_speakers(load_entities())).set_index("paragraph_id")
    # qianjia ¶23: "2 月 17 日,他在推特上写道" after ¶22's "马斯克对此非常愤怒…"
    assert table.loc["qianjia-2023-03-25-23", "speaker"] == "musk"
    remark = table.loc[["unknown-2023-12-04-9"]]
    assert remark.iloc[0]["quote"] == "存在分歧、不信任和自负,"
    assert remark.iloc[0]["speaker"] == "altman"


# How Hong Kong and Taiwanese papers, and posts, introduce what someone said (simplified here,
# as the quotes are read): 他指：, 坦承, 回覆 (回复), 发文, 形容, and a name with a colon.
@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("马斯克指：「OpenAI已经变成微软的子公司。」", "musk"),
        ("奥特曼在X上发文：「我爱OpenAI，我会回来的。」", "altman"),
        ("马斯克坦承：「我当时太天真了。」", "musk"),
        ("奥特曼回复：「谢谢大家的支持。」", "altman"),
        ("马斯克反驳：「这根本不是事实。」", "musk"),
        ("奥特曼形容这是「艰难的一周」。", "altman"),
        ("奥特曼：“我们还会回来的，一定。”", "altman"),
    ],
)
def test_other_outlets_ways_of_introducing_a_quote_name_its_speaker(text, speaker):
    assert [q.speaker for q in extract_quotes(text, SPEAKERS)] == [speaker]


@pytest.mark.parametrize(
    "text",
    [
        "马斯克的手指着“屏幕上的字”。",  # 指 is a speech verb only before a colon or comma
        "比分：3比1，马斯克“赢了”。",  # a colon not before a quote introduces no speech
    ],
)
def test_look_alikes_of_those_verbs_name_no_speaker(text):
    assert [q.speaker for q in extract_quotes(text, SPEAKERS)] == [None]
