"""saga.corpus.dates: date expressions in the sources, resolved against each source's publication date."""

import pandas as pd
import pytest

from saga.corpus.dates import DATE_COLUMNS, date_matches, dates_table, extract_dates
from saga.corpus.script import to_simplified

QIANJIA = "2023-03-25"  # a Saturday
SEMAFOR = "2023-03-24"  # a Friday
NOV20 = "2023-11-20"  # a Monday
DEC04 = "2023-12-04"
VINDA = "2024-06"  # month precision


def one(text: str, published: str):
    found = extract_dates(text, published)
    assert len(found) == 1, found
    return found[0]


def test_full_date_with_spaces_is_absolute_to_the_day():
    d = one("这场冲突最终在马斯克于 2018 年 2 月 20 日宣布离职达到顶点", QIANJIA)
    assert (d.text, d.kind, d.precision, d.value, d.resolved) == (
        "2018 年 2 月 20 日",
        "absolute",
        "day",
        "2018-02-20",
        True,
    )


def test_offsets_point_at_the_matched_text():
    text = "2019 年 3 月 11 日,OpenAI 宣布它将创建一个营利性实体"
    d = one(text, QIANJIA)
    assert text[d.start : d.end] == "2019 年 3 月 11 日"
    assert d.value == "2019-03-11"


def test_year_month_without_day_has_month_precision():
    d = one("2018年2月他向OpenAI员工宣告离开,三位与会者说。", DEC04)
    assert (d.precision, d.value) == ("month", "2018-02")


def test_bare_year_with_or_without_space():
    assert one("OpenAI 在 2015 年以非营利组织的形式高调成立", QIANJIA).value == "2015"
    assert one("要追溯到2015年马斯克庆祝自己44岁生日的派对上", DEC04).value == "2015"


def test_end_of_year_is_part_of_year_late():
    d = one("2015年底的一个晚上,马斯克与Ilya Sutskever等人共进晚餐", VINDA)
    assert (d.kind, d.precision, d.value) == ("absolute", "part-of-year", "2015-late")
    assert one("2017年底马斯克策划从奥特曼和其他创始人手中夺取", DEC04).value == "2017-late"


def test_start_of_year_is_part_of_year_early():
    d = one("但是知情人士透露,到了 2018 年初,马斯克告诉 OpenAI", QIANJIA)
    assert (d.text, d.value) == ("2018 年初", "2018-early")


def test_year_followed_by_zhongguo_is_not_mid_year():
    assert one("2018年中国市场", QIANJIA).value == "2018"


def test_month_day_takes_the_publication_year():
    d = one("2 月 17 日,他在推特上写道", QIANJIA)
    assert (d.kind, d.precision, d.value) == ("partial", "day", "2023-02-17")
    assert one("11月2日,Sutskever先生在一次播客节目中说:", NOV20).value == "2023-11-02"


def test_month_day_after_publication_falls_in_the_previous_year():
    assert one("4 月 1 日,公司宣布", QIANJIA).value == "2022-04-01"
    assert one("3 月 26 日,公司宣布", QIANJIA).value == "2022-03-26"


def test_the_note_says_which_year_a_partial_date_took():
    assert one("2 月 17 日,他在推特上写道", QIANJIA).note == "year from publication"
    before = one("当 ChatGPT 在 11 月推出时", SEMAFOR).note
    assert before.startswith("the year before publication")


def test_month_day_with_month_precision_publication():
    assert one("当地时间6月10日,苹果宣布与OpenAI合作", VINDA).value == "2024-06-10"
    assert one("7月1日,苹果宣布", VINDA).value == "2023-07-01"


def test_bare_month_takes_the_year_before_when_later_than_publication():
    d = one("当 ChatGPT 在 11 月推出时", SEMAFOR)
    assert (d.kind, d.precision, d.value) == ("partial", "month", "2022-11")


def test_part_of_month():
    assert one("9月下旬,Altman飞往中东与投资者会面", NOV20).value == "2023-09-late"
    assert one("已于5月底正式宣布,重启机器人团队", VINDA).value == "2024-05-late"


