"""saga.analysis.money_flows: what the money in the sources stands for, compared across witnesses."""

import pandas as pd
import pytest

from saga.analysis.money_flows import (
    annotate,
    billions,
    flow_figures,
    gap,
    implied_prior,
    microsoft_totals,
    months_between,
    musk_money,
    record_basis,
    shared_figures,
    valuations,
    yi,
)
from saga.corpus.money import money_table
from saga.corpus.store import read_table
from saga.errors import SagaError
from saga.present import style
from saga.records.annotations import bib_keys
from saga.records.money_roles import load_money_roles
from saga.records.outside_record import load_outside_record


@pytest.fixture(scope="module")
def corpus():
    sources = read_table("sources")
    return annotate(money_table(read_table("paragraphs")), sources), sources


def test_every_usd_amount_in_the_corpus_is_annotated(corpus):
    annotated, _ = corpus
    assert (annotated["flow"] != "unannotated").all()
    assert len(annotated) == len(load_money_roles())


def test_a_loose_annotation_fails_loudly():
    sources = read_table("sources")
    money = money_table(read_table("paragraphs"))
    with pytest.raises(SagaError, match="qianjia-2023-03-25-19"):
        annotate(money[money["paragraph_id"] != "qianjia-2023-03-25-19"], sources)


def test_the_two_semafor_translations_count_as_one_witness(corpus):
    annotated, sources = corpus
    figs = flow_figures(annotated, sources).set_index(["flow", "who"])
    # S1 ¶15 and S5 ¶8: 1 亿美元 given; S1 ¶25 and S5 ¶18: Musk's tweet, about US$100 million
    given = figs.loc[("musk-given", "S1+S5")]
    assert (given["low"], given["high"], given["n_mentions"]) == (1e8, 1e8, 4)
    # the pledge: 大约 10 亿美元 in both translations
    assert figs.loc[("musk-pledge", "S1+S5"), "hedges"] == "大约"
    assert not any(w == "S1" or w == "S5" for _, w in figs.index)


def test_microsoft_money_per_witness(corpus):
    annotated, sources = corpus
    totals = microsoft_totals(annotated, sources).set_index("who")
    # S4 ¶19: 10 亿美元 first, then 又向该公司投入 120 亿美元
    assert (totals.loc["S4", "low"], totals.loc["S4", "high"]) == (13e9, 13e9)
    # S2 ¶13: 从2019年开始承诺向其投资几十亿美元 (several billion: 2 to 9 billion)
    assert (totals.loc["S2", "low"], totals.loc["S2", "high"]) == (2e9, 9e9)
    # S1 ¶19 / S5 ¶14: 10 亿美元 less than six months after 2019-03-11
    assert totals.loc["S1+S5", "high"] == 1e9
    assert "S3" not in totals.index


def test_musk_pledged_given_and_record(corpus):
    annotated, sources = corpus
    m = musk_money(annotated, sources)
    pledged = m[m["what"] == "pledged"]
    assert list(pledged["value_usd"]) == [1e9]
    given = m[m["what"] == "given"].set_index("basis")
    assert given.loc["unnamed sources", "value_usd"] == 1e8
    assert given.loc["Musk's tweet", "value_usd"] == 1e8
    assert (given.loc["OpenAI statement", "value_usd"], given.loc["OpenAI statement", "bound"]) == (
        45e6,
        "<",
    )


def test_valuations_and_the_implied_earlier_value(corpus):
    annotated, sources = corpus
    v = valuations(annotated, sources, implied=("unknown-2023-11-20-25", 3, 6)).set_index("kind")
    # S4 ¶25: 超过 800 亿美元 (a lower bound), 几乎是六个月前的三倍
    assert v.loc["lower bound", "value_usd"] == 80e9
    assert v.loc["implied", "value_usd"] == pytest.approx(80e9 / 3)
    assert v.loc["implied", "date"] == "2023-05"
    # Musk's tweet of 3 月 15 日: 300 亿美元
    assert v.loc["stated", "value_usd"] == 30e9


def test_record_keys_are_in_the_bibliography():
    assert set(load_outside_record()["bib"]) <= bib_keys()


def test_small_helpers():
    assert implied_prior(90.0, 3) == 30.0
    with pytest.raises(ValueError):
        implied_prior(1.0, 0)
    # 2019-03-11 to 2019-07-22: 133 days, "不到六个月后" holds
    assert 4.3 < months_between("2019-03-11", "2019-07-22") < 4.5
    assert months_between("2019-07-22", "2019-03-11") < 0
    assert billions(1e9) == "US$1 billion"
    assert billions(12e9) == "US$12 billion"
    assert billions(1e8) == "US$100 million"
    assert yi(1e9) == "10 亿美元"
    assert yi(13e9) == "130 亿美元"


def test_fixture_frame_groups_by_witness():
    sources = pd.DataFrame({"source_id": ["a", "b"], "label": ["S1", "S2"], "witness": ["w", "w"]})
    money = pd.DataFrame(
        {
            "paragraph_id": ["qianjia-2023-03-25-19", "semafor-zh-2023-03-24-14"],
            "source_id": ["a", "b"],
            "text": ["10 亿美元", "10 亿美元"],
            "value": [1e9, 1e9],
            "low": [1e9, 1e9],
            "high": [1e9, 1e9],
            "currency": ["USD", "USD"],
            "amount_usd": [1e9, 1e9],
            "approx": [False, False],
            "approx_word": [None, None],
            "vague": [False, False],
        }
    )
    # annotate refuses: the other annotated amounts are absent from this two-row frame
    with pytest.raises(SagaError):
        annotate(money, sources)
    r = load_money_roles()
    keyed = money.merge(r, on=["paragraph_id", "text"]).join(
        sources.set_index("source_id")[["label", "witness"]], on="source_id"
    )
    figs = flow_figures(keyed, sources)
    assert list(figs["who"]) == ["S1+S2"]
    assert int(figs["n_mentions"].iloc[0]) == 2


