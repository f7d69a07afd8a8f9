"""`make book` when a notebook fails: one paragraph on the terminal (chapter, cell, error, what
to do), the full traceback only in _build/<builder>.log. Built on a tiny project copy whose
one chapter has a deliberately broken cell (html only)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def broken_project(tmp_path_factory) -> Path:
    dest = tmp_path_factory.mktemp("broken") / "project"
    (dest / "book").mkdir(parents=True)
    for name in ("_config.yml", "CITATION.cff"):
        shutil.copy2(ROOT / name, dest / name)
    shutil.copytree(ROOT / "data", dest / "data", ignore=shutil.ignore_patterns("processed"))
    for name in ("_ext", "_static", "_extra"):
        shutil.copytree(ROOT / "book" / name, dest / "book" / name)
    shutil.copy2(ROOT / "book" / "references.bib", dest / "book" / "references.bib")
    (dest / "_toc.yml").write_text("format: jb-book\nroot: notebooks/broken\n", encoding="utf-8")
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nb.cells = [
        nbformat.v4.new_markdown_cell("# A broken chapter\n\nSome prose."),
        nbformat.v4.new_code_cell("counts = {'S1': 3}"),
        nbformat.v4.new_code_cell("counts['S9']  # no such source"),
        nbformat.v4.new_code_cell("print('never reached')"),
    ]
    (dest / "notebooks").mkdir()
    nbformat.write(nb, dest / "notebooks" / "broken.ipynb")
    return dest


@pytest.fixture(scope="module")
def run(broken_project) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "saga", "--root", str(broken_project), "book-build", "html"],
        capture_output=True,
        text=True,
        cwd=broken_project,
        timeout=600,
    )


def test_the_build_fails(run):
    assert run.returncode != 0


def test_terminal_gets_one_paragraph_naming_chapter_cell_error_and_remedy(run):
    out = (run.stdout + run.stderr).strip()
    assert "Traceback" not in out
    assert len(out.splitlines()) == 1, out
    assert "“A broken chapter” (notebooks/broken.ipynb)" in out
    assert "code cell 2 of 3" in out
    assert "KeyError: 'S9'" in out
    assert "make book" in out and "make lab" in out
    assert "_build/html.log" in out


def test_full_log_keeps_the_traceback(run, broken_project):
    log = (broken_project / "_build" / "html.log").read_text(encoding="utf-8")
    assert "Executing notebook failed" in log
    assert "Traceback" in log and "KeyError" in log
    assert "counts['S9']" in log
    assert "\x1b[" not in log  # no terminal colour codes in a file
