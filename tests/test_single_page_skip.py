"""`make book` does not rewrite the single page when nothing it is made of changed (Sphinx's
singlehtml builder would rewrite it on every run); any change to what it is made of rebuilds."""

from __future__ import annotations

import sys
import types
from pathlib import Path

import pytest

from saga.bookbuild import sphinx
from saga.bookbuild.sphinx import SINGLE_STAMP, single_page_inputs


def _project(root: Path) -> Path:
    for name, text in {
        "_build/.doctrees/environment.pickle": "env v1",
        "_config.yml": "title: t\n",
        "_toc.yml": "root: index\n",
        "book/_ext/saga_sphinx/__init__.py": "# ext\n",
        "_build/singlehtml/index.html": "<html></html>",
    }.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root


@pytest.mark.parametrize(
    "changed",
    ["_build/.doctrees/environment.pickle", "_config.yml", "_toc.yml",
     "book/_ext/saga_sphinx/__init__.py"],
)  # fmt: skip
def test_the_inputs_hash_changes_with_each_thing_the_single_page_is_made_of(tmp_path, changed):
    root = _project(tmp_path)
    before = single_page_inputs(root)
    (root / changed).write_text("changed", encoding="utf-8")
    assert single_page_inputs(root) != before


def test_an_up_to_date_single_page_is_not_rebuilt_and_a_stale_one_is(tmp_path, monkeypatch):
    root = _project(tmp_path)
    calls = []
    fake = types.ModuleType("jupyter_book.sphinx")
    fake.build_sphinx = lambda *a, **k: calls.append(k["builder"]) or 0
    monkeypatch.setitem(sys.modules, "jupyter_book.sphinx", fake)
    monkeypatch.setattr(sphinx, "use_ipc_kernels", lambda log: None)
    assert sphinx.build(root, "singlehtml") == 0  # no stamp yet: built, stamp written
    assert sphinx.build(root, "singlehtml") == 0  # same inputs: skipped
    assert calls == ["singlehtml"]
    (root / "_build/.doctrees/environment.pickle").write_text("env v2", encoding="utf-8")
    assert sphinx.build(root, "singlehtml") == 0
    assert calls == ["singlehtml", "singlehtml"]
    assert sphinx.build(root, "singlehtml", force_all=True) == 0
    assert len(calls) == 3
    assert (root / "_build/singlehtml" / SINGLE_STAMP).read_text() == single_page_inputs(root)


def test_a_failed_single_page_build_leaves_no_stamp(tmp_path, monkeypatch):
    root = _project(tmp_path)
    fake = types.ModuleType("jupyter_book.sphinx")
    fake.build_sphinx = lambda *a, **k: 1
    monkeypatch.setitem(sys.modules, "jupyter_book.sphinx", fake)
    monkeypatch.setattr(sphinx, "use_ipc_kernels", lambda log: None)
    assert sphinx.build(root, "singlehtml") == 1
    assert not (root / "_build/singlehtml" / SINGLE_STAMP).exists()


@pytest.mark.book
def test_the_single_page_shows_an_edit_the_site_build_has_already_read(tmp_path):
    """The site and the single page share one environment: the single page, built after the
    site has re-read an edited page, must still be rewritten with the edit."""
    import os
    import subprocess

    from test_book_html import _write_fixture_book

    _write_fixture_book(tmp_path, "First words.")
    single = tmp_path / "_build" / "singlehtml" / "index.html"
    env = {k: v for k, v in os.environ.items() if k != "SAGA_ROOT"}

    def build() -> None:
        for builder in ("html", "singlehtml"):
            cmd = [sys.executable, "-m", "saga", "--root", str(tmp_path), "book-build", builder]
            done = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=300)
            assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]

    build()
    assert "First words." in single.read_text(encoding="utf-8")
    (tmp_path / "index.md").write_text("# Fixture\n\nSecond words.\n", encoding="utf-8")
    build()
    page = single.read_text(encoding="utf-8")
    assert "Second words." in page and "First words." not in page