def test_charts_render(corpus):
    from saga.present.money_charts import microsoft_chart, musk_chart, valuation_chart

    annotated, sources = corpus
    for fig in (
        microsoft_chart(microsoft_totals(annotated, sources), title="t", source="s"),
        musk_chart(musk_money(annotated, sources), title="t", source="s"),
        valuation_chart(valuations(annotated, sources), title="t", source="s"),
    ):
        assert style.png(fig)[:4] == b"\x89PNG"


def test_musks_own_complaint_sits_beside_openais_figure_in_the_record(corpus):
    annotated, sources = corpus
    everyone = musk_money(annotated, sources, bases=None)
    rec = everyone[everyone["record"]].set_index("basis")
    # OpenAI, 2024-03-05: "less than $45M from Elon"; Musk's federal complaint: about $44 million
    assert (rec.loc["OpenAI statement", "value_usd"], rec.loc["OpenAI statement", "bound"]) == (
        45e6,
        "<",
    )
    assert rec.loc["Musk's federal complaint", "value_usd"] == 44e6
    assert rec.loc["Musk's federal complaint", "cite"] == "muskfederal2024"
    # by default only OpenAI's statement, as chapter 2 shows it
    assert list(musk_money(annotated, sources).query("record")["basis"]) == ["OpenAI statement"]


def test_the_hundred_million_is_over_twice_the_highest_filed_figure(corpus):
    annotated, sources = corpus
    g = gap(musk_money(annotated, sources, bases=None))
    # S1 ¶15 已经捐出了 1 亿美元 against OpenAI's < $45M and the complaint's $44M
    assert g["claimed"] == 1e8
    assert (g["record_low"], g["record_high"]) == (44e6, 45e6)
    assert g["multiple"] == pytest.approx(100 / 45)


def test_record_basis_is_the_notes_text_before_the_colon():
    assert record_basis("OpenAI statement: 'less than $45M'") == "OpenAI statement"
    assert record_basis("no colon here") == "record"


def test_only_microsofts_first_billion_is_given_alike_by_two_witnesses(corpus):
    annotated, sources = corpus
    # S1 ¶19 / S5 ¶14 and S4 ¶19 all say 10 亿美元; the valuations differ (300 亿 vs 800 亿)
    assert shared_figures(flow_figures(annotated, sources)) == ["microsoft-first"]
    tiny = pd.DataFrame(
        {"flow": ["a", "a", "b", "b"], "witness": ["w1", "w2", "w1", "w2"],
         "low": [1.0, 1.0, 1.0, 2.0], "high": [1.0, 1.0, 1.0, 2.0]}
    )  # fmt: skip
    assert shared_figures(tiny) == ["a"]
    unrelated = tiny.assign(flow=["unannotated"] * 2 + ["b"] * 2)
    assert shared_figures(unrelated) == []


def test_the_amounts_table_lists_annotated_amounts_then_at_most_top_unannotated_ones():
    from saga.present.money_charts import amounts_table

    def amount(pid, text, value, currency, flow, as_of=""):
        return dict(paragraph_id=pid, text=text, low=value, high=value, currency=currency,
                    flow=flow, as_of=as_of, basis="article" if as_of else "")  # fmt: skip

    annotated = pd.DataFrame(
        [
            amount("a-1", "20亿美元", 2e9, "USD", "unannotated"),
            amount("a-2", "10 亿美元", 1e9, "USD", "microsoft-first", "2019"),
            amount("a-2", "70 亿元", 7e9, "CNY", "conversion"),
            amount("b-1", "30亿元人民币", 3e9, "CNY", "unannotated"),
            amount("b-2", "5亿美元", 5e8, "USD", "unannotated"),
        ]
    )
    labels = {"a-1": "S6 ¶1", "a-2": "S6 ¶2", "b-1": "S7 ¶1", "b-2": "S7 ¶2"}
    flows = {"microsoft-first": "Microsoft's first investment"}
    table = amounts_table(annotated, labels, flows, pd.DataFrame({"paragraph_id": []}), top=2)
    assert table[["paragraph", "amount", "flow"]].to_dict("records") == [
        {"paragraph": "S6 ¶2", "amount": "US$1 billion", "flow": "Microsoft's first investment"},
        {"paragraph": "S6 ¶1", "amount": "US$2 billion", "flow": "unannotated"},
        {"paragraph": "S7 ¶1", "amount": "CN¥3 billion", "flow": "unannotated"},
        {"paragraph": "1 other unannotated amounts", "amount": "", "flow": ""},
    ]


def test_the_amounts_table_gives_each_amount_as_its_source_wrote_it():
    """The money table matches simplified text: a traditional-script page's 120 億美元 is shown
    as written where the offsets carry over."""
    from saga.present.money_charts import amounts_table

    annotated = pd.DataFrame(
        {
            "paragraph_id": ["tw-1"],
            "text": ["120 亿美元"],
            "start": pd.array([4], dtype="Int64"),
            "end": pd.array([11], dtype="Int64"),
            "low": [1.2e10],
            "high": [1.2e10],
            "currency": ["USD"],
            "flow": ["microsoft-later"],
            "as_of": [""],
            "basis": ["article"],
        }
    )
    paragraphs = pd.DataFrame({"paragraph_id": ["tw-1"], "text": ["累計投 120 億美元"]})
    table = amounts_table(annotated, {"tw-1": "S4 ¶19"}, {}, paragraphs)
    assert table["text"].tolist() == ["120 億美元"]
