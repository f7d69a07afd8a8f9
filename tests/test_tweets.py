"""saga.analysis.tweets: dating Musk's tweets from their status IDs (snowflakes)."""

from datetime import UTC, datetime

import pandas as pd
import pytest

from saga.analysis.tweets import (
    TWITTER_EPOCH_MS,
    check_against_text,
    parse_status_url,
    snowflake_ms,
    snowflake_time,
    tweet_dates,
)
from saga.corpus.dates import dates_table
from saga.corpus.overlap import aligned_pairs
from saga.corpus.store import read_table
from saga.present import style


def make_id(when: datetime, low_bits: int = 12345) -> int:
    """A snowflake ID for a given time: milliseconds since Twitter's epoch in the top bits."""
    ms = int(when.timestamp() * 1000) - TWITTER_EPOCH_MS
    return (ms << 22) | low_bits


def test_epoch_is_twitters_2010_epoch():
    # timestamp bits 0 -> Twitter's epoch, 2010-11-04 01:42:54.657 UTC
    assert snowflake_time(5) == datetime(2010, 11, 4, 1, 42, 54, 657000, tzinfo=UTC)
    assert snowflake_ms(1 << 22 | 5) == TWITTER_EPOCH_MS + 1


def test_round_trip_ignores_worker_and_sequence_bits():
    when = datetime(2023, 2, 17, 9, 0, 0, tzinfo=UTC)
    assert snowflake_time(make_id(when, 0)) == when
    assert snowflake_time(make_id(when, (1 << 22) - 1)) == when


def test_negative_ids_are_refused():
    with pytest.raises(ValueError):
        snowflake_ms(-1)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (
            "https://twitter.com/elonmusk/status/1626516035863212034?s=20",
            ("elonmusk", 1626516035863212034),
        ),
        ("https://x.com/sama/status/123456789012345678", ("sama", 123456789012345678)),
        ("https://www.businessinsider.com/why-tesla-is-struggling-to-make-model-3-2017-10", None),
        ("https://twitter.com/elonmusk", None),
    ],
)
def test_parse_status_url(url, expected):
    assert parse_status_url(url) == expected


def test_tweet_dates_fixture_keeps_only_tweets_and_gives_local_dates():
    late_evening_pacific = make_id(datetime(2022, 12, 4, 6, 30, tzinfo=UTC))
    links = pd.DataFrame(
        {
            "paragraph_id": ["x-1", "x-2"],
            "text": ["a", "b"],
            "url": ["https://example.com/", f"https://twitter.com/u/status/{late_evening_pacific}"],
        }
    )
    t = tweet_dates(links)
    assert list(t["paragraph_id"]) == ["x-2"]
    row = t.iloc[0]
    # 06:30 UTC on 4 Dec is 14:30 in Beijing the same day and 22:30 in California the day before
    assert (row.date_utc, row.date_beijing, row.date_pacific) == (
        "2022-12-04",
        "2022-12-04",
        "2022-12-03",
    )
    assert row.status_id == str(late_evening_pacific)


def test_the_corpus_tweets_fall_on_the_days_the_texts_name():
    t = tweet_dates(read_table("links")).set_index("paragraph_id")
    # S5 ¶17: "2 月 17 日，他 发推文" ; ¶18: "3 月 15 日，他 发推文"
    assert t.loc["semafor-zh-2023-03-24-17", "date_pacific"] == "2023-02-17"
    assert t.loc["semafor-zh-2023-03-24-18", "date_pacific"] == "2023-03-15"
    # S5 ¶16: Twitter fire-hose cut "在 ChatGPT 推出一个月后的 12 月" (2022)
    assert t.loc["semafor-zh-2023-03-24-16", "date_utc"].startswith("2022-12")
    # S5 ¶19: the Elmo meme; S1 ¶27 (datelined Saturday 3 月 25 日) calls it 周五: Friday 2023-03-24
    assert t.loc["semafor-zh-2023-03-24-19", "date_pacific"] == "2023-03-24"
    assert t.loc["semafor-zh-2023-03-24-19", "weekday_utc"] == "Friday"
    assert len(t) == 4


def test_check_against_text_finds_the_one_week_slip_in_s5():
    paragraphs = read_table("paragraphs")
    sources = read_table("sources")
    dates = dates_table(
        paragraphs, dict(zip(sources["source_id"], sources["published"], strict=True))
    )
    checked = check_against_text(
        tweet_dates(read_table("links")), dates, aligned_pairs(paragraphs)
    ).set_index("paragraph_id")
    # S5 ¶19 "上周五" read from 2023-03-24 is 2023-03-17, a week before the tweet
    assert not checked.loc["semafor-zh-2023-03-24-19", "agrees"]
    assert checked.loc["semafor-zh-2023-03-24-19", "days_off"] == -7
    # S1 ¶27 "周五" (S1's counterpart of S5 ¶19, found through the overlap pairs) agrees
    assert checked.loc["qianjia-2023-03-25-27", "agrees"]
    # S1 ¶22 "去年 12 月" agrees at month precision, with no day offset
    assert checked.loc["qianjia-2023-03-25-22", "agrees"]
    assert pd.isna(checked.loc["qianjia-2023-03-25-22", "days_off"])
    assert checked["agrees"].sum() == len(checked) - 1


def test_tweet_chart_marks_the_disagreeing_date():
    from saga.present.date_charts import tweet_chart

    paragraphs = read_table("paragraphs")
    sources = read_table("sources")
    dates = dates_table(
        paragraphs, dict(zip(sources["source_id"], sources["published"], strict=True))
    )
    checked = check_against_text(tweet_dates(read_table("links")), dates, aligned_pairs(paragraphs))
    fig = tweet_chart(checked, {}, title="t", source="s")
    texts = [t.get_text() for t in fig.axes[0].texts]
    assert any("上周五" in t and "-7 days" in t for t in texts)
    assert style.png(fig)[:4] == b"\x89PNG"
