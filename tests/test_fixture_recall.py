"""Recall on unseen, real-shaped reports (tests/fixtures/articles, issue 13).

The twelve invented articles were annotated by reading them (gold_mentions.csv, gold_dates.csv;
see the README there), not by running saga. Each article is cleaned with saga's own cleaning
rules, then the extractors run on every cleaned paragraph, title included, as `saga data` would.
A mention counts as found per (article, entity) up to the gold count.
"""

from __future__ import annotations

import re
from collections import Counter

import pandas as pd
import pytest
from conftest import FIXTURES

from saga.corpus.cleaning import clean, decode, load_rules
from saga.corpus.dates import dates_table
from saga.corpus.entities import load_entities, mentions_table
from saga.corpus.script import to_simplified

ARTICLES = FIXTURES / "articles"
# 17日, 今日(22日), 今(20)日, 當地時間11日, 本月5日: a day without a written month or year
DAY_ONLY = re.compile(r"^(?!.*\d\s*月)[^年]*\d+\)?日\)?$")


@pytest.fixture(scope="module")
def fixture_corpus(root):
    """(paragraphs, published by source) of the twelve articles; source id = file name."""
    rules = load_rules(root)
    manifest = pd.read_csv(ARTICLES / "articles.csv", dtype=str, keep_default_na=False)
    rows = []
    for a in manifest.itertuples():
        text = decode((ARTICLES / a.file).read_bytes(), a.file)
        rows += clean(text, a.file, rules).paragraphs
    paragraphs = pd.DataFrame(rows)
    paragraphs["text_simplified"] = [to_simplified(t) for t in paragraphs["text"]]
    return paragraphs, dict(zip(manifest["file"], manifest["published"], strict=True))


def person_recall(mentions: pd.DataFrame, gold: pd.DataFrame) -> tuple[int, int]:
    """(found, total) gold mentions, per (article, entity) up to the gold count."""
    want = gold.groupby(["file", "entity_id"])["count"].sum()
    got = mentions.groupby(["source_id", "entity_id"]).size()
    found = sum(min(n, got.get(key, 0)) for key, n in want.items())
    return found, int(want.sum())


def test_person_mention_recall_on_unseen_reports_is_at_least_90_percent(root, fixture_corpus):
    paragraphs, _ = fixture_corpus
    entities = load_entities(root)
    persons = set(entities.loc[entities["type"] == "person", "id"])
    gold = pd.read_csv(ARTICLES / "gold_mentions.csv")
    gold = gold[gold["entity_id"].isin(persons)]
    mentions = mentions_table(paragraphs, entities)
    found, total = person_recall(mentions, gold)
    print(f"person mentions of lexicon persons: {found}/{total} = {found / total:.1%}")
    assert found / total >= 0.90
    found_persons = mentions[mentions["entity_id"].isin(persons)]
    extra = found_persons.groupby(["source_id", "entity_id"]).size()
    want = gold.groupby(["file", "entity_id"])["count"].sum()
    assert {k: n for k, n in extra.items() if n > want.get(k, 0)} == {}  # no false persons


def test_every_day_only_date_resolves_to_its_gold_day_and_no_other(fixture_corpus):
    paragraphs, published = fixture_corpus
    gold = pd.read_csv(ARTICLES / "gold_dates.csv", dtype=str)
    gold = gold[gold["expression"].map(lambda e: bool(DAY_ONLY.match(e)))]
    dates = dates_table(paragraphs, published)
    day_only = dates[dates["text"].map(lambda e: bool(DAY_ONLY.match(e)))]
    want = Counter(zip(gold["file"], gold["value"], strict=True))
    got = Counter(zip(day_only["source_id"], day_only["value"], strict=True))
    found = sum((want & got).values())
    print(f"day-only dates: {found}/{sum(want.values())}, extra: {dict(got - want)}")
    assert len(gold) == 27  # as the README counts them (上週五, a weekday, is not day-only)
    assert want == got
    assert set(day_only["precision"]) == {"day"}
