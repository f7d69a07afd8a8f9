"""book-prepare executes the notebooks the execution cache lacks in parallel, and stores each
success exactly where MyST-NB looks for it; a failure is left for the build to run and report."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_notebook

from saga.bookbuild.execute import SECONDS, cell_timeout, execute_uncached, uncached

pytestmark = pytest.mark.book


def project(tmp_path: Path, cells: dict[str, str]) -> Path:
    """A project folder with one notebook per entry (name: its one code cell)."""
    (tmp_path / "notebooks").mkdir()
    (tmp_path / "_config.yml").write_text("execute:\n  timeout: 60\n", encoding="utf-8")
    for name, code in cells.items():
        nb = new_notebook(cells=[new_code_cell(code)])
        nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
        nbformat.write(nb, str(tmp_path / "notebooks" / f"{name}.ipynb"))
    return tmp_path


def cached_output(root: Path, name: str) -> str:
    """The text a notebook's one cell printed, as the cache serves it to MyST-NB."""
    from jupyter_cache import get_cache

    cache = get_cache(str(root / "_build" / ".jupyter_cache"))
    nb = nbformat.read(str(root / "notebooks" / f"{name}.ipynb"), as_version=4)
    _, merged = cache.merge_match_into_notebook(nb)
    return "".join(o.get("text", "") for o in merged.cells[0].outputs)


def test_uncached_notebooks_run_ahead_and_the_cache_serves_their_outputs(tmp_path):
    root = project(tmp_path, {"a": "print(6 * 7)", "b": "print('b' * 3)"})
    assert [p.name for p in uncached(root)] == ["a.ipynb", "b.ipynb"]
    seconds = execute_uncached(root, workers=2)
    assert set(seconds) == {"notebooks/a.ipynb", "notebooks/b.ipynb"}
    assert all(s is not None and s > 0 for s in seconds.values())
    assert uncached(root) == []  # what MyST-NB matches: it will not execute them again
    assert cached_output(root, "a") == "42\n" and cached_output(root, "b") == "bbb\n"
    assert (root / SECONDS).is_file()  # the next run starts the longest first
    assert execute_uncached(root, workers=2) == {}  # nothing left to run


def test_a_failing_notebook_is_left_uncached_for_the_build_to_report(tmp_path):
    root = project(tmp_path, {"good": "x = 1", "bad": "raise ValueError('premise')"})
    seconds = execute_uncached(root, workers=2)
    assert seconds["notebooks/bad.ipynb"] is None
    assert seconds["notebooks/good.ipynb"] is not None
    assert [p.name for p in uncached(root)] == ["bad.ipynb"]


def test_one_core_leaves_execution_to_the_build(tmp_path):
    root = project(tmp_path, {"a": "x = 1", "b": "y = 2"})
    assert execute_uncached(root, workers=1) == {}
    assert len(uncached(root)) == 2


def test_the_cell_timeout_is_the_books(tmp_path):
    assert cell_timeout(project(tmp_path, {})) == 60
    (tmp_path / "_config.yml").write_text("title: x\n", encoding="utf-8")
    assert cell_timeout(tmp_path) == 600
