"""The corpus-wide section: which sources tell a theme, what they date, name and count, and
which copy one another, bounded whatever the corpus size."""

import pandas as pd

from saga.analysis import corpuswide as cw
from saga.present.corpuswide import sources_table, summary

SOURCES = pd.DataFrame(
    {
        "source_id": ["ed-1", "ed-2", "new-1"],
        "label": ["S1", "S2", "S3"],
        "outlet": ["甲报", "乙网", "丙日报"],
        "script": ["simplified", "traditional", "traditional"],
        "published": ["2023-03-25", "2023-11-20", "2023-11-18"],
    }
)
PARAS = pd.DataFrame(
    {
        "paragraph_id": ["ed-1-1", "ed-1-2", "ed-2-1", "new-1-1", "new-1-2"],
        "source_id": ["ed-1", "ed-1", "ed-2", "new-1", "new-1"],
        "label": ["S1", "S1", "S2", "S3", "S3"],
        "n": [1, 2, 1, 1, 2],
    }
)
THEMES = pd.DataFrame(
    {
        "paragraph_id": ["ed-2-1", "new-1-1", "new-1-2", "ed-1-2"],
        "source_id": ["ed-2", "new-1", "new-1", "ed-1"],
        "theme": ["crisis", "crisis", "crisis", "founding"],
        "evidence": [
            "keyword: 董事会",
            "keyword: 解雇",
            "keyword: 解雇, 董事会; date: 2023-11-17",
            "",
        ],
    }
)


def test_relevance_counts_the_pieces_of_evidence():
    assert cw.relevance("keyword: 解雇, 董事会; date: 2023-11-17") == 3
    assert cw.relevance(None) == 1


def test_theme_sources_lists_tellers_oldest_first_with_their_best_paragraph():
    told = cw.theme_sources("crisis", SOURCES, PARAS, THEMES, {"ed-1", "ed-2"})
    assert told["label"].tolist() == ["S3", "S2"]  # 18 Nov before 20 Nov
    assert told["edition"].tolist() == [False, True]
    assert told["paragraphs"].tolist() == [2, 1]
    assert told["top_paragraph"].tolist() == ["new-1-2", "ed-2-1"]


def test_summary_cites_the_added_sources_best_paragraph():
    told = cw.theme_sources("crisis", SOURCES, PARAS, THEMES, {"ed-1", "ed-2"})
    text = summary("board crisis", told, n_sources=3)
    assert "2 carry the theme “board crisis”: 1 of the edition sources and 1 added" in text
    assert "The earliest is S3 (2023-11-18), the latest S2 (2023-11-20)." in text
    assert "S3 {para}`new-1-2`" in text


def test_summary_says_so_when_nothing_tells_the_theme():
    told = cw.theme_sources("lawsuit", SOURCES, PARAS, THEMES, set())
    assert summary("lawsuit", told, 3) == (
        "No source in the current corpus (3 sources) carries the lawsuit theme."
    )


def test_tables_are_bounded_with_one_summary_row():
    many = pd.DataFrame(
        {
            "label": [f"S{i}" for i in range(1, 31)],
            "outlet": ["甲", "乙"] * 15,
            "script": ["simplified"] * 30,
            "published": [f"2024-01-{d:02d}" for d in range(1, 31)],
            "edition": [True] * 5 + [False] * 25,
            "paragraphs": [1] * 30,
            "source_id": [f"s{i}" for i in range(30)],
            "top_paragraph": ["p"] * 30,
        }
    )
    shown = sources_table(many, top=12)
    assert len(shown) == 13
    assert shown.iloc[-1].to_dict() == {
        "label": "18 other sources",
        "outlet": "2 outlets",
        "script": "simplified",
        "published": "2024-01-13 – 2024-01-30",
        "edition": "0 edition",
        "paragraphs": 18,
    }


def test_name_forms_count_sources_per_written_form():
    mentions = pd.DataFrame(
        {
            "paragraph_id": ["ed-2-1", "new-1-1", "new-1-2", "ed-1-2"],
            "source_id": ["ed-2", "new-1", "new-1", "ed-1"],
            "entity_id": ["altman", "altman", "altman", "altman"],
            "surface": ["奧特曼", "阿特曼", "奧特曼", "奥特曼"],
        }
    )
    forms = cw.name_forms(["ed-2-1", "new-1-1", "new-1-2"], mentions, {"altman"}, {
        "ed-2": "S2", "new-1": "S3"})  # fmt: skip
    assert forms[["form", "sources", "used_by"]].values.tolist() == [
        ["奧特曼", 2, "S2, S3"],
        ["阿特曼", 1, "S3"],
    ]


def test_copies_groups_sources_sharing_most_text_both_ways():
    overlap = pd.DataFrame(
        {
            "source": ["ed-1", "new-1", "ed-2", "new-1"],
            "aligned_with": ["new-1", "ed-1", "new-1", "ed-2"],
            "share": [0.8, 0.9, 0.9, 0.1],
        }
    )
    groups = cw.copies(["ed-1", "ed-2", "new-1"], overlap, SOURCES)
    assert groups.to_dict("records") == [{"sources": "S1 = S3", "n": 2}]


def test_a_vague_amount_is_given_as_its_range_and_not_counted_with_an_exact_one():
    """几百万美元 (US$2-9 million) and an exact US$2 million are two figures, not one."""
    money = pd.DataFrame(
        {
            "paragraph_id": ["ed-1-2", "new-1-1", "ed-2-1"],
            "source_id": ["ed-1", "new-1", "ed-2"],
            "text": ["几百万美元", "200万美元", "1000万元"],
            "low": [2e6, 2e6, 1e7],
            "high": [9e6, 2e6, 1e7],
            "currency": ["USD", "USD", "CNY"],
        }
    )
    got = cw.amounts(["ed-1-2", "new-1-1", "ed-2-1"], money, PARAS)
    assert got["as_written"].tolist() == ["200万美元", "几百万美元", "1000万元"]
    assert got["usd"].tolist()[:2] == [2e6, 2e6] and got["usd_high"].tolist()[:2] == [2e6, 9e6]
    assert got[["usd", "usd_high"]].iloc[2].isna().all()  # no US$ value for an amount in yuan
    assert got["where"].tolist() == ["S3 ¶1", "S1 ¶2", "S2 ¶1"]


def test_an_amount_is_given_as_its_source_wrote_it_in_its_own_script():
    """The money table matches simplified text; a traditional-script page's amount is shown in
    its own script where the offsets carry over, and as matched where they do not."""
    paras = PARAS.assign(text=["", "", "投資幾十億美元", "", ""])
    money = pd.DataFrame(
        {
            "paragraph_id": ["ed-2-1", "new-1-1"],
            "source_id": ["ed-2", "new-1"],
            "text": ["几十亿美元", "10亿美元"],
            "start": pd.array([2, None], dtype="Int64"),
            "end": pd.array([7, None], dtype="Int64"),
            "low": [2e9, 1e9],
            "high": [9e9, 1e9],
            "currency": ["USD", "USD"],
        }
    )
    got = cw.amounts(["ed-2-1", "new-1-1"], money, paras)
    assert sorted(got["as_written"]) == ["10亿美元", "幾十億美元"]
