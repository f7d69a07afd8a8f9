"""`saga add --from LIST.csv`: a batch goes in whole, or not at all with one line per bad row."""

from __future__ import annotations

import csv
import shutil

import pandas as pd
from add_helpers import article_title, write_article
from conftest import FIXTURES, saga, tree_hash

HEADER = ["file", "title", "outlet", "published"]
OUTLETS = ["新浪科技", "人民日报", "Test Wire", "港聞網", "云端财经 (repost)"]


def write_list(path, rows, header=HEADER):
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows([header, *rows])
    return path


def fifty(tmp_path):
    """50 rows: files in articles/ relative to the list, five outlets, ten dates."""
    rows = []
    for k in range(50):
        write_article(tmp_path / "articles", k)
        rows.append([f"articles/article-{k:03d}.txt", article_title(k), OUTLETS[k % 5],
                     f"2024-01-{1 + k // 5:02d}"])  # fmt: skip
    return rows


def manifest(project):
    return pd.read_csv(project / "data" / "sources.csv", dtype=str, keep_default_na=False)


def test_fifty_articles_in_one_call(project, tmp_path):
    before = len(manifest(project))
    result = saga(project, "add", "--from", str(write_list(tmp_path / "list.csv", fifty(tmp_path))))
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""  # no progress bar when stderr is not a terminal
    printed = result.stdout.split()
    rows = manifest(project)
    assert len(printed) == len(set(printed)) == 50
    assert list(rows["source_id"][before:]) == printed
    assert printed[:3] == [
        "xinlangkeji-2024-01-01",
        "renminribao-2024-01-01",
        "test-wire-2024-01-01",
    ]
    assert saga(project, "check").returncode == 0


def test_one_bad_row_refuses_the_whole_batch(project, tmp_path):
    rows = fifty(tmp_path)
    rows[31][3] = "2024-02-30"
    data = project / "data"
    before = tree_hash(data)
    result = saga(project, "add", "--from", str(write_list(tmp_path / "list.csv", rows)))
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        "error: list.csv:33: published: bad date '2024-02-30'; use YYYY-MM-DD (or YYYY-MM if the day is unknown)",
        "error: 1 of 50 rows are bad; nothing was added",
    ]
    assert result.stdout == "" and tree_hash(data) == before


def test_duplicates_in_the_batch_and_in_the_corpus_are_named_by_line(project, tmp_path):
    rows = fifty(tmp_path)[:4]
    rows.append([rows[0][0], "另一个标题", "人民日报", "2024-03-01"])  # same text as line 2
    shutil.copy(project / "data/raw/vinda-2024-06.txt", tmp_path / "vinda.txt")
    rows.append(["vinda.txt", "马斯克与OpenAI的爱恨纠缠", "人民日报", "2024-06-01"])
    before = tree_hash(project / "data")
    result = saga(project, "add", "--from", str(write_list(tmp_path / "list.csv", rows)))
    assert result.returncode == 2
    lines = result.stderr.splitlines()
    assert lines[0] == "error: list.csv:6: same text as list.csv:2; not added twice"
    assert lines[1] == "error: list.csv:7: same text as source vinda-2024-06; not added twice"
    assert lines[2] == "error: 2 of 6 rows are bad; nothing was added"
    assert tree_hash(project / "data") == before


def test_at_most_twenty_bad_rows_are_listed_then_a_count(project, tmp_path):
    rows = [[f"missing-{k}.txt", "t", "o", "2024-01-01"] for k in range(23)]
    result = saga(project, "add", "--from", str(write_list(tmp_path / "list.csv", rows)))
    lines = result.stderr.splitlines()
    assert result.returncode == 2 and len(lines) == 22
    assert lines[0].startswith("error: list.csv:2: ") and "no such file" in lines[0]
    assert lines[20] == "error: … and 3 more bad rows"
    assert lines[21] == "error: 23 of 23 rows are bad; nothing was added"


def test_a_list_with_wrong_columns_is_one_line(project, tmp_path):
    path = write_list(tmp_path / "list.csv", [["a.txt", "t", "o"]], ["file", "title", "source"])
    before = tree_hash(project / "data")
    result = saga(project, "add", "--from", str(path))
    assert result.returncode == 2 and len(result.stderr.splitlines()) == 1
    assert (
        "list.csv" in result.stderr and "source" in result.stderr and "published" in result.stderr
    )
    assert tree_hash(project / "data") == before


def test_the_fixture_articles_go_in_with_readable_ids(project):
    listing = FIXTURES / "articles" / "articles.csv"
    result = saga(project, "add", "--from", str(listing))
    assert result.returncode == 0, result.stderr
    ids = result.stdout.split()
    assert len(ids) == 12
    assert {
        "gangwenwang-2023-11-18",
        "gangwenwang-2024-09-26",
        "yunduancaijing-repost-2023-11-21",
        "shendukejiguancha-2023-11-30",
        "daoyukejibao-taipei-2025-02-12",
        "guigukuaixunwang-2025-03-05",
    } <= set(ids)
    row = manifest(project).set_index("source_id").loc["guigukuaixunwang-2025-03-05"]
    assert "title line added" in row["notes"]  # the one-block article has no title line
    assert saga(project, "check").returncode == 0