def test_last_year_with_month():
    d = one("去年 12 月,在 ChatGPT 推出一个月后", QIANJIA)
    assert (d.text, d.kind, d.precision, d.value) == ("去年 12 月", "relative", "month", "2022-12")
    assert one("ChatGPT 在去年11月推出后", QIANJIA).value == "2022-11"


def test_last_year_end():
    d = one("对标OpenAI于去年年底上线的热门聊天机器人ChatGPT", DEC04)
    assert (d.precision, d.value) == ("part-of-year", "2022-late")


def test_this_year_with_month_and_earlier_this_year():
    assert one("在今年4月份的一次现场音频聊天中", VINDA).value == "2024-04"
    d = one("今年早些时候,马斯克在社交媒体X上写道", DEC04)
    assert (d.precision, d.value) == ("year", "2023")


def test_last_month_and_end_of_last_month():
    assert one("上个月,他通过自己的初创公司xAI发布", DEC04).value == "2023-11"
    d = one("但上个月底又被重新聘为首席执行官", DEC04)
    assert (d.precision, d.value) == ("part-of-month", "2023-11-late")
    assert one("上个月,公司宣布", "2024-01-15").value == "2023-12"


def test_last_month_with_a_day_is_that_day_of_the_month_before_publication():
    """上月17日, the way Chinese news dates an event of the previous month (read from a
    reader-trial article: it went unread, and the bare days after it fell in the wrong month)."""
    assert one("美国人工智能公司OpenAI上月17日突然宣布", "2023-12-02").value == "2023-11-17"
    assert one("马斯克上个月29日提起诉讼", "2024-03-06").value == "2024-02-29"
    d = one("上月31日", "2024-03-10")  # February has no 31st
    assert (d.value, d.note) == (None, "no such date")
    assert one("上月", "2024-01-15").value == "2023-12"
    assert one("上月底", DEC04).value == "2023-11-late"
    assert extract_dates("马斯克说要登上月球", DEC04) == []


def test_a_bare_day_after_last_months_date_continues_that_month():
    found = extract_dates("OpenAI上月17日宣布解雇阿尔特曼，20日又改口", "2023-12-25")
    assert [d.value for d in found] == ["2023-11-17", "2023-11-20"]  # not 2023-12-20


def test_weekday_is_the_latest_such_day_on_or_before_publication():
    assert one("周五,马斯克在推特上写道", QIANJIA).value == "2023-03-24"
    assert one("当地时间周五,Altman被赶下台", NOV20).value == "2023-11-17"
    assert one("但在周六,一个令人大跌眼镜的转折出现", NOV20).value == "2023-11-18"
    assert one("周一,公司宣布", NOV20).value == "2023-11-20"


def test_last_weekday_is_in_the_previous_monday_start_week():
    assert one("但在上周五,他发推文说", SEMAFOR).value == "2023-03-17"
    assert one("上周四,《The Information》报道称", SEMAFOR).value == "2023-03-16"


def test_weekdays_and_next_days_are_found_under_every_spelling():
    # each text holds no other date word, so a pattern skipped for want of one would miss it
    assert one("上星期三,OpenAI宣布", NOV20).value == "2023-11-15"
    assert one("礼拜五董事会开会", NOV20).value == "2023-11-17"
    d = one("次日,他回到公司", VINDA)
    assert (d.text, d.kind, d.resolved) == ("次日", "relative", False)


def test_weekday_with_month_precision_publication_is_unresolved():
    d = one("周五,马斯克宣布", VINDA)
    assert (d.kind, d.value, d.resolved) == ("relative", None, False)
    assert d.note


def test_next_day_is_kept_but_flagged_unresolved():
    d = one("宣布全面禁用苹果设备,第二天却主动撤销", VINDA)
    assert (d.text, d.resolved, d.value) == ("第二天", False, None)
    assert d.note


