"""Date expressions in simplified-script Chinese, resolved against the source's publication date.

Value scheme (one string per mention, None when unresolved):
  day "2018-02-20", month "2018-02", year "2018",
  part-of-year "2015-early" | "2015-late" (年初 / 年底, 年末),
  part-of-month "2023-09-early" | "2023-09-mid" | "2023-09-late" (上旬, 月初 / 中旬 / 下旬, 月底).
Kinds: absolute (the year is written out), partial (year, or year and month, missing: taken
from publication), relative (去年, 今年, 上(个)月, 周五 …: counted from publication; 今年2月29日,
去年3月底 and 上月17日 to the day or part of the month).

Day-only dates (17日, 当地时间11日, 今日(22日), 今(20)日, 本月5日), the commonest date form in
news, are the latest such day on or before publication, crossing into an earlier month when
the day is after the publication day (published 2023-12-02, 28日 is 2023-11-28); 本月N日 stays
in the publication month. A bare N日 after a date written with its month in the same paragraph
(2023年11月17日 … 20日; 7月22日 … 22日当天) continues that narrative: it is that month's day
when it is not earlier than the day written out, however long after it the source was
published; 今(N)日 and 当地时间N日 always count from publication. A bare N日 is a date unless
a duration cue is next to it: 近/连续/为期/过去/前/第/每/数/几 … before (近30日, 第3日),
内/游/间/之久/左右/元 … after (24日内, 3日游, 5日元 is yen).

昨天/昨日/昨晚 (yesterday) and 前天 are the day or two before publication, 昨(21)日 and 前(20)日 the
day written; a bare 前日 is left alone (it also means "the other day"), and so are 今天, 今日
and 明天 without a day (今日头条 is a news app, 今天的 AI "today's AI").

Numeric dates (2023.11.17, 2023-11-17, 2023/11/17, as blogs, WeChat posts and datelines write
them) are absolute; 本月 alone or with a part (本月初, 本月中旬) is the publication month.

同年 (the same year), 次年 and 翌年 (the next) with or without a month count from the last year
written before them in the source, across paragraphs (2015年成立 … 同年12月 is 2015-12); with
none before, a month is placed by publication and the note calls the year a guess.

A weekday and its date, one in brackets after the other (上周五（17日）, 周一（11月20日）,
17日（星期五）), are one mention dated as the date is written; when the weekday is not that
date's, the note says so (the source erred, or the month was inferred wrongly).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

import pandas as pd

from saga.corpus.date_patterns import MONTH_PART, PART, WEEKDAY, matches
from saga.corpus.store import rows_frame, rows_of


@dataclass(frozen=True)
class DateMention:
    """One date expression: where it is, what it means, and whether it could be resolved."""

    text: str
    start: int
    end: int
    kind: str
    precision: str
    value: str | None
    resolved: bool
    note: str = ""
    year_written: bool = False  # its year is written out or counted from one (2015年, 去年, 同年)


@dataclass(frozen=True)
class _Published:
    year: int
    month: int
    day: int | None  # None: the source is dated to the month only

    @classmethod
    @lru_cache(maxsize=1 << 10)  # one parse per source, not per paragraph
    def parse(cls, published: str) -> _Published:
        parts = [int(p) for p in published.split("-")]
        if len(parts) not in (2, 3):
            raise ValueError(f"published date must be YYYY-MM-DD or YYYY-MM, got {published!r}")
        date(parts[0], parts[1], parts[2] if len(parts) == 3 else 1)  # validates
        return cls(parts[0], parts[1], parts[2] if len(parts) == 3 else None)


def _year_for(month: int, day: int | None, pub: _Published) -> int:
    """The publication year, unless month/day would fall after publication: then the year before."""
    if month > pub.month or (month == pub.month and day and pub.day and day > pub.day):
        return pub.year - 1
    return pub.year


def _day(year: int, month: int, day: int) -> str | None:
    """ISO date, or None for a day that does not exist (2 月 30 日): flagged, not guessed."""
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def _prev_month(pub: _Published) -> tuple[int, int]:
    return (pub.year, pub.month - 1) if pub.month > 1 else (pub.year - 1, 12)


def _latest_day(day: int, pub: _Published) -> tuple[str | None, str]:
    """(value, note) of a day-only date: the latest such day on or before publication."""
    if pub.day is None:
        return None, "day only, and the source is dated to the month: month unknown"
    year, month = pub.year, pub.month
    if day > pub.day:
        year, month = _prev_month(_Published(year, month, None))
    while _day(year, month, day) is None:  # 31日 in a month of 30 days: the month before
        year, month = _prev_month(_Published(year, month, None))
    return _day(year, month, day), "month inferred: latest such day on or before publication"


def _weekday(m: re.Match[str], pub: _Published) -> tuple[str, str | None, str]:
    if pub.day is None:
        return "day", None, "weekday needs a day-precision publication date"
    published = date(pub.year, pub.month, pub.day)
    wd = WEEKDAY[m["wd"]]
    if m["last"]:
        monday = published - timedelta(days=published.weekday() + 7)
        return "day", (monday + timedelta(days=wd)).isoformat(), "in the previous calendar week"
    back = (published.weekday() - wd) % 7
    return (
        "day",
        (published - timedelta(days=back)).isoformat(),
        "latest such day on or before publication",
    )


def _resolve(name: str, m: re.Match[str], pub: _Published) -> tuple[str, str, str | None, str]:
    """(kind, precision, value, note) for one match of the pattern called name."""
    g = m.groupdict()
    if name == "ymd":
        value = _day(int(g["y"]), int(g["m"]), int(g["d"]))
        return "absolute", "day", value, "" if value else "no such date"
    if name == "ym_part":
        return "absolute", "part-of-month", f"{g['y']}-{int(g['m']):02d}-{MONTH_PART[g['mp']]}", ""
    if name == "ym":
        return "absolute", "month", f"{g['y']}-{int(g['m']):02d}", ""
    if name == "y_part":
        return "absolute", "part-of-year", f"{g['y']}-{PART[g['p']]}", ""
    if name == "y":
        return "absolute", "year", g["y"], ""
    if name in ("md", "m_part", "m"):
        month, day = int(g["m"]), int(g["d"]) if g.get("d") else None
        year = _year_for(month, day, pub)
        note = (
            "year from publication"
            if year == pub.year
            else "the year before publication (in its year, the date would follow it)"
        )
        if name == "md":
            value = _day(year, month, day)
            return "partial", "day", value, note if value else "no such date"
        if name == "m_part":
            return "partial", "part-of-month", f"{year}-{month:02d}-{MONTH_PART[g['mp']]}", note
        return "partial", "month", f"{year}-{month:02d}", note
    if name == "day_only":
        return "partial", "day", *_latest_day(int(g["d"]), pub)
    if name == "this_month_day":
        value = _day(pub.year, pub.month, int(g["d"]))
        note = "month of publication (本月)" if value else "no such date"
        return "partial", "day", value, note
    if name == "this_month":
        if g["mp"]:
            return (
                "relative",
                "part-of-month",
                f"{pub.year}-{pub.month:02d}-{MONTH_PART[g['mp']]}",
                "",
            )
        return "relative", "month", f"{pub.year}-{pub.month:02d}", ""
    if name == "rel_year":
        year = pub.year - 1 if g["rel"] == "去" else pub.year
        if g["d"]:
            value = _day(year, int(g["m"]), int(g["d"]))
            return "relative", "day", value, "" if value else "no such date"
        if g["mp"]:
            return (
                "relative",
                "part-of-month",
                f"{year}-{int(g['m']):02d}-{MONTH_PART[g['mp']]}",
                "",
            )
        if g["m"]:
            return "relative", "month", f"{year}-{int(g['m']):02d}", ""
        if g["p"]:
            return "relative", "part-of-year", f"{year}-{PART[g['p']]}", ""
        note = "earlier in the publication year" if g["early"] else ""
        return "relative", "year", str(year), note
    if name == "last_month_day":
        year, month = _prev_month(pub)
        value = _day(year, month, int(g["d"]))
        return "relative", "day", value, "" if value else "no such date"
    if name == "last_month":
        year, month = _prev_month(pub)
        if g["p"]:
            part = MONTH_PART[g["p"]]
            return "relative", "part-of-month", f"{year}-{month:02d}-{part}", ""
        return "relative", "month", f"{year}-{month:02d}", ""
    if name == "weekday":
        return "relative", *_weekday(m, pub)
    if name == "weekday_date":  # the date as written; its weekday is checked by the caller
        if g["y"]:
            return _resolve("ymd", m, pub)
        return _resolve("md" if g["m"] else "day_only", m, pub)
    if name == "days_before":
        if pub.day is None:
            return "relative", "day", None, "needs a day-precision publication date"
        back = 2 if m[0] == "前天" else 1
        day = date(pub.year, pub.month, pub.day) - timedelta(days=back)
        return (
            "relative",
            "day",
            day.isoformat(),
            f"{back} day{'s' * (back > 1)} before publication",
        )
    if name == "next_day":
        return "relative", "day", None, "relative to an event in the text, not to publication"
    return "partial", "part-of-year", None, "no year given"  # bare_part: 年初/年底 alone


_NEXT = {"同": 0, "次": 1, "翌": 1}


def _same_year(
    m: re.Match[str], before: tuple[str, int] | None, pub: _Published
) -> tuple[str, str, str | None, str]:
    """(kind, precision, value, note) of 同年/次年/翌年 [M月[D日]]: the year of the date written
    before it in the source (before: its text and year), or the one after. With none before,
    a month is placed as if the year were not written, and the note says the year is a guess."""
    g = m.groupdict()
    if before is None:
        if not g["m"]:
            return "relative", "year", None, f"{g['ry']}年 with no year written before it"
        kind, precision, value, note = _resolve(
            "md" if g["d"] else "m_part" if g["mp"] else "m", m, pub
        )
        return (
            kind,
            precision,
            value,
            f"{g['ry']}年 with no year written before it: {note} (a guess)",
        )
    written, base = before
    year = base + _NEXT[g["ry"]]
    note = f"{'the year of' if year == base else 'the year after'} {written} earlier in the source"
    if g["d"]:
        value = _day(year, int(g["m"]), int(g["d"]))
        return "relative", "day", value, note if value else "no such date"
    if g["mp"]:
        return "relative", "part-of-month", f"{year}-{int(g['m']):02d}-{MONTH_PART[g['mp']]}", note
    if g["m"]:
        return "relative", "month", f"{year}-{int(g['m']):02d}", note
    if g["p"]:
        return "relative", "part-of-year", f"{year}-{PART[g['p']]}", note
    return "relative", "year", str(year), note


def extract_dates(
    text: str, published: str, year_before: tuple[str, int] | None = None
) -> list[DateMention]:
    """All date expressions in text, longest match first where they overlap, in text order;
    year_before: (text, year) of the last date with a written year earlier in the source, for
    同年 (last_year_written gives it from a paragraph's mentions)."""
    pub = _Published.parse(published)
    mentions: list[DateMention] = []
    taken_until = 0
    anchor: tuple[str, str] | None = None  # (text, value) of the last date written to the day
    for m, name in matches(text):
        if m.start() < taken_until:
            continue
        if name == "same_year":
            kind, precision, value, note = _same_year(m, year_before, pub)
        else:
            kind, precision, value, note = _resolve(name, m, pub)
        g = m.groupdict()
        # its year is written (2023年, 2023.11.17, 2023年11月17日（周五）) or counted from one
        written = bool(value) and bool(
            g.get("y") or name == "rel_year" or (name == "same_year" and year_before)
        )
        if written:
            year_before = (m[0], int(value[:4]))
        bare = name == "day_only" and m[0][0].isdigit()  # a bare N日, not 今(N)日
        if (bare or (name == "weekday_date" and not g["m"])) and anchor:
            value, note = _continued(int(g["d"]), anchor) or (value, note)
        if name == "weekday_date" and value:
            note = _weekday_check(g["wd"], value, note)
        if (g.get("m") or name == "last_month_day") and precision == "day" and value:
            anchor = (m[0], value)  # a date written to the day with its month (上月17日 too)
        mentions.append(
            DateMention(
                m[0], m.start(), m.end(), kind, precision, value, value is not None, note, written
            )
        )
        taken_until = m.end()
    return mentions


def last_year_written(
    mentions: list[DateMention], before: tuple[str, int] | None
) -> tuple[str, int] | None:
    """(text, year) of the last of mentions whose year is written, else before: what 同年 in
    a later paragraph of the same source counts from."""
    for d in reversed(mentions):
        if d.year_written and d.value:
            return d.text, int(d.value[:4])
    return before


def _weekday_check(weekday: str, value: str, note: str) -> str:
    """note, plus a warning when the weekday a source writes beside a date is not that date's
    (the source erred, or the date was resolved to the wrong month)."""
    if date.fromisoformat(value).weekday() == WEEKDAY[weekday]:
        return note
    return "; ".join(filter(None, [note, f"the weekday written (周{weekday}) is not this date's"]))


def _continued(day: int, anchor: tuple[str, str]) -> tuple[str, str] | None:
    """(value, note) of a bare N日 in the month of the date written before it in the
    paragraph, when it is not earlier than that date's day (a narrative going forward)."""
    written, value = anchor
    year, month, first = (int(x) for x in value.split("-"))
    if day < first or (continued := _day(year, month, day)) is None:
        return None
    return continued, f"month of {written} earlier in the paragraph"


DATE_COLUMNS = [
    "paragraph_id",
    "source_id",
    "text",
    "start",
    "end",
    "kind",
    "precision",
    "value",
    "resolved",
    "note",
]


def dates_table(paragraphs: pd.DataFrame, published_by_source: dict[str, str]) -> pd.DataFrame:
    """One row per date mention in paragraphs; offsets into text_simplified (None if misaligned)."""
    rows = []
    columns = ["paragraph_id", "source_id", "text", "text_simplified"]
    year: dict[str, tuple[str, int] | None] = {}  # per source: the last year written so far
    for pid, source_id, text, simplified in rows_of(paragraphs, columns):
        aligned = len(text) == len(simplified)
        found = extract_dates(simplified, published_by_source[source_id], year.get(source_id))
        year[source_id] = last_year_written(found, year.get(source_id))
        for d in found:
            start, end = (d.start, d.end) if aligned else (None, None)
            rows.append(
                [pid, source_id, d.text, start, end, d.kind, d.precision]
                + [d.value, d.resolved, d.note]
            )
    return rows_frame(rows, DATE_COLUMNS, {"start": "Int64", "end": "Int64", "resolved": bool})


def date_matches(event_date: str, value: str | None) -> bool:
    """Whether an extracted value supports an event date: equal, or more precise and inside it."""
    if not value:
        return False
    return value == event_date or value.startswith(event_date + "-")
