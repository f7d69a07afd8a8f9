"""saga.records.short_labels: the short English names of events and claims that chart rows
show (data/annotations/short_labels.csv), one loader, checked against events and claims."""

from __future__ import annotations

import pandas as pd

from saga.records.annotations import load_claims, load_events
from saga.records.short_labels import load_short_labels, short_label_problems, short_labels

EVENTS = pd.DataFrame({"event_id": ["openai-founded"]})
CLAIMS = pd.DataFrame({"claim_id": ["musk-gave-100m"]})


def labels(*rows: tuple[str, str, str]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["kind", "id", "short_en"])


def test_a_label_can_say_what_kind_of_row_it_names():
    table = labels(
        ("event", "openai-founded", "OpenAI founded"), ("claim", "musk-gave-100m", "He gave")
    )
    assert short_labels(table) == {"openai-founded": "OpenAI founded", "musk-gave-100m": "He gave"}
    assert short_labels(table, kinds=True) == {
        "openai-founded": "Event: OpenAI founded",
        "musk-gave-100m": "Claim: He gave",
    }


def test_unknown_kinds_ids_blank_labels_and_repeats_are_each_one_problem():
    table = labels(
        ("event", "openai-founded", "OpenAI founded"),
        ("claim", "openai-founded", "x"),  # an event's id given as a claim
        ("scene", "musk-gave-100m", "x"),
        ("claim", "musk-gave-100m", " "),
    )
    problems = short_label_problems(table, EVENTS, CLAIMS)
    assert problems == [
        "short_labels.csv: 'openai-founded' is not in claims.csv",
        "short_labels.csv: musk-gave-100m: kind 'scene' is not event or claim",
        "short_labels.csv: musk-gave-100m: the label is blank",
        "short_labels.csv: openai-founded is listed twice",
        "short_labels.csv: musk-gave-100m is listed twice",
    ]


def test_the_real_labels_name_known_rows_and_give_chapter_1_and_2_their_row_names(root):
    table = load_short_labels(root)
    assert short_label_problems(table, load_events(root), load_claims(root)) == []
    founding = short_labels(table, kinds=True)
    assert founding["musk-page-quarrel"] == "Event: quarrel with Page at Musk's 44th birthday"
    assert founding["founding-pledge-1b"] == "Claim: the backers pledged about US$1 billion"
    assert short_labels(table)["karpathy-joins-tesla"] == "Tesla hires Karpathy from OpenAI"