def test_start_of_year_without_a_year_is_unresolved():
    d = one("年初,公司宣布", DEC04)
    assert (d.precision, d.resolved) == ("part-of-year", False)


@pytest.mark.parametrize(
    "text",
    [
        "马斯克庆祝自己44岁生日",
        "GPT-4 有 1 万亿个参数",
        "将其加入欧盟的时间提前5.5年",
        "拖欠了将近6年的工资",
        "不到六个月后",
        "一场让科技圈地震的内斗在周末上演",
        "时值ChatGPT一周年之际",
        "每周一次",
    ],
)
def test_numbers_that_are_not_dates(text):
    assert extract_dates(text, QIANJIA) == []


def test_bad_publication_date_is_an_error():
    with pytest.raises(ValueError):
        extract_dates("2018 年", "2023")


def test_dates_table_rows_and_offsets():
    paragraphs = pd.DataFrame(
        {
            "paragraph_id": ["a-1", "b-1"],
            "source_id": ["a", "b"],
            "text": ["周五,他說", "上個月,他說了话"],
            "text_simplified": ["周五,他说", "上个月,他说"],
        }
    )
    table = dates_table(paragraphs, {"a": QIANJIA, "b": "2024-06"})
    assert list(table.columns) == DATE_COLUMNS
    assert table["value"].tolist() == ["2023-03-24", "2024-05"]
    assert table.loc[0, "start"] == 0 and table.loc[0, "end"] == 2
    assert pd.isna(table.loc[1, "start"])  # texts differ in length: no offsets


def test_date_matches_same_or_more_precise_inside():
    assert date_matches("2018-02-20", "2018-02-20")
    assert date_matches("2018-02", "2018-02")
    assert date_matches("2018-02", "2018-02-20")
    assert date_matches("2015", "2015-late")
    assert date_matches("2023-11", "2023-11-late")


def test_date_matches_rejects_less_precise_or_other_dates():
    assert not date_matches("2018-02-20", "2018-02")
    assert not date_matches("2018-02", "2018-03-01")
    assert not date_matches("2018-01", "2018-11")
    assert not date_matches("2018", None)


def test_a_day_that_does_not_exist_is_unresolved():
    d = one("2023 年 2 月 30 日,公司宣布", QIANJIA)
    assert (d.precision, d.value, d.resolved, d.note) == ("day", None, False, "no such date")


# Day-only dates (issue 13): the month, and the year, come from the publication date.
@pytest.mark.parametrize(
    ("text", "published", "expression", "value"),
    [
        ("奥特曼17日遭董事会解雇", "2023-11-20", "17日", "2023-11-17"),
        ("OpenAI今日(22日)宣布", "2023-11-22", "今日(22日)", "2023-11-22"),
        ("OpenAI今天（22日）宣布", "2023-11-22", "今天（22日）", "2023-11-22"),
        ("纳德拉今(20)日宣布", "2023-11-20", "今(20)日", "2023-11-20"),
        ("马斯克于当地时间11日主动撤销诉讼", "2024-06-12", "当地时间11日", "2024-06-11"),
        ("本月5日，马斯克再次起诉", "2024-08-06", "本月5日", "2024-08-05"),
        ("北京30日电", "2023-11-30", "30日", "2023-11-30"),
    ],
)
def test_day_only_date_is_that_day_of_the_publication_month(text, published, expression, value):
    d = one(text, published)
    assert (d.text, d.kind, d.precision, d.value, d.resolved) == (
        expression,
        "partial",
        "day",
        value,
        True,
    )
    assert "month" in d.note


def test_day_after_the_publication_day_is_in_the_month_before():
    assert one("董事会28日开会", "2023-12-02").value == "2023-11-28"
    assert one("董事会20日开会", "2024-01-05").value == "2023-12-20"  # and the year before
    assert one("马斯克29日提告", "2024-03-01").value == "2024-02-29"  # a leap day


def test_day_missing_from_the_month_before_goes_back_to_a_month_that_has_it():
    assert one("他31日宣布", "2024-03-05").value == "2024-01-31"  # February has no 31st


