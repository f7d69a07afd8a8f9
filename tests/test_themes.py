"""saga.corpus.themes: rule-based themes per paragraph with hand overrides."""

from __future__ import annotations

import pandas as pd
import pytest

from saga.corpus.script import to_simplified
from saga.corpus.themes import assign_themes, coverage, date_interval, load_overrides, load_themes
from saga.errors import SagaError

THEMES = ["founding", "power-struggle-2018", "capped-profit", "board-crisis-2023", "lawsuit"]


@pytest.fixture(scope="module")
def themes(root):
    return load_themes(root)


@pytest.fixture(scope="module")
def assigned(paragraphs, themes, root):
    return assign_themes(paragraphs, themes, overrides=load_overrides(root))


def paragraph_with(paragraphs, source_id: str, snippet: str) -> str:
    hits = paragraphs[
        (paragraphs["source_id"] == source_id)
        & paragraphs["text"].str.contains(snippet, regex=False)
    ]
    assert len(hits) == 1, f"{snippet!r} in {source_id}: {list(hits['paragraph_id'])}"
    return hits["paragraph_id"].iloc[0]


def themes_of(assigned, pid: str) -> set[str]:
    return set(assigned.loc[assigned["paragraph_id"] == pid, "theme"])


def frame(*texts: str) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "paragraph_id": [f"t-{i}" for i in range(1, len(texts) + 1)],
            "source_id": "t",
            "text_simplified": [to_simplified(t) for t in texts],
        }
    )


def test_five_themes_in_file_order(themes):
    assert list(themes) == THEMES


@pytest.mark.parametrize(
    ("source_id", "snippet", "theme"),
    [
        ("qianjia-2023-03-25", "2019 年 3 月 11 日", "capped-profit"),
        ("semafor-zh-2023-03-24", "2019 年 3 月 11 日", "capped-profit"),
        ("qianjia-2023-03-25", "在 2015 年以非营利组织的形式", "founding"),
        ("unknown-2023-12-04", "門洛帕克瑰麗酒店", "founding"),
        ("qianjia-2023-03-25", "他来掌控 OpenAI", "power-struggle-2018"),
        ("semafor-zh-2023-03-24", "安德烈·卡帕西", "power-struggle-2018"),
        ("unknown-2023-11-20", "為首的董事會成員中趕下臺", "board-crisis-2023"),
        ("unknown-2023-11-20", "罷免Altman的投票結果", "board-crisis-2023"),
        ("unknown-2023-11-20", "Altman將不會回到OpenAI", "board-crisis-2023"),
        ("unknown-2023-11-20", "“超對齊”團隊", "board-crisis-2023"),
        ("vinda-2024-06", "主动撤销对OpenAI", "lawsuit"),
        ("vinda-2024-06", "撤回诉讼只是他情绪宣泄完毕", "lawsuit"),
        ("unknown-2023-12-04", "對標OpenAI", "lawsuit"),
    ],
)
def test_paragraphs_get_the_theme_a_reader_gives_them(
    paragraphs, assigned, source_id, snippet, theme
):
    assert theme in themes_of(assigned, paragraph_with(paragraphs, source_id, snippet))


def test_closing_paragraph_of_qianjia_has_no_theme(paragraphs, assigned):
    assert (
        themes_of(assigned, paragraph_with(paragraphs, "qianjia-2023-03-25", "OpenAI 不予置评"))
        == set()
    )


def test_override_removes_a_misleading_date(paragraphs, assigned):
    pid = paragraph_with(paragraphs, "vinda-2024-06", "2018年1月签订")  # Tesla pay package
    assert "power-struggle-2018" not in themes_of(assigned, pid)


def test_overrides_name_real_paragraphs_and_quote_them(paragraphs, root):
    text = paragraphs.set_index("paragraph_id")["text_simplified"]
    for o in load_overrides(root).itertuples():
        assert o.paragraph_id in text.index
        quote = o.note.split("«")[1].split("»")[0]
        assert to_simplified(quote) in text[o.paragraph_id], o


