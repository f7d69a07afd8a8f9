"""`saga data` as a whole: atomic (a crash never leaves a mixed set of tables that passes as up
to date), and precise (the fingerprint covers what feeds the tables and nothing else)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pandas as pd
import pytest
from conftest import FIXTURES, saga, tree_hash

from saga.corpus.build import KILL_AT, input_files, processed_problem

ADD = ["--title", "測試稿件", "--outlet", "Test Wire", "--published", "2024-08-01"]


def data_killed_at(project, point: str) -> subprocess.CompletedProcess:
    """`saga data` that dies by SIGKILL at the named point of its build."""
    env = {k: v for k, v in os.environ.items() if k != "SAGA_ROOT"} | {KILL_AT: point}
    cmd = [sys.executable, "-m", "saga", "--root", str(project), "data"]
    return subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=project, timeout=300)


def assert_consistent(project):
    """Every table describes exactly the sources in the manifest."""
    manifest = list(pd.read_csv(project / "data" / "sources.csv", dtype=str)["source_id"])
    processed = project / "data" / "processed"
    assert list(pd.read_parquet(processed / "sources.parquet")["source_id"]) == manifest
    for table in ("paragraphs", "tokens", "keywords_by_source"):
        column = "group" if table == "keywords_by_source" else "source_id"
        assert set(pd.read_parquet(processed / f"{table}.parquet")[column]) == set(manifest)
    assert processed_problem(project) is None


@pytest.fixture
def built(project):
    assert saga(project, "data").returncode == 0
    return project


def test_a_kill_mid_write_leaves_the_previous_tables_in_place(built, tmp_path):
    before = tree_hash(built / "data" / "processed")
    manifest = (built / "data" / "sources.csv").read_bytes()
    article = tmp_path / "report.txt"
    shutil.copy(FIXTURES / "hant_report.txt", article)
    new_id = saga(built, "add", str(article), *ADD).stdout.strip()
    killed = data_killed_at(built, "table:sources")  # after writing the first tables
    assert killed.returncode == -9
    assert tree_hash(built / "data" / "processed") == before
    # the reader undoes the add and reruns: the old tables are a consistent set for these inputs
    (built / "data" / "sources.csv").write_bytes(manifest)
    (built / "data" / "raw" / f"{new_id}.txt").unlink()
    assert "up to date" in saga(built, "data").stdout
    assert_consistent(built)
    assert not list((built / "data").glob("processed.*"))  # the dead run's folder is gone


def test_a_kill_mid_swap_is_rebuilt_not_reported_up_to_date(built, tmp_path):
    article = tmp_path / "report.txt"
    shutil.copy(FIXTURES / "hant_report.txt", article)
    assert saga(built, "add", str(article), *ADD).returncode == 0
    assert data_killed_at(built, "swap").returncode == -9  # old folder moved aside, new not in
    result = saga(built, "data")
    assert result.returncode == 0 and "built" in result.stdout
    assert_consistent(built)
    assert not list((built / "data").glob("processed.*"))


def test_a_table_that_does_not_match_its_stamp_is_rebuilt_and_check_says_so(built):
    tokens = built / "data" / "processed" / "tokens.parquet"
    good = tokens.read_bytes()
    tokens.write_bytes(good[: len(good) // 2])
    result = saga(built, "check")
    assert result.returncode == 2 and "run make data" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "built" in saga(built, "data").stdout
    assert tokens.read_bytes() == good


def test_check_names_stale_tables_in_one_line(built):
    assert saga(built, "check").returncode == 0
    stopwords = built / "data" / "lexicon" / "stopwords.txt"
    stopwords.write_text(stopwords.read_text(encoding="utf-8") + "马斯克\n", encoding="utf-8")
    result = saga(built, "check")
    assert result.returncode == 2
    assert result.stderr.strip() == (
        f"error: {built / 'data' / 'processed'}: stale (the inputs changed since it was built); "
        "run make data"
    )


def test_the_fingerprint_covers_pipeline_inputs_only(root):
    names = {p.relative_to(root).as_posix() for p in input_files(root)}
    for needed in (
        "data/sources.csv",
        "data/cleaning.yml",
        "data/raw/vinda-2024-06.txt",
        "data/lexicon/userdict.txt",
        "data/annotations/paragraph_themes.csv",  # themes' hand corrections feed `themes`
        "saga/corpus/segment.py",
        "saga/corpus/overlap.py",
        "saga/paths.py",
        "requirements.txt",
    ):
        assert needed in names
    for unrelated in (
        "data/annotations/events.csv",
        "saga/present/charts.py",
        "saga/analysis/timelines.py",
        "saga/records/check.py",
        "saga/corpus/ingest.py",  # adds articles; the build never runs it
        "saga/cli.py",
    ):
        assert unrelated not in names


def test_editing_events_leaves_the_tables_up_to_date(built):
    events = built / "data" / "annotations" / "events.csv"
    events.write_text(events.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert "up to date" in saga(built, "data").stdout


def test_the_process_pool_writes_the_same_bytes_as_one_process(root, tmp_path, monkeypatch):
    """One process, a pool with the overlap beside the batches (a small corpus), and a pool with
    the overlap after them (a large one: its index then built alone) write the same bytes."""
    from saga.bench.generate import generate
    from saga.corpus import build
    from saga.corpus.build import BATCH, write_tables
    from saga.corpus.jobs import POOL_MIN_SOURCES

    generate(root, tmp_path, max(POOL_MIN_SOURCES, 2 * BATCH) + 5, seed=3)  # three batches
    serial, beside, after = tmp_path / "serial", tmp_path / "beside", tmp_path / "after"
    for folder, workers, limit in ((serial, 1, 0), (beside, 2, 10**9), (after, 2, 0)):
        monkeypatch.setattr(build, "CONCURRENT_MAX_CHARS", limit)
        folder.mkdir()
        seconds: dict[str, float] = {}
        write_tables(tmp_path, folder, workers=workers, seconds=seconds)
        assert seconds["overlap"] > 0  # the overlap's CPU is counted however it ran
    for pooled in (beside, after):
        assert sorted(p.name for p in pooled.iterdir()) == sorted(p.name for p in serial.iterdir())
        for table in pooled.iterdir():
            assert table.read_bytes() == (serial / table.name).read_bytes(), table.name
    assert pd.read_parquet(beside / "tokens.parquet")["source_id"].nunique() > 2 * BATCH
    assert len(pd.read_parquet(beside / "overlap.parquet")) > 0


def test_a_table_written_in_parts_reads_back_whole_and_typed(tmp_path):
    """Per-source tables reach disk batch by batch: an empty batch (columns without a type) and
    two typed ones join into one table with the typed schema; a single part gives the bytes the
    table would have written whole."""
    from saga.corpus.store import join_parts, table_bytes, write_part

    whole = pd.DataFrame(
        {"paragraph_id": ["a-1", "a-2", "b-1"], "start": pd.array([3, None, 7], dtype="Int64")}
    )
    write_part(tmp_path / "parts", 0, pd.DataFrame(columns=["paragraph_id", "start"]))
    write_part(tmp_path / "parts", 1, whole.iloc[:2])
    write_part(tmp_path / "parts", 2, whole.iloc[2:])
    assert join_parts(tmp_path / "parts", tmp_path / "t.parquet") == ["paragraph_id", "start"]
    pd.testing.assert_frame_equal(pd.read_parquet(tmp_path / "t.parquet"), whole)

    write_part(tmp_path / "one", 0, whole)
    join_parts(tmp_path / "one", tmp_path / "one.parquet")
    assert (tmp_path / "one.parquet").read_bytes() == table_bytes(whole)


def test_a_worker_that_cannot_load_the_lexicon_reports_why(root, tmp_path, monkeypatch):
    """The pool's workers load jieba and the lexicon as they start; a failure there reaches
    the caller as the error itself, not as a pool broken for no stated reason."""
    from saga.bench.generate import generate
    from saga.corpus import build, jobs

    generate(root, tmp_path, jobs.POOL_MIN_SOURCES, seed=3)

    def broken(_root):
        raise ValueError("data/lexicon/entities.csv: line 3 has no canonical name")

    monkeypatch.setattr(jobs, "init_process", broken)
    (tmp_path / "out").mkdir()
    with pytest.raises(ValueError, match="line 3 has no canonical name"):
        build.write_tables(tmp_path, tmp_path / "out", workers=2)
