"""saga.corpus.money: currency amounts, hedges and vague amounts in the sources."""

import pandas as pd
import pytest

from saga.corpus.money import MONEY_COLUMNS, extract_money, money_table


def one(text: str):
    found = extract_money(text)
    assert len(found) == 1, found
    return found[0]


def test_arabic_amount_with_yi_in_usd():
    m = one("他当时已经捐出了 1 亿美元")
    assert (m.text, m.value, m.currency, m.amount_usd, m.approx, m.vague) == (
        "1 亿美元",
        100_000_000,
        "USD",
        100_000_000,
        False,
        False,
    )


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("OpenAI 从微软获得了 10 亿美元投资", 1_000_000_000),
        ("他终于拿到拖欠了将近6年的工资,560亿美元,", 56_000_000_000),
        ("微软又向该公司投入 120 亿美元。", 12_000_000_000),
        ("一个估值 300 亿美元的营利性组织", 30_000_000_000),
        ("不到1万亿美元的资金", 1_000_000_000_000),
        ("十亿美元", 1_000_000_000),
        ("三十亿美元", 3_000_000_000),
    ],
)
def test_amounts(text, value):
    assert one(text).value == value


def test_hundred_million_written_as_100_baiwan():
    m = one("我捐赠了约 100 百万美元的非营利组织")
    assert (m.value, m.approx_word) == (100_000_000, "约")


def test_approximation_before_the_number():
    m = one("并曾承诺在未来几年捐出大约 10 亿美元")
    assert (m.text, m.value, m.approx, m.approx_word) == ("大约 10 亿美元", 1e9, True, "大约")


def test_yue_wei_is_an_approximation_too():
    # reader trial: 规模约为100亿美元 ("is about US$10 billion") lost its hedge
    m = one("这笔投资的规模约为100亿美元")
    assert (m.text, m.value, m.approx, m.approx_word) == ("约为100亿美元", 1e10, True, "约为")


def test_exceeding_is_an_approximation():
    m = one("这笔交易将使 OpenAI 的市值超过 800 亿美元")
    assert (m.value, m.approx_word) == (80_000_000_000, "超过")


def test_approximation_after_the_currency():
    m = one("一个我捐赠了 1 亿美元左右的非营利组织")
    assert (m.text, m.approx_word) == ("1 亿美元左右", "左右")


def test_rmb_keeps_its_currency_and_gets_no_usd_amount():
    m = one("当前约 6.87 亿元人民币")
    assert (m.value, m.currency, m.amount_usd, m.approx_word) == (687_000_000, "CNY", None, "约")
    assert one("约合4000亿人民币").currency == "CNY"


def test_vague_amount_is_a_range_with_ji_as_two_to_nine():
    m = one("共同投资几百万美元,让这座人工智能实验室运转起来")
    assert (m.vague, m.low, m.high, m.value) == (True, 2_000_000, 9_000_000, 2_000_000)


def test_shu_yi_counts_in_the_unit_that_follows_it_not_one_of_it():
    """数以十亿美元计 is "billions of dollars", a vague amount, not US$1 billion."""
    m = one("训练大型模型需要数以十亿美元计的算力投资")
    assert (m.text, m.vague, m.low, m.high) == ("数以十亿美元", True, 2e9, 9e9)
    assert one("承诺向其投资几十亿美元").high == 9_000_000_000
    assert one("数十亿美元").low == 2_000_000_000


@pytest.mark.parametrize(
    "text",
    ["最新的语言模型 GPT-4 有 1 万亿个参数", "用量在1.5万左右", "马斯克直接囤了一万张显卡", "几元"],
)
def test_numbers_without_a_currency_are_not_money(text):
    assert extract_money(text) == []


def test_chinese_numerals_leave_stderr_clean(capfd):
    assert one("投资三十亿美元").value == 3_000_000_000
    assert capfd.readouterr().err == ""


def test_money_table_rows():
    paragraphs = pd.DataFrame(
        {
            "paragraph_id": ["s-3"],
            "source_id": ["s"],
            "text": ["共同投資幾百萬美元"],
            "text_simplified": ["共同投资几百万美元"],
        }
    )
    table = money_table(paragraphs)
    assert list(table.columns) == MONEY_COLUMNS
    row = table.iloc[0]
    assert (row["text"], row["start"], row["end"], row["vague"]) == ("几百万美元", 4, 9, True)


@pytest.mark.parametrize(
    "text",
    ["今日(22日)宣布100亿美元投资", "当地时间11日，微软称100亿美元", "17日100亿美元"],
)
def test_day_only_dates_next_to_an_amount_stay_out_of_it(text):
    assert one(text).text == "100亿美元"


def test_day_only_dates_are_not_money():
    assert extract_money("奥特曼17日遭解雇，本月20日、今(20)日与当地时间19日") == []
