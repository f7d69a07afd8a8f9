"""saga.corpus.entities: alias lexicon and longest-match mentions over text_simplified."""

from __future__ import annotations

import pandas as pd
import pytest

from saga.corpus.entities import (
    alias_variants,
    learned_forms,
    load_entities,
    mentions_table,
    unlisted_forms,
    variant_table,
)
from saga.corpus.script import to_simplified

# Every spelling of Altman met while reading the five articles (teasers excluded).
ALTMAN_SEEN = ["萨姆・阿尔特曼", "薩姆·奧特曼", "萨姆·奥特曼", "Sam Altman", "SamAltman",
               "阿尔特曼", "阿爾特曼", "奧爾特曼", "奧特曼", "奥特曼", "Altman"]  # fmt: skip


@pytest.fixture(scope="module")
def entities(root):
    return load_entities(root)


@pytest.fixture(scope="module")
def mentions(paragraphs, entities):
    return mentions_table(paragraphs, entities)


def frame(*texts: str) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "paragraph_id": [f"t-{i}" for i in range(1, len(texts) + 1)],
            "source_id": "t",
            "text": list(texts),
            "text_simplified": [to_simplified(t) for t in texts],
        }
    )


def found(entities, text: str) -> list[tuple[str, str]]:
    m = mentions_table(frame(text), entities)
    return list(zip(m["entity_id"], m["surface"], strict=True))


def article_text(root, source) -> str:
    """A raw article up to its related-articles block (what becomes paragraphs)."""
    text = (root / "data/raw" / source.file).read_text(encoding="utf-8")
    for heading in ("\n相关推荐\n", "\n相關推薦\n"):
        text = text.split(heading)[0]
    return text


def count_non_overlapping(text: str, variants: list[str]) -> int:
    total = 0
    for v in sorted(variants, key=len, reverse=True):
        total += text.count(v)
        text = text.replace(v, "\0")
    return total


def test_altman_mentions_per_source_match_an_independent_count(root, sources, mentions):
    counted = {
        s.source_id: count_non_overlapping(article_text(root, s), ALTMAN_SEEN)
        for s in sources.itertuples()
    }
    found_ = mentions[mentions["entity_id"] == "altman"].groupby("source_id").size()
    assert found_.to_dict() == counted


def test_each_source_has_its_own_usual_spelling_of_altman(mentions, sources):
    variants = variant_table(mentions[mentions["entity_id"] == "altman"], sources)
    top = variants.groupby("source_id")["surface"].first().to_dict()
    assert top == {
        "qianjia-2023-03-25": "阿尔特曼",
        "semafor-zh-2023-03-24": "阿尔特曼",
        "unknown-2023-12-04": "奧特曼",
        "unknown-2023-11-20": "Altman",
        "vinda-2024-06": "奥特曼",
    }


def test_variant_shares_sum_to_one_per_entity_and_source(mentions, sources):
    v = variant_table(mentions, sources)
    assert list(v.columns) == [
        "entity_id",
        "source_id",
        "label",
        "outlet",
        "surface",
        "mentions",
        "share",
    ]
    assert v.groupby(["entity_id", "source_id"])["share"].sum().round(9).eq(1).all()
    assert v["mentions"].sum() == len(mentions)


def test_surface_is_the_original_script_span_of_a_simplified_match(paragraphs, mentions):
    text = paragraphs.set_index("paragraph_id")
    for m in mentions.itertuples():
        assert text.at[m.paragraph_id, "text_simplified"][m.start : m.end] == m.alias
        assert text.at[m.paragraph_id, "text"][m.start : m.end] == m.surface
    assert "蘇斯克沃" in set(mentions["surface"]) and "薩姆·奧特曼" in set(mentions["surface"])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("萨姆·奥特曼说", [("altman", "萨姆·奥特曼")]),
        ("埃隆・马斯克和薩姆-阿爾特曼", [("musk", "埃隆・马斯克"), ("altman", "薩姆-阿爾特曼")]),
        ("山姆-奧特曼与薩姆奧特曼", [("altman", "山姆-奧特曼"), ("altman", "薩姆奧特曼")]),
        ("與埃隆·馬斯克(ElonMusk)", [("musk", "埃隆·馬斯克"), ("musk", "ElonMusk")]),
        ("首席執行官SamAltman也", [("altman", "SamAltman")]),
        ("OpenAI的“Open” AI", [("openai", "OpenAI")]),
        ("初創公司xAI發佈Grok3.0", [("xai", "xAI"), ("grok", "Grok")]),
        ("在社交媒体X上写道", [("twitter", "X")]),
        ("SpaceX和Xbox", []),
        (
            "Adam D’Angelo与Adam D‘Angelo",
            [("dangelo", "Adam D’Angelo"), ("dangelo", "Adam D‘Angelo")],
        ),
        ("GregBrockman和Brockman", [("brockman", "GregBrockman"), ("brockman", "Brockman")]),
        ("Musky Muskrat", []),
        ("首席科学家伊利亚·苏特斯科夫", [("sutskever", "苏特斯科夫")]),  # 智东西's form
        # a listed form followed by 尔, the transliteration of a final -l/-r, is a longer form
        # of the name: the mention records it as written, not cut before the 尔
        ("伊利亚·苏茨克维尔表示", [("sutskever", "伊利亚·苏茨克维尔")]),
        ("伊利亞·蘇茨克維爾與馬斯克", [("sutskever", "伊利亞·蘇茨克維爾"), ("musk", "馬斯克")]),
        ("苏茨克维说", [("sutskever", "苏茨克维")]),
        # the board that took Altman back, as 晚点LatePost and 亚设网 wrote it (November 2023)
        (
            "布雷特·泰勒(Bret Taylor)、劳伦斯·萨默斯和亚当·德安吉洛",
            [
                ("taylor", "布雷特·泰勒"),
                ("taylor", "Bret Taylor"),
                ("summers", "劳伦斯·萨默斯"),
                ("dangelo", "亚当·德安吉洛"),
            ],
        ),
        ("萨默斯(Larry Summers)表示", [("summers", "萨默斯"), ("summers", "Larry Summers")]),
        ("泰勒·斯威夫特", []),  # 泰勒 alone is no alias
    ],
)
def test_longest_match_with_latin_word_boundaries(entities, text, expected):
    assert found(entities, text) == expected


