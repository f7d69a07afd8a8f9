"""saga.analysis.teasers: the dated related-article teasers as a trail of the 2023 crisis."""

import pandas as pd
import pytest

from saga.analysis.teasers import days_after, first_dates, reported_dates, stage_of, trail
from saga.corpus.store import read_table
from saga.present.date_charts import trail_chart


@pytest.mark.parametrize(
    ("text", "stage"),
    [
        ("OpenAI创始人奥特曼被自己一手创办的公司给“优化”", "removal"),
        ("微软CEO最终告诉全世界,被罢免的CEO和总裁加入微软", "microsoft"),
        ("正向公司董事会施压,要求撤销罢免;奥特曼对重返OpenAI态度暧昧", "pressure"),
        ("阿尔特曼及其盟友布罗克曼重返OpenAI", "return"),
        ("有效利他主义是如何影响AI领域的?", "cause"),
        ("马斯克在诉讼中表示", "lawsuit"),
        ("OpenAI官方发布“政变”调查结果", "review"),
        ("苹果首席执行官蒂姆·库克近期在接受采访时表示", "other"),
    ],
)
def test_stage_of(text, stage):
    assert stage_of(text) == stage


@pytest.fixture(scope="module")
def corpus_trail():
    return trail(read_table("related"), read_table("sources"))


def test_window_of_the_trail():
    t = trail(read_table("related"), read_table("sources"), start="2023-11-18", end="2024-03-10")
    # counted by reading the two pages' 相關推薦 lists: S4 has 13 teasers in the window (its
    # 2024-04-13 teaser falls outside), S2 has 10 (2023-04-03/04/10 and 2024-03-12 fall outside)
    assert t["label"].value_counts().to_dict() == {"S4": 13, "S2": 10}
    assert t["date"].is_monotonic_increasing


def test_first_dates_of_the_storyline(corpus_trail):
    f = first_dates(corpus_trail).set_index("stage")
    # both pages carry a 2023-11-18 teaser on the removal
    assert (f.loc["removal", "first"], f.loc["removal", "pages"]) == ("2023-11-18", 2)
    # S4's 2023-11-21 teaser: 11月20日 Nadella says Altman and Brockman join Microsoft;
    # S4's 2023-11-20 teaser already has them 加入微软
    assert f.loc["microsoft", "first"] == "2023-11-20"
    # the first teaser of the return: 2023-11-24, 在100小时内重新掌舵
    assert f.loc["return", "first"] == "2023-11-24"
    # the review: 2024-03-10, 3月9日 OpenAI 官方发布调查结果
    assert f.loc["review", "first"] == "2024-03-10"


def test_reported_dates_and_lags(corpus_trail):
    r = reported_dates(corpus_trail).set_index(["label", "date"])
    # S4's teaser of 2023-11-25: 11月22日(周三)午后 ... 重返OpenAI
    assert r.loc[("S4", "2023-11-25"), "reported"] == "2023-11-22"
    assert r.loc[("S4", "2023-11-25"), "lag_days"] == 3
    # S2's teaser of 2023-11-18: 當地時間11月17日 ... 董事會宣佈
    assert r.loc[("S2", "2023-11-18"), "reported"] == "2023-11-17"


def test_days_after():
    s = pd.Series(["2023-11-17", "2023-11-25", "2023-11-10"])
    assert list(days_after(s, "2023-11-17")) == [0, 8, -7]


def test_fixture_teasers_get_themes_from_the_lexicon():
    from saga.corpus.themes import load_themes

    related = pd.DataFrame(
        {
            "source_id": ["unknown-2023-11-20", "unknown-2023-11-20"],
            "n": [2, 1],
            "date": ["2023-11-25", "2023-11-18"],
            "text": ["OpenAI的宮鬥", "馬斯克起訴OpenAI"],
            "text_simplified": ["OpenAI的宫斗", "马斯克起诉OpenAI"],
        }
    )
    sources = pd.DataFrame({"source_id": ["unknown-2023-11-20"], "label": ["S4"]})
    t = trail(related, sources, load_themes())
    assert list(t["date"]) == ["2023-11-18", "2023-11-25"]
    assert list(t["themes"]) == ["lawsuit", "board-crisis-2023"]
    assert list(t["stage"]) == ["lawsuit", "other"]


def test_trail_chart_draws_one_panel_per_window(corpus_trail):
    fig = trail_chart(
        corpus_trail,
        [("2023-11-17", "removal")],
        windows=[("2023-11-16", "2023-12-04"), ("2024-02-28", "2024-03-11")],
        title="t",
        source="s",
    )
    panels = [ax for ax in fig.axes if ax.get_xlabel()]
    assert len(panels) == 2
    # every teaser inside the two windows is drawn once
    inside = corpus_trail[
        corpus_trail["date"].between("2023-11-16", "2023-12-04")
        | corpus_trail["date"].between("2024-02-28", "2024-03-11")
    ]
    drawn = sum(len(c.get_offsets()) for ax in panels for c in ax.collections)
    assert drawn == len(inside)
