"""Rerun proof: a reader adds an article with `python -m saga add`, rebuilds the data, and the
new text reaches the lawsuit theme, the entity counts and the timeline inputs.

The article is tests/fixtures/lawsuit_followup.txt, a short traditional-script text written
for this test in the shape of a report on a later turn in Musk's lawsuit (it says itself that it
is not a real report). Expected values come from reading that text:
- ¶3 dates the new suit 2024年8月5日 and names 埃隆·馬斯克, OpenAI and 薩姆·奧特曼;
- ¶4 says 上周一 (published 2024-08-12, a Monday: the Monday before is 2024-08-05), 訴狀,
  創始協議 and 撤訴;
- ¶5 names 格雷格·布羅克曼 (Greg Brockman);
- one related-article teaser dated 2024-08-13 speaks of 訴訟.
"""

from __future__ import annotations

import csv

import pandas as pd
import pytest
from conftest import FIXTURES, ROOT, copy_inputs, saga

from saga.analysis.teasers import trail
from saga.analysis.timelines import events_timeline
from saga.corpus.store import read_table
from saga.corpus.themes import load_themes
from saga.records.annotations import load_claims, load_events, load_stances, unread, validate

ARTICLE = FIXTURES / "lawsuit_followup.txt"
ADD = [
    "--title",
    "測試稿件:馬斯克再次起訴OpenAI",
    "--outlet",
    "Test Wire",
    "--published",
    "2024-08-12",
]
NEW = "test-wire-2024-08-12"


@pytest.fixture(scope="module")
def extended(tmp_path_factory):
    """A copy of the project with the test article added and the data rebuilt."""
    # Module-scoped (unlike conftest's `project`): the rebuild runs once.
    dest = copy_inputs(tmp_path_factory.mktemp("rerun") / "project")
    added = saga(dest, "add", str(ARTICLE), *ADD)
    assert added.returncode == 0, added.stderr
    assert added.stdout.strip() == NEW
    built = saga(dest, "data")
    assert built.returncode == 0, built.stderr
    return dest


def new_rows(table: str, root) -> pd.DataFrame:
    df = read_table(table, root)
    return df[df["source_id"] == NEW]


def test_the_article_is_a_sixth_source_in_traditional_script(extended):
    sources = read_table("sources", extended)
    assert list(sources["label"]) == ["S1", "S2", "S3", "S4", "S5", "S6"]
    row = sources.set_index("source_id").loc[NEW]
    assert row["script"] == "traditional"
    assert row["witness"] == NEW  # not a translation: its own witness
    body = new_rows("paragraphs", extended)
    body = body[body["kind"] == "body"]
    assert list(body["n"]) == [2, 3, 4, 5]


def test_it_reaches_the_lawsuit_theme(extended):
    themes = new_rows("themes", extended)
    lawsuit = set(themes.loc[themes["theme"] == "lawsuit", "paragraph_id"])
    assert {f"{NEW}-3", f"{NEW}-4"} <= lawsuit
    coverage = read_table("theme_coverage", extended).set_index("source_id")
    assert coverage.loc[NEW, "lawsuit"] >= 2
    before = read_table("theme_coverage", ROOT).set_index("source_id")
    pd.testing.assert_frame_equal(coverage.loc[before.index], before)  # old sources untouched


def test_it_reaches_the_entity_counts(extended):
    mentions = new_rows("mentions", extended)
    counts = mentions.groupby("entity_id").size()
    # 馬斯克 in the title (¶1), 埃隆·馬斯克 and Elon Musk (¶3), 馬斯克 (¶4)
    assert counts["musk"] == 4
    assert counts["altman"] == 1  # 薩姆·奧特曼 (¶3)
    assert counts["openai"] == 3  # ¶1, ¶3, ¶5
    assert counts["brockman"] == 2  # 格雷格·布羅克曼 and Greg Brockman (¶5)
    assert {f"{NEW}-3", f"{NEW}-5"} <= set(mentions["paragraph_id"])


def test_it_reaches_the_dates_table(extended):
    dates = new_rows("dates", extended)
    by_para = dates.groupby("paragraph_id")["value"].apply(list)
    assert by_para[f"{NEW}-3"] == ["2024-08-05"]
    assert by_para[f"{NEW}-4"] == ["2024-08-05"]  # 上周一, counted from 2024-08-12
    related = new_rows("related", extended)
    assert list(related["date"]) == ["2024-08-13"]
    t = trail(
        read_table("related", extended), read_table("sources", extended), load_themes(extended)
    )
    mine = t[t["source_id"] == NEW]
    assert list(mine["stage"]) == ["lawsuit"]
    assert "lawsuit" in mine["themes"].iat[0].split(";")


@pytest.fixture(scope="module")
def annotated(extended):
    """The extended project after the reader's next steps: `unread` lists what is left to read
    (one claim-source pair per claim for the new source), the reader records the new source
    as silent on every old claim and adds one lawsuit event citing it. Returns what `unread`
    and `validate` report before and after."""
    paragraphs, dates = read_table("paragraphs", extended), read_table("dates", extended)
    sources = list(read_table("sources", extended)["source_id"])
    todo = unread(load_claims(extended), load_stances(extended), sources)
    before = validate(extended, paragraphs, dates)
    claims = list(load_claims(extended)["claim_id"])
    folder = extended / "data" / "annotations"
    with (folder / "claim_stances.csv").open("a", newline="", encoding="utf-8") as f:
        csv.writer(f, lineterminator="\n").writerows([c, NEW, "silent", ""] for c in claims)
    with (folder / "events.csv").open("a", newline="", encoding="utf-8") as f:
        csv.writer(f, lineterminator="\n").writerow(
            [
                "test-refiling",
                "2024-08-05",
                "day",
                "lawsuit",
                "(test) Musk sues again.",
                "(测试)马斯克再次起诉。",
                f"{NEW}-3;{NEW}-4",
                "",
                "",
                "false",
            ]
        )
    rebuilt = saga(extended, "data")  # annotations are inputs: the fingerprint changes
    assert rebuilt.returncode == 0, rebuilt.stderr
    after = validate(extended, read_table("paragraphs", extended), read_table("dates", extended))
    left = unread(load_claims(extended), load_stances(extended), sources)
    return {
        "todo": todo,
        "before": before,
        "after": after,
        "left": left,
        "claims": claims,
        "root": extended,
    }


def test_unread_says_what_is_left_to_read(annotated):
    todo = annotated["todo"]
    assert set(todo["source_id"]) == {NEW}  # the old sources have been read
    assert sorted(todo["claim_id"]) == sorted(annotated["claims"])
    assert annotated["before"] == []  # an unread source is not an error
    assert annotated["left"].empty


def test_annotations_pass_once_the_new_source_is_read(annotated):
    assert annotated["after"] == []
    assert len(load_stances(annotated["root"])) == 6 * len(annotated["claims"])


def test_a_new_event_from_the_article_joins_the_lawsuit_timeline(annotated):
    root = annotated["root"]
    timeline = events_timeline(
        load_events(root),
        read_table("paragraphs", root),
        read_table("sources", root),
        theme="lawsuit",
    )
    row = timeline.set_index("event_id").loc["test-refiling"]
    assert row["supporting_sources"] == ["S6"]
    assert (row["n_sources"], row["n_witnesses"]) == (1, 1)
    assert timeline["event_id"].iat[-1] == "test-refiling"  # the latest lawsuit event


def test_check_passes_on_the_extended_project(annotated):
    result = saga(annotated["root"], "check")
    assert result.returncode == 0, result.stderr
    assert "6 sources" in result.stdout
