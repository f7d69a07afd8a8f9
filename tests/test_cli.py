"""`python -m saga add|check|data`: good input is accepted, bad input changes nothing."""

from __future__ import annotations

import csv
import shutil

import pandas as pd
import pytest
from conftest import FIXTURES, saga, tree_hash

REPORT = (FIXTURES / "hant_report.txt").read_text(encoding="utf-8")
TITLE = REPORT.splitlines()[0]
ADD = ["--title", TITLE, "--outlet", "Test Wire", "--published", "2024-08-01"]


def ids(project):
    return list(pd.read_csv(project / "data" / "sources.csv", dtype=str)["source_id"])


def assert_rejected(project, result, *needles):
    """Exit 2, exactly one line on stderr naming the problem, no traceback."""
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error: ") and "Traceback" not in result.stderr
    for needle in needles:
        assert needle in lines[0]


def test_add_accepts_traditional_utf8_with_bom_and_crlf(project, tmp_path):
    article = tmp_path / "report.txt"
    article.write_bytes(b"\xef\xbb\xbf" + REPORT.replace("\n", "\r\n").encode("utf-8"))
    before = ids(project)
    result = saga(project, "add", str(article), *ADD)
    assert result.returncode == 0, result.stderr
    new_id = result.stdout.strip()
    assert new_id == "test-wire-2024-08-01"
    assert ids(project) == [*before, new_id]
    row = pd.read_csv(project / "data" / "sources.csv", dtype=str).iloc[-1]
    assert row["script"] == "traditional"
    assert (project / "data" / "raw" / row["file"]).read_bytes() == article.read_bytes()
    assert saga(project, "check").returncode == 0


def test_adding_a_source_never_renumbers_the_others(project, tmp_path):
    assert saga(project, "data").returncode == 0
    before = pd.read_parquet(project / "data/processed/paragraphs.parquet")
    article = tmp_path / "report.txt"
    article.write_text(REPORT, encoding="utf-8")
    assert saga(project, "add", str(article), *ADD).returncode == 0
    assert saga(project, "data").returncode == 0
    after = pd.read_parquet(project / "data/processed/paragraphs.parquet")
    old = after[after.source_id.isin(before.source_id)].reset_index(drop=True)
    pd.testing.assert_frame_equal(old, before)
    assert len(after) > len(before)


def test_add_takes_another_encoding_only_when_named(project, tmp_path):
    article = tmp_path / "gb.txt"
    article.write_bytes(REPORT.encode("gb18030"))
    data = project / "data"
    before = tree_hash(data)
    assert_rejected(
        project, saga(project, "add", str(article), *ADD), "gb.txt", "GB18030", "--encoding"
    )
    assert tree_hash(data) == before
    result = saga(project, "add", str(article), *ADD, "--encoding", "GB18030")
    assert result.returncode == 0, result.stderr
    stored = data / "raw" / f"{result.stdout.strip()}.txt"
    assert stored.read_text(encoding="utf-8") == REPORT


@pytest.mark.parametrize(
    ("content", "needles"),
    [
        (b"", ("empty",)),
        (b"  \n\r\n\t \n", ("empty",)),
    ],
    ids=["empty", "whitespace-only"],
)
def test_add_rejects_empty_files(project, tmp_path, content, needles):
    article = tmp_path / "blank.txt"
    article.write_bytes(content)
    before = tree_hash(project / "data")
    assert_rejected(project, saga(project, "add", str(article), *ADD), "blank.txt", *needles)
    assert tree_hash(project / "data") == before


def test_add_rejects_a_missing_file(project, tmp_path):
    before = tree_hash(project / "data")
    result = saga(project, "add", str(tmp_path / "nope.txt"), *ADD)
    assert_rejected(project, result, "nope.txt", "no such file")
    assert tree_hash(project / "data") == before


def test_add_rejects_a_duplicate_even_with_other_line_ends(project, tmp_path):
    copy = tmp_path / "copy.txt"
    raw = (project / "data/raw/semafor-zh-2023-03-24.txt").read_bytes()
    copy.write_bytes(b"\xef\xbb\xbf" + raw.replace(b"\n", b"\r\n"))
    before = tree_hash(project / "data")
    result = saga(project, "add", str(copy), *ADD)
    assert_rejected(project, result, "copy.txt", "semafor-zh-2023-03-24")
    assert tree_hash(project / "data") == before


@pytest.mark.parametrize("bad", ["2024-13-01", "2024-02-30", "yesterday", "24-08-01"])
def test_add_rejects_a_bad_date(project, tmp_path, bad):
    article = tmp_path / "report.txt"
    article.write_text(REPORT, encoding="utf-8")
    before = tree_hash(project / "data")
    args = ["--title", "t", "--outlet", "o", "--published", bad]
    assert_rejected(project, saga(project, "add", str(article), *args), "bad date", bad)
    assert tree_hash(project / "data") == before


def test_check_rejects_unknown_manifest_columns(project):
    path = project / "data" / "sources.csv"
    rows = list(csv.reader(path.open(encoding="utf-8")))
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(
            [[*r, "x"] for r in rows[:1]] + [[*r, ""] for r in rows[1:]]
        )
    before = tree_hash(project / "data")
    result = saga(project, "check")
    assert_rejected(project, result, "sources.csv", "unknown columns", "x")
    assert saga(project, "data").returncode == 2
    assert tree_hash(project / "data") == before


def test_check_rejects_a_raw_file_missing_from_the_manifest(project):
    shutil.copy2(FIXTURES / "hant_report.txt", project / "data" / "raw" / "stray.txt")
    before = tree_hash(project / "data")
    assert_rejected(project, saga(project, "check"), "stray.txt", "not in data/sources.csv")
    assert tree_hash(project / "data") == before


def test_check_rejects_a_manifest_row_without_its_file(project):
    (project / "data" / "raw" / "vinda-2024-06.txt").unlink()
    assert_rejected(project, saga(project, "check"), "vinda-2024-06.txt", "missing")


def test_check_and_data_reject_an_edited_raw_file(project):
    raw = project / "data" / "raw" / "unknown-2023-11-20.txt"
    raw.write_bytes(raw.read_bytes() + "補一句。\n".encode())
    before = tree_hash(project / "data")
    assert_rejected(project, saga(project, "check"), "unknown-2023-11-20.txt", "checksum")
    assert_rejected(project, saga(project, "data"), "checksum")
    assert tree_hash(project / "data") == before


def test_data_skips_work_when_inputs_are_unchanged(project):
    assert "built" in saga(project, "data").stdout
    stamp = tree_hash(project / "data" / "processed")
    assert "up to date" in saga(project, "data").stdout
    assert tree_hash(project / "data" / "processed") == stamp


def test_data_is_byte_identical_across_forced_rebuilds(project):
    assert saga(project, "data").returncode == 0
    first = tree_hash(project / "data" / "processed")
    assert saga(project, "data", "--force").returncode == 0
    assert tree_hash(project / "data" / "processed") == first