def test_this_month_day_stays_in_the_publication_month_even_with_a_month_precision_source():
    assert one("本月20日", "2023-11-10").value == "2023-11-20"  # announced ahead
    assert one("本月20日", VINDA).value == "2024-06-20"


def test_day_only_date_in_a_month_precision_source_is_unresolved_with_a_note():
    d = one("马斯克11日撤诉", VINDA)
    assert (d.precision, d.value, d.resolved) == ("day", None, False)
    assert "month" in d.note


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("11日", ["11日"]),  # never also 1日
        ("3月1日", ["3月1日"]),  # already a full date
        ("3月 1 日", ["3月 1 日"]),
        ("2023年11月17日", ["2023年11月17日"]),
        ("他承诺上任30日内聘请独立调查人员", []),
        ("承诺24日內完成", []),
        ("推出3日游套餐", []),
        ("近30日股价下跌", []),
        ("为期5日的会议", []),
        ("第3日", []),
        ("售价500日元", []),
        ("周日", ["周日"]),  # a weekday, not a day-only date
    ],
)
def test_day_only_false_positives(text, expected):
    found = extract_dates(to_simplified(text), NOV20)
    assert [d.text for d in found] == [to_simplified(e) for e in expected]


# A bare N日 after a date written with its month continues that narrative (reader trial: a
# one-year review dated 2020-03-11 writes 同年7月22日 … 22日当天).
@pytest.mark.parametrize(
    ("text", "published", "value", "anchor"),
    [
        (  # 同年 with no year before it in the paragraph: the month placed by publication
            "同年7月22日，微软宣布投资，22日当天马斯克未作评论",
            "2020-03-11",
            "2019-07-22",
            "同年7月22日",
        ),
        (
            "2023年11月17日，董事会解雇奥特曼；20日，微软宣布聘用他",
            "2024-03-01",
            "2023-11-20",
            "2023年11月17日",
        ),
        ("11月17日奥特曼被解雇，21日宣布回归", "2023-12-04", "2023-11-21", "11月17日"),
        ("2024年6月3日开庭，11日马斯克撤诉", VINDA, "2024-06-11", "2024年6月3日"),  # resolved now
    ],
)
def test_a_bare_day_after_a_written_date_continues_its_month(text, published, value, anchor):
    d = extract_dates(text, published)[-1]
    assert (d.kind, d.precision, d.value, d.resolved) == ("partial", "day", value, True)
    assert d.note == f"month of {anchor} earlier in the paragraph"


def test_a_bare_day_before_the_written_day_or_today_still_counts_from_publication():
    # 3日 < 17日: not a continuation; the latest 3rd on or before publication
    assert extract_dates("11月17日奥特曼被解雇，3日", DEC04)[-1].value == "2023-12-03"
    # 今(N)日 and 当地时间N日 are the news peg, whatever the paragraph told before
    assert extract_dates("2019年3月11日成立；今(22)日宣布", "2024-03-22")[-1].value == "2024-03-22"
    assert extract_dates("2019年3月11日成立；当地时间21日起诉", "2024-03-22")[-1].value == (
        "2024-03-21"
    )
    # a month without a day, or a weekday, is no anchor
    assert extract_dates("11月，周五（17日）", "2023-11-20")[-1].value == "2023-11-17"


def test_this_or_last_year_with_a_day_or_part_of_the_month():
    # reader trial: 今年2月29日 was read as 2024-02 and the day dropped
    d = one("马斯克今年2月29日提告", "2024-06-12")
    assert (d.text, d.kind, d.precision, d.value) == (
        "今年2月29日",
        "relative",
        "day",
        "2024-02-29",
    )
    assert one("他去年 11 月 17 日被解雇", "2024-03-01").value == "2023-11-17"
    assert one("去年2月29日", "2024-06-12").value is None  # 2023 had no 29 February
    d = one("今年3月底公开电邮", "2024-06-12")
    assert (d.precision, d.value) == ("part-of-month", "2024-03-late")
    # a bare day after it continues its month (alone, 29日 would be 2024-05-29)
    values = [m.value for m in extract_dates("今年2月26日提告，29日补充", "2024-06-12")]
    assert values == ["2024-02-26", "2024-02-29"]


