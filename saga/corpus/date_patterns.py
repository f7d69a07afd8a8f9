"""The date expressions saga.corpus.dates reads, as regular expressions over simplified text:
each with the name of the rule that resolves it and the substrings (triggers) a text must hold
for the pattern to be tried. What each form means is told in saga.corpus.dates."""

from __future__ import annotations

import re
from functools import lru_cache

PART = {"初": "early", "底": "late", "末": "late"}  # not 年中: "2018年中国" is common
MONTH_PART = {
    "初": "early",
    "上旬": "early",
    "中旬": "mid",
    "下旬": "late",
    "底": "late",
    "末": "late",
}
WEEKDAY = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}

# A pattern that opens with lookbehinds tries them at every position of the text; a lookahead
# for the first character in front lets the regex engine reject most positions at once.
_Y = r"(?=[12])(?<![\d.])(?P<y>(?:19|20)\d{2})\s*年"
_M = r"(?=[0-9])(?<![\d.])(?P<m>1[0-2]|0?[1-9])\s*月"
_D = r"\s*(?P<d>3[01]|[12]\d|0?[1-9])\s*[日号]"
_MPART = r"(?P<mp>上旬|中旬|下旬|初|底|末)"
_DAY = r"(?P<d>3[01]|[12]\d|0?[1-9])"
_NOT_DAY_BEFORE = "".join(f"(?<!{w})" for w in ["月", "月 ", "月  ", "近", "逾", "约", "第", "每", "数", "几", "前", "头", "首", "连续", "为期", "过去", "最近", "未来"])  # fmt: skip
_NOT_DAY_AFTER = r"(?!\s*(?:内|以内|之内|之久|间|期间|游|左右|多|余|元|均|线))"
_WD = r"(?:周|星期|礼拜)(?P<wd>[一二三四五六日天])"
_DATE_IN = r"(?:" + _Y + r"\s*)?(?:" + _M + r")?" + _D  # 17日, 11月17日, 2023年11月17日

# (pattern, handler name, triggers); overlapping matches are resolved longest-first. Every
# match contains one of its pattern's triggers, so a text without them skips the pattern (a
# substring test costs far less than a regex scan).
PATTERNS: list[tuple[re.Pattern[str], str, tuple[str, ...]]] = [
    (re.compile(_Y + r"\s*" + _M + _D), "ymd", ("年",)),
    (re.compile(_Y + r"\s*" + _M + _MPART), "ym_part", ("年",)),
    (re.compile(_Y + r"\s*" + _M), "ym", ("年",)),
    (re.compile(_Y + r"\s*(?P<p>[初底末])"), "y_part", ("年",)),
    (re.compile(_Y), "y", ("年",)),
    (re.compile(_M + _D), "md", ("月",)),
    (re.compile(_M + _MPART), "m_part", ("月",)),
    (re.compile(_M + r"(?!\s*\d)"), "m", ("月",)),
    (
        re.compile(r"今(?:日|天)?\s*[(（]\s*" + _DAY + r"\s*[日号]?\s*[)）](?:\s*日)?"),
        "day_only",
        ("今",),
    ),
    (  # 昨(21)日 and 前(20)日, as Taiwanese papers write yesterday and the day before
        re.compile(r"(?:昨|前)(?:日|天)?\s*[(（]\s*" + _DAY + r"\s*[日号]?\s*[)）](?:\s*日)?"),
        "day_only",
        ("昨", "前(", "前（"),
    ),
    (re.compile(r"昨(?:天|日|晚|夜)(?!黄花)|前天"), "days_before", ("昨", "前天")),
    (re.compile(r"本月\s*" + _DAY + r"\s*[日号]"), "this_month_day", ("本月",)),
    (re.compile(r"本月(?!\s*\d)" + _MPART + "?"), "this_month", ("本月",)),
    (  # 2023.11.17, 2023-11-17, 2023/11/17: blogs, WeChat posts and datelines write dates so
        re.compile(
            r"(?=[12])(?<![\d./-])(?P<y>(?:19|20)\d{2})(?P<sep>[./-])(?P<m>1[0-2]|0?[1-9])(?P=sep)"
            r"(?P<d>3[01]|[12]\d|0?[1-9])(?!\d)"
        ),
        "ymd",
        (".", "-", "/"),
    ),
    (re.compile(r"当地时间\s*" + _DAY + r"\s*[日号]"), "day_only", ("当地时间",)),
    (
        re.compile(r"(?=[0-9])(?<![\d.])" + _NOT_DAY_BEFORE + _DAY + r"\s*日" + _NOT_DAY_AFTER),
        "day_only",
        ("日",),
    ),
    (
        re.compile(
            r"(?P<rel>去|今)年(?:\s*" + _M + r"(?:" + _D + r"|" + _MPART + r")?"
            r"|年?(?P<p>[初底末])|(?P<early>早些时候))?"
        ),
        "rel_year",
        ("年",),
    ),
    (  # 同年 (the same year) and 次年, 翌年 (the next): counted from the year written before
        re.compile(
            r"(?P<ry>同|次|翌)年(?![龄级代纪])(?:\s*"
            + _M
            + r"(?:"
            + _D
            + r"|"
            + _MPART
            + r")?|年?(?P<p>[初底末]))?"
        ),
        "same_year",
        ("同年", "次年", "翌年"),
    ),
    (re.compile(r"上个?月\s*" + _DAY + r"\s*[日号]"), "last_month_day", ("上月", "上个月")),
    (  # 上月 as news writes it, not the 上 of 登上月球 (to land on the moon) or 上月台
        re.compile(r"(?:上个月|(?<![登送飞奔爬])上月(?![球亮台光饼]))(?P<p>[初底末])?"),
        "last_month",
        ("上月", "上个月"),
    ),
    (
        re.compile(
            r"(?<![每\d几数])(?P<last>上)?(?:周|星期|礼拜)(?P<wd>[一二三四五六日天])(?![次年])"
        ),
        "weekday",
        ("周", "星期", "礼拜"),
    ),
    # a weekday and its date, one in brackets after the other, are one date: 上周五（17日）,
    # 周一（11月20日）, 17日（星期五）
    (
        re.compile(r"(?<![每\d几数])(?P<last>上)?" + _WD + r"\s*[(（]\s*" + _DATE_IN + r"\s*[)）]"),
        "weekday_date",
        ("周", "星期", "礼拜"),
    ),
    (
        re.compile(_DATE_IN + r"\s*[(（]\s*" + _WD + r"\s*[)）]"),
        "weekday_date",
        ("周", "星期", "礼拜"),
    ),
    (re.compile(r"第二天|次日"), "next_day", ("第二天", "次日")),
    (re.compile(r"(?<![\d年])年(?P<p>[初底末])"), "bare_part", ("年",)),
]

TRIGGERS = sorted({t for _, _, triggers in PATTERNS for t in triggers})


@lru_cache(maxsize=1 << 14)
def matches(text: str) -> tuple[tuple[re.Match, str], ...]:
    """Every pattern's matches in text, by start then longest first; remembered per text, as
    copies and reposts repeat paragraphs word for word."""
    present = {t for t in TRIGGERS if t in text}
    found = [
        (m, name)
        for pattern, name, triggers in PATTERNS
        if not present.isdisjoint(triggers)
        for m in pattern.finditer(text)
    ]
    found.sort(key=lambda item: (item[0].start(), -(item[0].end() - item[0].start())))
    return tuple(found)
