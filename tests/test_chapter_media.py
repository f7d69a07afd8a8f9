"""saga.analysis.framing's lexicon tables on tiny pages, and saga.analysis.pages: the dates
and reach a page shows beyond its text. Real-corpus expectations come from reading the pages (docs/research/media.md)."""

import pandas as pd

from saga.analysis.coverage import sources_matching
from saga.analysis.framing import lexicon_table, term_hits
from saga.analysis.pages import page_dates, reach_lines
from saga.records.lexicons import load_terms

SOURCES = pd.DataFrame(
    {
        "source_id": ["a", "b"],
        "label": ["S1", "S2"],
        "script": ["simplified", "traditional"],
        "published": ["2023-03-25", "2023-12"],
    }
)
PARAS = pd.DataFrame(
    {
        "source_id": ["a", "a", "b"],
        "text": ["一場宮鬥信息", "信息", "科學傢的信息"],
        "text_simplified": ["一场宫斗信息", "信息", "科学家的信息"],
    }
)
PROV = pd.DataFrame({"kind": ["mainland-vocabulary", "conversion-error"], "term": ["信息", "傢"]})


def test_every_chosen_source_is_a_row_and_every_kind_a_column():
    table = lexicon_table(PARAS, SOURCES, PROV, "text")
    assert table.to_dict("index") == {
        "S1": {"mainland-vocabulary": 2, "conversion-error": 0},
        "S2": {"mainland-vocabulary": 1, "conversion-error": 1},
    }


def test_provenance_is_counted_on_traditional_sources_only():
    table = lexicon_table(PARAS, SOURCES, PROV, "text", scripts={"traditional"})
    assert list(table.index) == ["S2"]


def test_hits_list_the_words_behind_a_count():
    hits = term_hits(PARAS, SOURCES, PROV, "text", "mainland-vocabulary")
    assert hits.to_dict("records") == [
        {"label": "S1", "term": "信息", "count": 2},
        {"label": "S2", "term": "信息", "count": 1},
    ]


def test_page_dates_find_repost_bylines_and_late_teasers():
    report = pd.DataFrame(
        {"source_id": ["a", "a"], "text": ["发表于:2023-04-04 作者", "最后更新 2023年3月20日"]}
    )
    related = pd.DataFrame({"source_id": ["b"], "date": ["2024-01-10"]})
    out = page_dates(SOURCES, related, report).set_index("label")
    assert out.loc["S1"].tolist() == ["2023-03-25", "2023-04-04", "page chrome", 10]
    # a text dated only to the month has no day count
    assert out.loc["S2", "latest_on_page"] == "2024-01-10" and pd.isna(out.loc["S2", "days_later"])


def test_the_real_pages_show_their_conversion_and_their_reposting(root, sources, corpus):
    p = corpus["paragraphs"]
    prov = lexicon_table(p, sources, load_terms("provenance", root), "text", {"traditional"})
    # S2: 傢 ×8, 關系 ×2, 專註; S4: 傢 ×5, 關系, 聯系, 註 ×3, 隻是, 范圍 (read on the pages)
    assert prov["conversion-error"].to_dict() == {"S2": 11, "S4": 12}
    # S2: 網絡, 播客 ×2; S4: 信息, 數據, 硬件, 播客
    assert prov["mainland-vocabulary"].to_dict() == {"S2": 3, "S4": 4}
    frames = lexicon_table(p, sources, load_terms("frames", root), "text_simplified")
    assert frames["palace-drama"].to_dict() == {"S1": 0, "S2": 0, "S3": 0, "S4": 8, "S5": 0}
    assert frames.loc["S1", "power-struggle"] == 6  # 权力斗争 ×4, 夺权, 败给
    dates = page_dates(sources, corpus["related"], corpus["cleaning_report"]).set_index("label")
    # 千家信息网's byline 发表于:2024-11-23 for a text datelined 2023-03-25
    assert dates.loc["S1", "latest_on_page"] == "2024-11-23"
    assert dates.loc["S1", "days_later"] == 609
    assert dates.loc["S4", "latest_on_page"] == "2024-04-13"
    assert "S3" not in dates.index and "S5" not in dates.index


def test_sources_matching_names_who_tells_a_detail():
    assert sources_matching(PARAS, SOURCES, "宫斗") == ["S1"]
    assert sources_matching(PARAS, SOURCES, "信息") == ["S1", "S2"]


def test_only_vindas_blog_page_shows_its_reach(sources, corpus):
    # the blog's chrome: "• 69 热度", "0 评论", "• 3 粉丝 43 篇博客"
    lines = reach_lines(corpus["cleaning_report"], sources)
    assert set(lines["label"]) == {"S3"}
    assert any("69 热度" in t for t in lines["text"]) and any("3 粉丝" in t for t in lines["text"])