# A weekday and its date, one in brackets after the other, are one date mention, not two
# (reader trial: a Hong Kong report writes 上周五（17日） and 本周一（20日）).
@pytest.mark.parametrize(
    ("text", "published", "expression", "kind", "value"),
    [
        ("董事会上周五（17日）宣布", "2023-11-22", "上周五（17日）", "partial", "2023-11-17"),
        ("本周一（20日），微软宣布", "2023-11-22", "周一（20日）", "partial", "2023-11-20"),
        ("周一（11月20日）宣布", "2023-11-22", "周一（11月20日）", "partial", "2023-11-20"),
        ("17日（星期五）晚间", "2023-11-22", "17日（星期五）", "partial", "2023-11-17"),
        ("2023年11月17日(周五)", "2024-03-01", "2023年11月17日(周五)", "absolute", "2023-11-17"),
    ],
)
def test_a_weekday_with_its_date_in_brackets_is_one_date(text, published, expression, kind, value):
    d = one(text, published)
    assert (d.text, d.kind, d.precision, d.value) == (expression, kind, "day", value)
    assert "weekday" not in d.note


def test_a_weekday_that_is_not_its_dates_weekday_is_noted():
    # 2023-11-17 was a Friday: a source that writes 周四 beside it erred somewhere
    d = one("17日（周四）", "2023-11-22")
    assert d.value == "2023-11-17"
    assert d.note.endswith("the weekday written (周四) is not this date's")


def test_a_weekday_with_a_bare_day_continues_the_paragraphs_month_and_anchors_with_a_month():
    found = extract_dates("2023年11月17日，董事会解雇他；20日（周一）微软聘用他", "2024-03-01")
    assert [(d.text, d.value) for d in found] == [
        ("2023年11月17日", "2023-11-17"),
        ("20日（周一）", "2023-11-20"),
    ]
    found = extract_dates("周一（11月20日）微软宣布，22日他回归", "2023-12-04")
    assert [d.value for d in found] == ["2023-11-20", "2023-11-22"]
    assert found[-1].note == "month of 周一（11月20日） earlier in the paragraph"


# Yesterday and the day before, as papers write them (reader trial: a Hong Kong report of
# 2023-11-22 writes 昨日 for the 21st; Taiwanese papers write 昨（21）日).
@pytest.mark.parametrize(
    ("text", "published", "expression", "value"),
    [
        ("OpenAI昨日宣布", "2023-11-22", "昨日", "2023-11-21"),
        ("马斯克昨天表示", "2024-03-01", "昨天", "2024-02-29"),
        ("董事会昨晚宣布", "2023-11-18", "昨晚", "2023-11-17"),
        ("他前天发文", "2024-03-02", "前天", "2024-02-29"),
        ("行政院昨（21）日宣布", "2023-11-22", "昨（21）日", "2023-11-21"),
        ("微软前(20)日宣布", "2023-11-22", "前(20)日", "2023-11-20"),
        ("昨天（1日）", "2023-12-02", "昨天（1日）", "2023-12-01"),
    ],
)
def test_yesterday_and_the_day_before_count_back_from_publication(
    text, published, expression, value
):
    d = one(text, published)
    assert (d.text, d.precision, d.value, d.resolved) == (expression, "day", value, True)


@pytest.mark.parametrize(
    "text",
    [
        "已是昨日黄花",  # an idiom: yesterday's news
        "前日仍在职",  # 前日 also means "the other day": left alone
        "日前，马斯克表示",  # "recently"
        "据今日头条报道",  # a news app
        "今天的人工智能",  # "today's AI", not a date
    ],
)
def test_words_for_days_that_are_no_date(text):
    assert extract_dates(text, "2023-11-22") == []


