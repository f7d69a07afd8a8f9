"""saga.records.annotations: loading the hand annotations and finding what is wrong with them."""

from pathlib import Path

import pandas as pd
import pytest

from saga.corpus.dates import dates_table
from saga.errors import SagaError
from saga.records.annotations import (
    load_claims,
    load_events,
    load_stances,
    split_ids,
    unread,
    validate,
)

EVENTS_HEADER = (
    "event_id,date,precision,theme,summary_en,summary_zh,supporting,contradicting,"
    "external_bib,external\n"
)
GOOD_EVENT = "left,2018-02-20,day,power-struggle-2018,Musk leaves.,马斯克离开。,a-2,b-1,,false\n"
PARAGRAPHS = pd.DataFrame(
    {
        "paragraph_id": ["a-1", "a-2", "b-1"],
        "source_id": ["a", "a", "b"],
        "text": [
            "OpenAI 在 2015 年成立。",
            "马斯克于 2018 年 2 月 20 日宣布离职。",
            "2018年2月他离开。",
        ],
    }
).assign(text_simplified=lambda df: df["text"])
PUBLISHED = {"a": "2023-03-25", "b": "2023-12-04"}


def make_project(
    root: Path,
    events: str = GOOD_EVENT,
    claims: str = "left-conflict,power-struggle-2018,Musk left over a conflict of interest.,\n",
    stances: str = "left-conflict,a,contradicts,a-2\nleft-conflict,b,silent,\n",
) -> Path:
    (root / "data" / "annotations").mkdir(parents=True)
    (root / "data" / "sources.csv").write_text("source_id,published\na,2023-03-25\nb,2023-12-04\n")
    (root / "book").mkdir()
    (root / "book" / "references.bib").write_text("@misc{openai2019lp,\n  title={OpenAI LP}\n}\n")
    folder = root / "data" / "annotations"
    (folder / "events.csv").write_text(EVENTS_HEADER + events, encoding="utf-8")
    (folder / "claims.csv").write_text("claim_id,theme,claim_en,note\n" + claims, encoding="utf-8")
    (folder / "claim_stances.csv").write_text(
        "claim_id,source_id,stance,paragraphs\n" + stances, encoding="utf-8"
    )
    return root


def problems(root: Path) -> list[str]:
    return validate(root, PARAGRAPHS, dates_table(PARAGRAPHS, PUBLISHED))


def test_split_ids_drops_blanks_and_spaces():
    assert split_ids("a-1; a-2;;") == ["a-1", "a-2"]
    assert split_ids("") == []


def test_loaders_return_the_rows_as_strings(tmp_path):
    root = make_project(tmp_path)
    assert load_events(root).loc[0, "date"] == "2018-02-20"
    assert load_claims(root).loc[0, "claim_id"] == "left-conflict"
    assert load_stances(root)["stance"].tolist() == ["contradicts", "silent"]


def test_a_wrong_header_is_an_error(tmp_path):
    root = make_project(tmp_path)
    (root / "data" / "annotations" / "claims.csv").write_text("claim_id,theme\nx,founding\n")
    with pytest.raises(SagaError, match="claims.csv"):
        load_claims(root)


def test_consistent_annotations_have_no_problems(tmp_path):
    assert problems(make_project(tmp_path)) == []


def test_unknown_paragraph_theme_and_bad_date_are_reported(tmp_path):
    event = "x,2018-02-30,day,palace-intrigue,s,s,a-9,,,false\n"
    found = "\n".join(problems(make_project(tmp_path, events=event)))
    assert "'a-9'" in found
    assert "palace-intrigue" in found
    assert "2018-02-30" in found


def test_date_must_fit_its_precision(tmp_path):
    event = "x,2018-02,day,founding,s,s,b-1,,,false\n"
    assert any("day precision" in p for p in problems(make_project(tmp_path, events=event)))


def test_event_date_must_be_extracted_from_a_supporting_paragraph(tmp_path):
    # b-1 only says 2018年2月: month precision cannot support the day 2018-02-20
    event = "x,2018-02-20,day,power-struggle-2018,s,s,b-1,,,false\n"
    [problem] = problems(make_project(tmp_path, events=event))
    assert "not among the dates extracted" in problem


def test_a_day_inside_the_event_month_supports_it(tmp_path):
    event = "x,2018-02,month,power-struggle-2018,s,s,a-2,,,false\n"
    assert problems(make_project(tmp_path, events=event)) == []


def test_external_dates_need_a_known_bib_key(tmp_path):
    ok = "x,2019-03-11,day,capped-profit,s,s,,,openai2019lp,true\n"
    assert problems(make_project(tmp_path / "ok", events=ok)) == []
    no_key = "x,2019-03-11,day,capped-profit,s,s,,,,true\n"
    found = problems(make_project(tmp_path / "no-key", events=no_key))
    assert any("needs a bib key" in p for p in found)
    unknown = "y,2019-03-11,day,capped-profit,s,s,,,nosuchkey,true\n"
    found = problems(make_project(tmp_path / "unknown", events=unknown))
    assert any("nosuchkey" in p for p in found)


def test_external_must_be_true_or_false(tmp_path):
    event = GOOD_EVENT.replace(",false", ",yes")
    assert any("external must be" in p for p in problems(make_project(tmp_path, events=event)))


def test_duplicate_event_ids_are_reported(tmp_path):
    found = problems(make_project(tmp_path, events=GOOD_EVENT * 2))
    assert any("duplicate event_id" in p for p in found)


def test_supporting_stance_must_cite_a_paragraph_of_its_own_source(tmp_path):
    stances = "left-conflict,a,supports,\nleft-conflict,b,contradicts,a-1\n"
    found = problems(make_project(tmp_path, stances=stances))
    assert any("a: stance supports must cite" in p for p in found)
    assert any("'a-1' is not a paragraph of this source" in p for p in found)


def test_unknown_stance_source_and_claim_are_reported(tmp_path):
    stances = (
        "left-conflict,a,agrees,a-2\n"
        "left-conflict,b,silent,\n"
        "left-conflict,z,silent,\n"
        "no-such-claim,a,silent,\n"
    )
    found = "\n".join(problems(make_project(tmp_path, stances=stances)))
    assert "'agrees'" in found
    assert "left-conflict/z: unknown source_id" in found
    assert "no-such-claim/a: unknown claim_id" in found


def test_a_source_without_a_stance_is_unread_not_invalid(tmp_path):
    root = make_project(tmp_path, stances="left-conflict,a,contradicts,a-2\n")
    assert problems(root) == []
    left = unread(load_claims(root), load_stances(root), ["a", "b"])
    assert left.to_dict("records") == [{"claim_id": "left-conflict", "source_id": "b"}]


def test_unknown_claim_theme_is_reported(tmp_path):
    claims = "left-conflict,gossip,Musk left over a conflict of interest.,\n"
    assert any("gossip" in p for p in problems(make_project(tmp_path, claims=claims)))


def test_the_shipped_annotations_agree_with_the_corpus():
    from saga.corpus.store import read_table
    from saga.paths import project_root

    try:
        paragraphs, sources = read_table("paragraphs"), read_table("sources")
    except SagaError:
        pytest.skip("processed tables not built (python -m saga data)")
    dates = dates_table(
        paragraphs, dict(zip(sources["source_id"], sources["published"], strict=True))
    )
    assert validate(project_root(), paragraphs, dates) == []
