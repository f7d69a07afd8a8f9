"""`saga add` under concurrency, signals and a full disk: no accepted article is ever lost,
an interrupted add leaves data/ as it was, and leftovers never block the next command."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import time

import pandas as pd
from add_helpers import article_title, write_article
from conftest import saga, tree_hash


def manifest(project):
    return pd.read_csv(project / "data" / "sources.csv", dtype=str, keep_default_na=False)


def add_command(project, path, outlet, published, title):
    return [
        sys.executable, "-m", "saga", "--root", str(project), "add", str(path),
        "--title", title, "--outlet", outlet, "--published", published,
    ]  # fmt: skip


def clean_env(**extra):
    env = {k: v for k, v in os.environ.items() if k != "SAGA_ROOT"}
    return {**env, **extra}


def test_eight_concurrent_adds_keep_every_article(project, tmp_path):
    outlets = [
        ("新浪科技", "2023-11-18"),
        ("新浪科技", "2023-11-18"),  # same outlet and date: needs -2
        ("人民日报", "2024-08-01"),
        ("Test Wire", "2024-08-01"),
        ("港聞網", "2023-11-20"),
        ("云端财经 (repost)", "2023-11-21"),
        ("Caixin Weekly", "2024-03-01"),
        ("科技島日報", "2023-11-22"),
    ]
    before = len(manifest(project))
    procs = [
        subprocess.Popen(
            add_command(project, write_article(tmp_path / "in", k), o, d, article_title(k)),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=clean_env(),
        )  # fmt: skip
        for k, (o, d) in enumerate(outlets)
    ]
    results = [(p.communicate(timeout=300), p.returncode) for p in procs]
    assert [rc for _, rc in results] == [0] * 8, [err for (_, err), _ in results]
    printed = [out.strip() for (out, _), _ in results]
    rows = manifest(project)
    assert len(rows) == before + 8
    assert len(set(printed)) == 8
    assert set(printed) <= set(rows["source_id"])
    for source_id in printed:
        assert (project / "data" / "raw" / f"{source_id}.txt").is_file()
    assert {"xinlangkeji-2023-11-18", "xinlangkeji-2023-11-18-2"} <= set(printed)
    assert saga(project, "check").returncode == 0


def test_sigterm_mid_add_changes_nothing_and_the_next_command_works(project, tmp_path):
    data = project / "data"
    before = tree_hash(data)
    article = write_article(tmp_path / "in", 1)
    proc = subprocess.Popen(
        add_command(project, article, "Test Wire", "2024-08-01", article_title(1)),
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env=clean_env(SAGA_TEST_PAUSE_AFTER_TEMP="60"),
    )  # fmt: skip
    deadline = time.monotonic() + 120
    while not list((data / "raw").glob(".saga-*.tmp")):
        assert time.monotonic() < deadline and proc.poll() is None, proc.communicate()
        time.sleep(0.05)
    proc.send_signal(signal.SIGTERM)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert err.strip() == "error: interrupted; nothing was changed"
    assert out == ""
    assert tree_hash(data) == before
    assert saga(project, "check").returncode == 0
    assert saga(project, "add", str(article), "--title", article_title(1), "--outlet", "Test Wire",
                "--published", "2024-08-01").returncode == 0  # fmt: skip


def test_hidden_files_in_raw_are_ignored_and_stale_temps_removed(project, tmp_path):
    raw = project / "data" / "raw"
    (raw / ".DS_Store").write_bytes(b"\x00\x01binary")
    (raw / ".saga-x.txt.999.tmp").write_text("left by a killed add", encoding="utf-8")
    (raw / ".other.tmp").write_text("someone else's", encoding="utf-8")
    assert saga(project, "check").returncode == 0
    article = write_article(tmp_path / "in", 2)
    result = saga(project, "add", str(article), "--title", article_title(2), "--outlet", "Test Wire",
                  "--published", "2024-08-01")  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert not (raw / ".saga-x.txt.999.tmp").exists()  # our own leftover, cleaned under the lock
    assert (raw / ".DS_Store").exists() and (raw / ".other.tmp").exists()
    assert saga(project, "check").returncode == 0


def full_disk_after(real, calls: int):
    """A stand-in for durable._write_all (`real`) failing with ENOSPC from its `calls`-th call."""
    count = [0]

    def write(fd, data):
        count[0] += 1
        if count[0] >= calls:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real(fd, data)

    return write


def test_a_full_disk_names_the_file_and_changes_nothing(project, tmp_path, monkeypatch, capsys):
    from saga import cli
    from saga.corpus import durable

    article = write_article(tmp_path / "in", 3)
    args = ["--root", str(project), "add", str(article), "--title", article_title(3),
            "--outlet", "Test Wire", "--published", "2024-08-01"]  # fmt: skip
    before, real = tree_hash(project / "data"), durable._write_all
    for calls, file in [(1, "raw/test-wire-2024-08-01.txt"), (2, "data/sources.csv")]:
        monkeypatch.setattr(durable, "_write_all", full_disk_after(real, calls))
        assert cli.main(args) == 2
        err = capsys.readouterr().err.strip()
        assert len(err.splitlines()) == 1
        assert file in err and "no space left on device" in err and "nothing was changed" in err
        assert tree_hash(project / "data") == before
