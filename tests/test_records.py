"""saga.records: the hand-made money roles, outside record, GPU figures and teaser stages are
CSV files with one loader each, and `saga check` reports a broken row in any of them."""

import csv

import pandas as pd
import pytest
from conftest import saga
from test_cli import assert_rejected

from saga.errors import SagaError
from saga.records.gpu_figures import gpu_problems, load_gpu_figures
from saga.records.money_roles import load_flows, load_money_roles, money_role_problems
from saga.records.outside_record import load_outside_record, outside_record_problems
from saga.records.teaser_stages import fallback_stage, load_teaser_stages, stage_words

FLOWS = {"musk-given": "Musk's donations", "valuation": "Valuation of OpenAI"}
MONEY = pd.DataFrame({"paragraph_id": ["a-1", "a-2"], "text": ["1 亿美元", "300 亿美元"]})


def role(**kw):
    row = dict(paragraph_id="a-1", text="1 亿美元", flow="musk-given", payer="Musk",
               payee="OpenAI", as_of="2018", basis="article", note="")  # fmt: skip
    return row | kw


def test_money_roles_name_known_flows_dated_amounts_the_text_still_holds():
    good = pd.DataFrame([role(), role(paragraph_id="a-2", text="300 亿美元", flow="valuation")])
    assert money_role_problems(good, FLOWS, MONEY) == []
    bad = pd.DataFrame([role(flow="gift", as_of="spring"), role(), role(text="2 亿美元")])
    found = money_role_problems(bad, FLOWS, MONEY)
    assert any("line 2: unknown flow 'gift'" in p for p in found)
    assert any("line 2: as_of 'spring'" in p for p in found)
    assert any("several rows for [('a-1', '1 亿美元')]" in p for p in found)
    assert any("not in the money table: a-1 '2 亿美元'" in p for p in found)


def test_outside_record_rows_need_a_flow_a_number_a_bound_a_day_and_a_known_bib_key():
    rec = pd.DataFrame(
        [
            {
                "flow": "valuation",
                "value_usd": 27e9,
                "bound": "~",
                "date": "2023-04-17",
                "bib": "k",
            },
            {"flow": "gift", "value_usd": float("nan"), "bound": "?", "date": "2023", "bib": "x"},
        ]
    )
    found = outside_record_problems(rec, FLOWS, {"k"})
    assert not any("line 2" in p for p in found)
    for needle in ("unknown flow 'gift'", "positive number", "bound '?'", "date '2023'", "'x'"):
        assert any(needle in p and "line 3" in p for p in found), needle


def test_gpu_figures_must_still_be_in_their_paragraph():
    figures = pd.DataFrame({"paragraph_id": ["p-1"], "text": ["仅为2万"], "gpus": [20000]})
    paragraphs = pd.DataFrame({"paragraph_id": ["p-1"], "text": ["xAI 的 H100 仅为2万张"]})
    assert gpu_problems(figures, paragraphs) == []
    changed = paragraphs.assign(text="xAI 的 H100 有 2 万张")
    assert gpu_problems(figures, changed) == ["gpu_figures.csv: '仅为2万' not in paragraph p-1"]


def test_the_real_records_load_with_their_types(root):
    assert list(load_flows(root))[0] == "founding-pledge"  # chart order is file order
    assert load_money_roles(root)["flow"].isin(list(load_flows(root))).all()
    assert load_outside_record(root)["value_usd"].dtype == float
    assert load_gpu_figures(root)["gpus"].dtype == "int64"
    stages = load_teaser_stages(root)
    assert fallback_stage(stages) == "other"
    assert stage_words(stages)[0][0] == "review"  # priority 1 is checked first


def rewrite_cell(path, row, column, value):
    rows = list(csv.DictReader(path.open(encoding="utf-8", newline="")))
    rows[row][column] = value
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]), lineterminator="\n")
        w.writeheader()
        w.writerows(rows)


@pytest.mark.parametrize(
    ("file", "column", "value", "needle"),
    [
        ("annotations/money_roles.csv", "flow", "gift", "unknown flow 'gift'"),
        ("annotations/outside_record.csv", "bound", "?", "bound '?'"),
        ("annotations/gpu_figures.csv", "text", "一百万张显卡", "'一百万张显卡' not in paragraph"),
        ("lexicon/teaser_stages.csv", "words", "", "exactly one stage"),
        ("annotations/short_labels.csv", "id", "no-such-event", "'no-such-event' is not in"),
    ],
)
def test_check_reports_a_broken_record_row(project, file, column, value, needle):
    rewrite_cell(project / "data" / file, 0, column, value)
    assert_rejected(project, saga(project, "check"), needle)


def test_a_gpu_count_that_is_not_a_whole_number_is_refused(project):
    rewrite_cell(project / "data" / "annotations" / "gpu_figures.csv", 0, "gpus", "10k")
    with pytest.raises(SagaError, match="whole numbers"):
        load_gpu_figures(project)