def test_offsets_without_surface_when_scripts_differ_in_length(entities):
    m = mentions_table(
        pd.DataFrame(
            {
                "paragraph_id": ["x-1"],
                "source_id": ["x"],
                "text": ["〇马斯克"],
                "text_simplified": ["马斯克"],
            }
        ),
        entities,
    )
    assert (m.loc[0, "start"], m.loc[0, "end"], m.loc[0, "surface"]) == (0, 3, None)


def test_alias_variants_cover_separators_spacing_and_script():
    assert {"萨姆·奥特曼", "萨姆・奥特曼", "萨姆-奥特曼", "萨姆奥特曼"} <= alias_variants(
        "薩姆·奧特曼"
    )
    assert alias_variants("Sam Altman") == {"Sam Altman", "SamAltman"}
    assert alias_variants("GPT-4") == {"GPT-4"}


def test_lexicon_lists_the_traditional_spellings_the_sources_use(entities):
    aliases = entities.set_index("id")["aliases"]
    assert {"奧特曼", "阿爾特曼", "奧爾特曼", "薩姆奧特曼", "薩姆-阿爾特曼"} <= set(
        aliases["altman"]
    )
    assert {"蘇茨克沃", "蘇斯克沃"} <= set(aliases["sutskever"])
    required = {"musk", "altman", "sutskever", "brockman", "page", "hoffman", "thiel", "karpathy",
                "zilis", "toner", "mccauley", "dangelo", "pachocki", "murati", "shear", "nadella",
                "openai", "microsoft", "google", "deepmind", "tesla", "xai", "apple", "twitter",
                "softbank", "ycombinator", "chatgpt", "gpt-4", "grok", "nvidia"}  # fmt: skip
    assert required <= set(entities["id"])
    assert set(entities["type"]) == {"person", "org", "product"}


# Name forms learned from a source's own glosses (issue 13).
def article(*texts: str, source: str = "t") -> pd.DataFrame:
    """One source's paragraphs, in the original script."""
    df = frame(*texts)
    df["source_id"] = source
    df["paragraph_id"] = [f"{source}-{i}" for i in range(1, len(texts) + 1)]
    return df


SHEAR_REPORT = (
    "董事會找來Twitch共同創辦人、前執行長希爾（Emmett Shear）接任。",  # the one gloss
    "希爾在X上表示，接下這份工作是一生難得的機會。",
    "納德拉期待與希爾共事。",
)


def test_a_glossed_form_counts_for_every_mention_in_its_source(entities):
    m = mentions_table(article(*SHEAR_REPORT), entities)
    shear = m[m["entity_id"] == "shear"]
    assert list(shear["surface"]) == ["希爾", "Emmett Shear", "希爾", "希爾"]
    assert list(shear["origin"]) == ["learned", "lexicon", "learned", "learned"]


def test_learned_forms_and_the_lexicon_match_as_one_set_of_aliases(entities):
    # Made-up forms, given as learned: the earliest alias wins, the longer where a learned form
    # and a lexicon alias start together, and nothing matches inside another match.
    forms = pd.DataFrame(
        [("t", "马斯克沃", "sutskever", "t-1", "Sutskever", False),
         ("t", "特曼", "toner", "t-1", "Toner", False)],
        columns=["source_id", "form", "entity_id", "paragraph_id", "gloss", "in_lexicon"],
    )  # fmt: skip
    m = mentions_table(frame("马斯克沃和奥特曼说；特曼奥特曼"), entities, forms)
    assert list(zip(m["alias"], m["start"], m["entity_id"], m["origin"], strict=True)) == [
        ("马斯克沃", 0, "sutskever", "learned"),
        ("奥特曼", 5, "altman", "lexicon"),
        ("特曼", 10, "toner", "learned"),
        ("奥特曼", 12, "altman", "lexicon"),
    ]