def test_yesterday_needs_a_day_precision_publication_date():
    d = one("昨天", VINDA)
    assert (d.value, d.resolved) == (None, False)


# 同年 (the same year), 次年 and 翌年 (the next) count from the year written before them in the
# source, not from publication: a 2023 article's "2015年成立，同年12月" is December 2015.
@pytest.mark.parametrize(
    ("text", "expression", "precision", "value", "note"),
    [
        ("OpenAI于2015年成立，同年12月马斯克承诺投资", "同年12月", "month", "2015-12", "of 2015年"),
        (
            "2019年3月改制；同年7月22日，微软投资",
            "同年7月22日",
            "day",
            "2019-07-22",
            "of 2019年3月",
        ),
        (
            "2018年2月马斯克离开，次年3月OpenAI改制",
            "次年3月",
            "month",
            "2019-03",
            "after 2018年2月",
        ),
        ("2015年12月成立。翌年，他加入", "翌年", "year", "2016", "after 2015年12月"),
        ("去年3月起诉，同年底撤诉", "同年底", "part-of-year", "2023-late", "of 去年3月"),
    ],
)
def test_the_same_or_next_year_counts_from_the_year_written_before(
    text, expression, precision, value, note
):
    d = extract_dates(text, "2024-03-01")[-1]
    assert (d.text, d.kind, d.precision, d.value) == (expression, "relative", precision, value)
    assert note in d.note


def test_the_same_year_carries_over_from_an_earlier_paragraph_of_the_source():
    paragraphs = pd.DataFrame(
        {
            "paragraph_id": ["a-1", "a-2", "b-1"],
            "source_id": ["a", "a", "b"],
            "text": ["OpenAI成立于2015年。", "同年12月，马斯克承诺出资。", "同年12月，他离开。"],
        }
    ).assign(text_simplified=lambda df: df["text"])
    table = dates_table(paragraphs, {"a": "2023-03-25", "b": "2023-03-25"})
    same = table[table["text"] == "同年12月"].set_index("source_id")
    assert same.loc["a", "value"] == "2015-12"  # the year of the paragraph before
    assert same.loc["b", "value"] == "2022-12"  # another source: no year before it, a guess
    assert same.loc["b", "note"].endswith("(a guess)")


def test_the_same_year_is_no_date_without_a_month_or_a_year_before_it():
    assert [(d.value, d.resolved) for d in extract_dates("同年", "2020-03-11")] == [(None, False)]
    assert extract_dates("同年龄的孩子", "2020-03-11") == []  # the same age


@pytest.mark.parametrize("text", ["2023.11.17 OpenAI宫斗", "2023-11-17", "2023/11/17"])
def test_numeric_dates_as_blogs_and_datelines_write_them(text):
    d = extract_dates(text, "2023-11-22")[0]
    assert (d.kind, d.precision, d.value) == ("absolute", "day", "2023-11-17")


@pytest.mark.parametrize("text", ["2023/11-17", "版本2.2023.11", "12023.11.17", "10.2023.11.17"])
def test_numbers_with_dots_or_dashes_that_are_no_date(text):
    assert extract_dates(text, "2023-11-22") == []


@pytest.mark.parametrize(
    ("text", "precision", "value"),
    [("本月初", "part-of-month", "2023-11-early"), ("本月中旬", "part-of-month", "2023-11-mid"),
     ("本月", "month", "2023-11")],
)  # fmt: skip
def test_this_month_and_its_parts(text, precision, value):
    d = one(text, "2023-11-22")
    assert (d.kind, d.precision, d.value) == ("relative", precision, value)


def test_a_weekday_dated_with_its_year_anchors_the_same_year():
    found = extract_dates("2015年12月11日（周五）成立；同年底，马斯克承诺出资", "2023-03-25")
    assert [(d.text, d.value) for d in found] == [
        ("2015年12月11日（周五）", "2015-12-11"),
        ("同年底", "2015-late"),
    ]
