"""A notebook re-runs only when the data it declares or the saga code it imports changes."""

from __future__ import annotations

from pathlib import Path

import pytest

from saga.bookbuild import cache
from saga.deps import PACKAGE


def notebook(path: Path, code: str, reads: list[str]) -> Path:
    import nbformat
    from nbformat.v4 import new_code_cell, new_notebook

    nb = new_notebook(cells=[new_code_cell(code)], metadata={"saga": {"reads": reads}})
    nbformat.write(nb, str(path))
    return path


def names(files: list[Path]) -> set[str]:
    return {f.relative_to(PACKAGE.parent).as_posix() for f in files}


def test_a_notebooks_code_is_the_saga_modules_it_imports_transitively(tmp_path):
    nb = notebook(tmp_path / "a.ipynb", "%matplotlib inline\nfrom saga.present import tables", [])
    code = names(cache.notebook_code(nb))
    # saga/present/tables.py imports saga.present.style; importing runs the packages' __init__
    assert {"saga/present/tables.py", "saga/present/style.py", "saga/present/__init__.py"} <= code
    assert "saga/__init__.py" in code
    assert "saga/present/charts.py" not in code and "saga/corpus/overlap.py" not in code


@pytest.fixture
def fake_package(tmp_path, monkeypatch):
    """A tiny saga package (two modules) standing in for the real one."""
    pkg = tmp_path / "pkg" / "saga"
    for sub in ("present", "corpus"):
        (pkg / sub).mkdir(parents=True)
        (pkg / sub / "__init__.py").write_text("", encoding="utf-8")
    (pkg / "__init__.py").write_text("", encoding="utf-8")
    (pkg / "present" / "charts.py").write_text("from saga.corpus import store\n", "utf-8")
    (pkg / "corpus" / "store.py").write_text("X = 1\n", encoding="utf-8")
    (pkg / "corpus" / "overlap.py").write_text("Y = 1\n", encoding="utf-8")
    monkeypatch.setattr("saga.deps.PACKAGE", pkg)
    monkeypatch.setattr(cache, "PACKAGE", pkg)
    return pkg


def test_prepare_cache_reruns_exactly_the_notebooks_whose_code_changed(
    tmp_path, fake_package, monkeypatch
):
    monkeypatch.delenv("SAGA_ROOT", raising=False)
    project = tmp_path / "project"
    (project / "data" / "annotations").mkdir(parents=True)
    (project / "data" / "sources.csv").write_text("source_id\n", encoding="utf-8")
    (project / "data" / "annotations" / "events.csv").write_text("event_id\n", "utf-8")
    (project / "notebooks").mkdir()
    notebook(project / "notebooks" / "a.ipynb", "from saga.present import charts", [])
    notebook(project / "notebooks" / "b.ipynb", "import saga.corpus.overlap", [])
    notebook(project / "notebooks" / "c.ipynb", "x = 1", ["annotations"])
    assert len(cache.prepare_cache(project, verbose=False)) == 3
    assert cache.prepare_cache(project, verbose=False) == []

    # store.py is used by a only through charts.py
    (fake_package / "corpus" / "store.py").write_text("X = 2\n", encoding="utf-8")
    assert cache.prepare_cache(project, verbose=False) == ["notebooks/a.ipynb"]
    (fake_package / "corpus" / "overlap.py").write_text("Y = 2\n", encoding="utf-8")
    assert cache.prepare_cache(project, verbose=False) == ["notebooks/b.ipynb"]
    events = project / "data" / "annotations" / "events.csv"
    events.write_text("event_id\nnew\n", encoding="utf-8")
    assert cache.prepare_cache(project, verbose=False) == ["notebooks/c.ipynb"]