def test_a_learned_form_stays_in_its_own_source(entities):
    two = pd.concat([article(*SHEAR_REPORT), article("希爾頓酒店的希爾先生說", source="u")])
    m = mentions_table(two, entities)
    assert not ((m["source_id"] == "u") & (m["entity_id"] == "shear")).any()


def test_learned_forms_table_records_the_gloss_paragraph_and_lexicon_status(entities):
    forms = learned_forms(article("", *SHEAR_REPORT, "納德拉(Satya Nadella)稱"), entities)
    assert forms.to_dict("records") == [
        {"source_id": "t", "form": "希爾", "entity_id": "shear", "paragraph_id": "t-2",
         "gloss": "Emmett Shear", "in_lexicon": False},
        {"source_id": "t", "form": "納德拉", "entity_id": "nadella", "paragraph_id": "t-5",
         "gloss": "Satya Nadella", "in_lexicon": True},
    ]  # fmt: skip
    assert list(unlisted_forms(forms)["form"]) == ["希爾"]


@pytest.mark.parametrize(
    "gloss",
    ["前執行長希爾(Emmett Shear)", "前執行長希爾 (Emmett Shear)", "前執行長希爾（ Emmett Shear ）",
     "前執行長希爾 （Emmett Shear）", "前執行長希爾(Shear)", "前執行長希爾(EmmettShear)"],
)  # fmt: skip
def test_glosses_in_half_and_full_width_brackets_with_or_without_spaces(entities, gloss):
    forms = learned_forms(article(gloss, "希爾說。", "他與希爾會面"), entities)
    assert list(zip(forms["form"], forms["entity_id"], strict=True)) == [("希爾", "shear")]


def test_a_separated_full_name_teaches_its_surname(entities):
    text = ("首席執行官萨姆・阿尔特曼 (Sam Altman) 表示", "前總裁埃米特·希尔 （Emmett Shear）出任")
    forms = learned_forms(article(*text), entities)
    assert list(zip(forms["form"], forms["in_lexicon"], strict=True)) == [
        ("阿尔特曼", True),
        ("希尔", False),
    ]


def test_no_form_is_learned_without_a_lexicon_entity_or_a_clear_word_start(entities):
    assert learned_forms(article("董事西莫(Fidji Simo)", "西莫說"), entities).empty  # no entity
    # only a person's surname stands for the whole name: X is the platform, not Space X
    assert learned_forms(article("太空探索(Space X)", "太空探索说"), entities).empty
    # 希爾 occurs only in the gloss: nothing shows where the name starts in 前執行長希爾
    assert learned_forms(article("前執行長希爾(Emmett Shear)接任"), entities).empty


def test_a_form_the_lexicon_gives_to_another_entity_is_not_learned(entities):
    assert learned_forms(article("他說馬斯克(Sam Altman)", "馬斯克稱"), entities).empty


def test_names_joined_with_a_bullet_match(entities):
    assert found(entities, "山姆•奧特曼表示") == [("altman", "山姆•奧特曼")]  # as 中新網 writes


def test_learned_forms_table_lists_what_the_lexicon_lacks_with_its_first_gloss():
    from saga.analysis.naming import learned_forms_table

    forms = pd.DataFrame(
        {
            "source_id": ["tw-1", "tw-1"],
            "form": ["阿特曼", "奧特曼"],
            "entity_id": ["altman", "altman"],
            "paragraph_id": ["tw-1-3", "tw-1-5"],
            "gloss": ["Sam Altman", "Sam Altman"],
            "in_lexicon": [False, True],
        }
    )
    paragraphs = pd.DataFrame(
        {"paragraph_id": ["tw-1-3", "tw-1-5"], "label": ["S6", "S6"], "n": [3, 5]}
    )
    table = learned_forms_table(forms, paragraphs, {"altman": "Sam Altman"})
    assert table.to_dict("records") == [
        {
            "source": "S6",
            "form": "阿特曼",
            "entity": "Sam Altman",
            "gloss": "Sam Altman",
            "first gloss": "S6 ¶3",
        }
    ]


def test_a_glossed_surname_the_lexicon_leaves_out_is_learned_for_its_source(entities):
    # 泰勒 alone is no alias (Taylor is common), but a source that glosses it means Bret Taylor
    forms = learned_forms(article("主席泰勒(Bret Taylor)", "泰勒說"), entities)
    assert forms[["form", "entity_id", "in_lexicon"]].values.tolist() == [["泰勒", "taylor", False]]