def test_manual_rows_say_so(assigned, root):
    adds = load_overrides(root).query("action == 'add'")
    manual = assigned[assigned["origin"] == "manual"]
    assert set(zip(manual["paragraph_id"], manual["theme"], strict=True)) == set(
        zip(adds["paragraph_id"], adds["theme"], strict=True)
    )
    assert set(assigned["origin"]) == {"rule", "manual"}


def test_rules_on_a_tiny_fixture(themes):
    p = frame("OpenAI 设定了利润上限", "Sutskever 组建“超級對齊”团队", "今天天气很好")
    got = assign_themes(p, themes)
    assert list(got.columns) == ["paragraph_id", "source_id", "theme", "origin", "evidence"]
    assert list(zip(got["paragraph_id"], got["theme"], strict=True)) == [
        ("t-1", "capped-profit"),
        ("t-2", "board-crisis-2023"),
    ]
    assert got["evidence"].tolist() == ["keyword: 利润上限, 上限", "keyword: 超级对齐"]


def test_resigning_from_the_board_is_2018_and_demanding_the_board_resign_is_not(themes):
    got = assign_themes(
        frame("马斯克随后从OpenAI的董事会辞职", "七百多名员工联名致信，要求董事会辞职"), themes
    )
    assert list(zip(got["paragraph_id"], got["theme"], strict=True)) == [
        ("t-1", "power-struggle-2018")
    ]


def test_entity_rules(themes):
    got = assign_themes(frame("安德烈·卡帕西加入特斯拉", "马斯克的xAI"), themes)
    assert got["theme"].tolist() == ["power-struggle-2018", "lawsuit"]
    assert got["evidence"].tolist() == ["entity: karpathy", "entity: xai"]


def test_dates_count_only_when_resolved_and_wholly_inside_the_range(themes):
    p = frame("甲", "乙", "丙", "丁")
    dates = pd.DataFrame(
        {
            "paragraph_id": ["t-1", "t-2", "t-3", "t-4"],
            "value": ["2018-02-20", "2023", "2017-late", None],
            "resolved": [True, True, True, False],
        }
    )
    got = assign_themes(p, themes, dates=dates)
    assert list(zip(got["paragraph_id"], got["theme"], got["evidence"], strict=True)) == [
        ("t-1", "power-struggle-2018", "date: 2018-02-20"),
        ("t-3", "power-struggle-2018", "date: 2017-late"),
    ]


def test_date_interval():
    assert date_interval("2018") == ("2018-01-01", "2018-12-31")
    assert date_interval("2023-11") == ("2023-11-01", "2023-11-31")
    assert date_interval("2023-09-late") == ("2023-09-21", "2023-09-31")
    assert date_interval("2015-early") == ("2015-01-01", "2015-04-30")
    assert date_interval("soon") is None


def test_overrides_apply_to_the_rows_given_and_are_checked(themes):
    p = frame("OpenAI 设定了利润上限")
    overrides = pd.DataFrame(
        {
            "paragraph_id": ["t-1", "t-1", "elsewhere-1"],
            "theme": ["capped-profit", "founding", "lawsuit"],
            "action": ["remove", "add", "add"],
            "note": ["no", "yes", "not in this subset"],
        }
    )
    got = assign_themes(p, themes, overrides=overrides)
    assert got[["theme", "origin", "evidence"]].values.tolist() == [["founding", "manual", "yes"]]
    with pytest.raises(SagaError, match="unknown theme"):
        assign_themes(p, themes, overrides=overrides.assign(theme="gossip"))
    with pytest.raises(SagaError, match="unknown action"):
        assign_themes(p, themes, overrides=overrides.assign(action="maybe"))


def test_coverage_counts_paragraphs_per_source_and_theme(assigned, sources, themes):
    table = coverage(assigned, sources, themes)
    assert list(table.index) == list(sources["source_id"])
    assert list(table.columns) == THEMES
    assert table.to_numpy().sum() == len(assigned)
    assert (
        table.loc["unknown-2023-11-20", "board-crisis-2023"]
        == table.loc["unknown-2023-11-20"].max()
    )
    assert table.loc["vinda-2024-06", "lawsuit"] == table.loc["vinda-2024-06"].max()
    assert table.loc["semafor-zh-2023-03-24", "board-crisis-2023"] == 0
