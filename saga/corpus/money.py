"""Money amounts in simplified-script Chinese (Arabic or Chinese numerals, 万/亿 units, currency).

Units 十 百 千 万 亿, and 兆 (10^12, as Taiwanese and Hong Kong reports write it).
Conventions: an amount needs a currency word, after it (美元, 美金 → USD; 人民币, 元 → CNY;
港元, 港币 → HKD; 新台币, 台币 → TWD; 日元 → JPY; 欧元 → EUR; 英镑 → GBP) or before it
(新台币3000亿元, 港币100亿元, 人民币50亿: the word before decides), so "1.5万左右" or
"1 万亿个参数" are not money. A bare 元 is CNY; in a Taiwanese or Hong Kong report it may be
the local dollar, which the text alone does not tell.
Vague amounts 几/数 + 十/百/千 read 几 as 2..9 (几百万 = 2–9 million), value = low end; so does
数以 (数以十亿美元计, "billions of dollars": 2–9 billion, not the US$1 billion that 十亿美元
alone would be). Approximation words directly before (约, 约为, 大约, 约合, 大概, 近, 将近,
接近, 超过, 逾, 不到, 至少, 最多, 高达) or after (左右, 多, 余) set approx and approx_word.
Only USD amounts get amount_usd; nothing is converted between currencies.
"""

from __future__ import annotations

import contextlib
import io
import re
from dataclasses import dataclass

import cn2an
import pandas as pd

from saga.corpus.readers import initials
from saga.corpus.store import rows_frame, rows_of

# 兆 is 10^12 in Taiwanese and Hong Kong money (新台币2.5兆元); a mainland 兆 meaning 10^6 is
# no unit of money
_UNIT = {"十": 10, "百": 100, "千": 1_000, "万": 10_000, "亿": 100_000_000, "兆": 10**12}
_CURRENCY = {
    "美元": "USD",
    "美金": "USD",
    "元人民币": "CNY",
    "人民币": "CNY",
    "港元": "HKD",
    "港币": "HKD",
    "新台币": "TWD",
    "台币": "TWD",
    "日元": "JPY",
    "日圆": "JPY",
    "欧元": "EUR",
    "英镑": "GBP",
    "元": "CNY",
}
_AFTER_WORDS = "|".join(sorted(_CURRENCY, key=lambda w: (-len(w), w)))  # longest first
_BEFORE_WORDS = "新台币|台币|港币|人民币|美金"  # written before the number: 新台币3000亿元
_BEFORE = "大约|约合|约为|约|大概|将近|接近|近|超过|逾|不到|至少|最多|高达"
_AFTER = "左右|多|余"

_FIRST = initials(f"{_BEFORE}|{_BEFORE_WORDS}") + r"\d几数零一二两三四五六七八九十百千"
_AMOUNT = re.compile(
    # the lookahead on first characters lets the regex engine skip most positions at once
    rf"(?=[{_FIRST}])"
    rf"(?:(?P<before>{_BEFORE})\s*)?"
    rf"(?:(?P<pre>{_BEFORE_WORDS})\s*(?:(?P<before2>{_BEFORE})\s*)?)?"
    # an Arabic number, with or without thousands separators (1,014亿港元), never begun inside one
    r"(?:(?P<arabic>(?<![\d.])(?<!\d,)(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)"
    r"|(?P<vague>[几数]以?)|(?P<chinese>[零一二两三四五六七八九十百千]+))"
    r"\s*(?P<units>[十百千万亿兆]*)"
    rf"(?P<after1>{_AFTER})?"
    rf"(?:(?P<currency>{_AFTER_WORDS})(?!区))?"  # 欧元区 is the eurozone
    rf"(?P<after2>{_AFTER})?"
)
_CURRENCY_CHARS = ("元", "币", "美金", "镑")  # every currency word holds one of them


@dataclass(frozen=True)
class Money:
    """One amount: value (low end when vague), range, currency and hedging."""

    text: str
    start: int
    end: int
    value: float
    low: float
    high: float
    currency: str
    amount_usd: float | None
    approx: bool
    approx_word: str | None
    vague: bool


def _units(units: str) -> int:
    """Multiplier of a unit run: 万亿 = 10^12, 百万 = 10^6."""
    factor = 1
    for ch in units:
        factor *= _UNIT[ch]
    return factor


def _chinese(numeral: str) -> float:
    """A Chinese numeral via cn2an, with anything it prints kept off stdout/stderr."""
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        return float(cn2an.cn2an(numeral, "normal"))


def _range(m: re.Match[str]) -> tuple[float, float] | None:
    """(low, high) of the amount, or None when the match is not a number (e.g. bare 几元)."""
    units = m["units"]
    if m["arabic"]:
        value = float(m["arabic"].replace(",", "")) * _units(units)
        return value, value
    if m["vague"]:
        if not units:
            return None
        return 2.0 * _units(units), 9.0 * _units(units)
    try:
        value = _chinese(m["chinese"] + units)
    except ValueError:  # cn2an knows no 兆: the numeral, times its units
        try:
            value = _chinese(m["chinese"]) * _units(units)
        except ValueError:
            return None
    return value, value


def extract_money(text: str) -> list[Money]:
    """All currency amounts in text, in order."""
    found: list[Money] = []
    if not any(c in text for c in _CURRENCY_CHARS):
        return found
    for m in _AMOUNT.finditer(text):
        if not m["currency"] and not (m["pre"] and m["units"]):
            continue  # no currency word, or 人民币1年期: a currency before a bare number
        bounds = _range(m)
        if bounds is None:
            continue
        low, high = bounds
        # the word before the number decides (新台币3000亿元 is TWD); a bare 元 after it agrees
        currency = _CURRENCY[m["pre"] or m["currency"]]
        word = m["before"] or m["before2"] or m["after1"] or m["after2"]
        found.append(
            Money(
                text=m[0],
                start=m.start(),
                end=m.end(),
                value=low,
                low=low,
                high=high,
                currency=currency,
                amount_usd=low if currency == "USD" else None,
                approx=word is not None,
                approx_word=word,
                vague=m["vague"] is not None,
            )
        )
    return found


MONEY_COLUMNS = [
    "paragraph_id",
    "source_id",
    "text",
    "start",
    "end",
    "value",
    "low",
    "high",
    "currency",
    "amount_usd",
    "approx",
    "approx_word",
    "vague",
]


def money_table(paragraphs: pd.DataFrame) -> pd.DataFrame:
    """One row per amount in paragraphs; offsets into text_simplified (None if misaligned)."""
    rows = []
    columns = ["paragraph_id", "source_id", "text", "text_simplified"]
    for pid, source_id, text, simplified in rows_of(paragraphs, columns):
        aligned = len(text) == len(simplified)
        for a in extract_money(simplified):
            start, end = (a.start, a.end) if aligned else (None, None)
            rows.append(
                [pid, source_id, a.text, start, end, a.value, a.low, a.high]
                + [a.currency, a.amount_usd, a.approx, a.approx_word, a.vague]
            )
    dtypes = {
        "start": "Int64",
        "end": "Int64",
        "amount_usd": "float64",
        "approx": bool,
        "vague": bool,
    }
    return rows_frame(rows, MONEY_COLUMNS, dtypes)
