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


# Other outlets' currencies (Taiwanese, Hong Kong and mainland reports): the currency word may
# follow the number or come before it, and the word before decides (新台币3000亿元 is not CNY).
@pytest.mark.parametrize(
    ("text", "written", "value", "currency", "usd"),
    [
        ("台积电将投资新台币3000亿元", "新台币3000亿元", 3e11, "TWD", None),
        ("約新台幣3000億元", "约新台币3000亿元", 3e11, "TWD", None),
        ("募资100亿港元", "100亿港元", 1e10, "HKD", None),
        ("港币100亿元", "港币100亿元", 1e10, "HKD", None),
        ("软银投资50亿日元", "50亿日元", 5e9, "JPY", None),
        ("罚款3亿欧元", "3亿欧元", 3e8, "EUR", None),
        ("估值8亿英镑", "8亿英镑", 8e8, "GBP", None),
        ("微软投了10亿美金", "10亿美金", 1e9, "USD", 1e9),
        ("人民币50亿", "人民币50亿", 5e9, "CNY", None),
    ],
)
def test_currencies_before_or_after_the_number(text, written, value, currency, usd):
    from saga.corpus.script import to_simplified

    m = one(to_simplified(text))
    assert (m.text, m.value, m.currency, m.amount_usd) == (written, value, currency, usd)


def test_a_currency_word_is_no_amount_without_a_number_and_a_unit_or_yuan():
    assert extract_money("人民币1年期存款利率") == []  # a currency before a bare number
    assert extract_money("台币贬值3%") == []
    assert extract_money("2023欧元区经济") == []  # the eurozone


def test_other_currencies_are_written_with_their_symbols():
    from saga.analysis.money_flows import SYMBOLS, usd_range

    assert usd_range(3e11, 3e11, SYMBOLS["TWD"]) == "NT$300 billion"
    assert usd_range(1e10, 1e10, SYMBOLS["HKD"]) == "HK$10 billion"


def test_zhao_is_a_trillion_in_taiwanese_and_hong_kong_money():
    m = one("估值约合新台币2.5兆元")
    assert (m.text, m.value, m.currency, m.approx_word) == (
        "约合新台币2.5兆元",
        2.5e12,
        "TWD",
        "约合",
    )
    assert one("两兆美元").value == 2e12


def test_thousands_separators_belong_to_the_number():
    """约1,014亿港元 was read as 014亿港元 (HK$1.4 billion, not HK$101.4 billion), and 1,000亿美元
    as 000亿美元 (zero): an amount never begins after a digit and a comma."""
    assert [(m.text, m.value) for m in extract_money("约1,014亿港元")] == [
        ("约1,014亿港元", 1.014e11)
    ]
    assert one("1,000亿美元").value == 1e11
    assert one("2,500,000美元").value == 2.5e6
