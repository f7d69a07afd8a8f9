"""Date a tweet from its status ID, and set the date against what the texts say.

Twitter status IDs since late 2010 are "snowflakes": the top 41 bits hold the milliseconds
since Twitter's epoch, 2010-11-04 01:42:54.657 UTC (1288834974657 ms after the Unix epoch),
so ``(status_id >> 22) + 1288834974657`` is the creation time in Unix milliseconds. This
dates the tweets a source links to from the data itself, independently of the text's own
"周五" or "上周五".

Local dates are given for UTC, Beijing (Asia/Shanghai: the Chinese sources' clock) and the
US Pacific coast (America/Los_Angeles: where Musk, OpenAI and Semafor's story are).
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pandas as pd

TWITTER_EPOCH_MS = 1288834974657
ZONES = {"beijing": ZoneInfo("Asia/Shanghai"), "pacific": ZoneInfo("America/Los_Angeles")}
_STATUS_URL = re.compile(
    r"^https?://(?:www\.|mobile\.)?(?:twitter|x)\.com/(?P<user>[A-Za-z0-9_]{1,15})"
    r"/status(?:es)?/(?P<id>\d+)(?:[/?#].*)?$"
)

TWEET_COLUMNS = [
    "paragraph_id",
    "user",
    "status_id",
    "url",
    "utc",
    "date_utc",
    "date_beijing",
    "date_pacific",
    "weekday_utc",
]


def snowflake_ms(status_id: int | str) -> int:
    """Unix milliseconds at which a tweet with this (snowflake) status ID was created.

    Only IDs issued since snowflakes were introduced (November 2010) carry a time; older,
    sequential IDs would decode to nonsense, and this function cannot tell them apart."""
    sid = int(status_id)
    if sid < 0:
        raise ValueError(f"status ID {sid} is negative")
    return (sid >> 22) + TWITTER_EPOCH_MS


def snowflake_time(status_id: int | str) -> datetime:
    """The creation time of a tweet (timezone-aware, UTC), from its status ID alone."""
    return datetime.fromtimestamp(snowflake_ms(status_id) / 1000, tz=UTC)


def parse_status_url(url: str) -> tuple[str, int] | None:
    """(user, status_id) of a twitter.com / x.com status link, or None for any other URL."""
    m = _STATUS_URL.match(url.strip())
    return (m["user"], int(m["id"])) if m else None


def tweet_dates(links: pd.DataFrame) -> pd.DataFrame:
    """One row per tweet link in a `links` frame (paragraph_id, text, url): who tweeted, the
    decoded time (ISO, UTC, millisecond precision) and the calendar date in UTC, Beijing and US
    Pacific time, plus the UTC weekday. Other links are skipped; input order is kept."""
    rows = []
    for link in links.itertuples(index=False):
        parsed = parse_status_url(str(link.url))
        if parsed is None:
            continue
        user, sid = parsed
        t = snowflake_time(sid)
        rows.append(
            [
                str(link.paragraph_id),
                user,
                str(sid),  # str: 19-digit IDs do not survive a float64 round trip
                str(link.url),
                t.isoformat(timespec="milliseconds").replace("+00:00", "Z"),
                t.date().isoformat(),
                t.astimezone(ZONES["beijing"]).date().isoformat(),
                t.astimezone(ZONES["pacific"]).date().isoformat(),
                t.strftime("%A"),
            ]
        )
    return pd.DataFrame(rows, columns=TWEET_COLUMNS)


def check_against_text(
    tweets: pd.DataFrame, dates: pd.DataFrame, counterparts: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Each tweet's decoded date beside the day-precision dates the texts give for it.

    dates: a saga.corpus.dates table (paragraph_id, text, value, kind, ...). Each day- or
    month-precision date a paragraph gives is compared with the tweet's Beijing and Pacific
    dates: a text agrees when its value equals or contains either (a Chinese text may count in Beijing time, its English original in US time).
    counterparts (optional): pairs paragraph_a/paragraph_b of paragraphs that say the same
    thing (saga.corpus.overlap.aligned_pairs); the counterpart of the linking paragraph is checked
    too, so a translation without the links is dated by the one that has them.
    Columns: status_id, date_utc, date_beijing, date_pacific, paragraph_id, date_text,
    date_value, agrees, days_off (day precision only: text date minus the nearer local date)."""
    linked = {}
    for t in tweets.itertuples(index=False):
        linked.setdefault(t.paragraph_id, []).append(t)
    # each linking paragraph's counterparts, in table order: one pass, not one per tweet
    partners: dict[str, list[str]] = {}
    if counterparts is not None:
        a_col, b_col = counterparts["paragraph_a"], counterparts["paragraph_b"]
        touching = a_col.isin(set(linked)) | b_col.isin(set(linked))
        for a, b in zip(a_col[touching], b_col[touching], strict=True):
            if a in linked:
                partners.setdefault(a, []).append(b)
            if b in linked and b != a:
                partners.setdefault(b, []).append(a)
    check: list[tuple[str, object]] = []
    for pid, ts in linked.items():
        for t in ts:
            check.append((pid, t))
            check.extend((other, t) for other in partners.get(pid, []))
    dated = dates[dates["value"].fillna("").str.fullmatch(r"\d{4}-\d{2}(?:-\d{2})?")]
    dated = dated[dated["paragraph_id"].isin({pid for pid, _ in check})]
    by_paragraph: dict[str, list] = {}
    for d in dated.itertuples(index=False):
        by_paragraph.setdefault(d.paragraph_id, []).append(d)
    rows = []
    for pid, t in check:
        for d in by_paragraph.get(pid, []):
            local = [t.date_beijing, t.date_pacific]
            agrees = any(x == d.value or x.startswith(d.value + "-") for x in local)
            off = None
            if len(d.value) == 10:
                offs = [(pd.Timestamp(d.value) - pd.Timestamp(x)).days for x in local]
                off = min(offs, key=abs)
            rows.append(
                [t.status_id, t.date_utc, t.date_beijing, t.date_pacific, pid]
                + [str(d.text), str(d.value), agrees, off]
            )
    columns = ["status_id", "date_utc", "date_beijing", "date_pacific", "paragraph_id"]
    columns += ["date_text", "date_value", "agrees", "days_off"]
    out = pd.DataFrame(rows, columns=columns).drop_duplicates(["status_id", "paragraph_id"])
    return out.astype({"agrees": bool, "days_off": "Int64"}).reset_index(drop=True)
