"""`make book` starts neither builder when nothing the output is made of changed (Sphinx's
singlehtml builder would rewrite the single page on every run, and Sphinx takes 4 s to find
that the site has nothing to read); any change to what an output is made of rebuilds it."""

from __future__ import annotations

import sys
import types
from pathlib import Path

import pytest
from conftest import write_files

from saga.bookbuild import sphinx
from saga.bookbuild.sphinx import SINGLE_STAMP, SITE_STAMP, single_page_inputs, site_inputs


@pytest.fixture
def builds(monkeypatch) -> types.SimpleNamespace:
    """Sphinx replaced by a fake that records each builder it is asked to run and returns
    builds.result (0, success; 1, warnings), or raises builds.error; data from the project."""
    fake = types.SimpleNamespace(calls=[], result=0, error=None, saves_environment=False)

    def build_sphinx(*args, **kwargs):
        if fake.saves_environment:  # what the book's extension reports on env-check-consistency
            sphinx.environment_saved()
        if fake.error:
            raise fake.error
        fake.calls.append(kwargs["builder"])
        return fake.result

    module = types.ModuleType("jupyter_book.sphinx")
    module.build_sphinx = build_sphinx
    monkeypatch.setitem(sys.modules, "jupyter_book.sphinx", module)
    monkeypatch.setattr(sphinx, "use_ipc_kernels", lambda log: None)
    monkeypatch.delenv("SAGA_ROOT", raising=False)
    return fake


def _project(root: Path) -> Path:
    return write_files(
        root,
        {
            "_build/.doctrees/environment.pickle": "env v1",
            "_config.yml": "title: t\n",
            "_toc.yml": "root: index\n",
            "book/_ext/saga_sphinx/__init__.py": "# ext\n",
            "_build/singlehtml/index.html": "<html></html>",
        },
    )


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


def test_an_up_to_date_single_page_is_not_rebuilt_and_a_stale_one_is(tmp_path, builds):
    root = _project(tmp_path)
    assert sphinx.build(root, "singlehtml") == 0  # no stamp yet: built, stamp written
    assert sphinx.build(root, "singlehtml") == 0  # same inputs: skipped
    assert builds.calls == ["singlehtml"]
    (root / "_build/.doctrees/environment.pickle").write_text("env v2", encoding="utf-8")
    assert sphinx.build(root, "singlehtml") == 0
    assert builds.calls == ["singlehtml", "singlehtml"]
    assert sphinx.build(root, "singlehtml", force_all=True) == 0
    assert len(builds.calls) == 3
    assert (root / "_build/singlehtml" / SINGLE_STAMP).read_text() == single_page_inputs(root)


def test_a_failed_single_page_build_leaves_no_stamp(tmp_path, builds):
    root = _project(tmp_path)
    builds.result = 1
    assert sphinx.build(root, "singlehtml") == 1
    assert not (root / "_build/singlehtml" / SINGLE_STAMP).exists()


def _site(root: Path) -> Path:
    for name in [
        "data/sources.csv", "data/raw/a.txt", "notebooks/01.ipynb", "book/intro.md",
        "_build/.jupyter_cache/executed/ab12/base.ipynb", "_build/.jupyter_cache/global.db",
        "_build/html/index.html", "_build/.doctrees/environment.pickle", ".git/HEAD",
        "saga/__pycache__/x.pyc",
    ]:  # fmt: skip
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(name, encoding="utf-8")
    return root


@pytest.mark.parametrize(
    "changed",
    ["data/raw/a.txt", "notebooks/01.ipynb", "book/intro.md", "data/raw/new.txt",
     "_build/.jupyter_cache/executed/ab12/base.ipynb"],
)  # fmt: skip
def test_the_site_inputs_change_with_any_file_of_the_project_and_the_cached_notebooks(
    tmp_path, changed
):
    root = _site(tmp_path)
    before = site_inputs(root)
    (root / changed).write_text("changed, and longer", encoding="utf-8")
    assert site_inputs(root) != before


@pytest.mark.parametrize(
    "changed",
    ["_build/.jupyter_cache/global.db", "_build/.doctrees/environment.pickle", ".git/HEAD",
     "saga/__pycache__/x.pyc"],
)  # fmt: skip
def test_the_site_inputs_ignore_what_builds_git_and_python_write(tmp_path, changed):
    root = _site(tmp_path)
    before = site_inputs(root)
    (root / changed).write_text("changed, and longer", encoding="utf-8")
    assert site_inputs(root) == before


def test_the_site_inputs_include_the_edition_switch(tmp_path, monkeypatch):
    root = _site(tmp_path)
    monkeypatch.delenv("SAGA_PUBLIC", raising=False)
    before = site_inputs(root)
    monkeypatch.setenv("SAGA_PUBLIC", "1")
    assert site_inputs(root) != before


def test_an_up_to_date_site_is_not_rebuilt_and_a_changed_or_damaged_one_is(
    tmp_path, builds, monkeypatch
):
    root = _site(tmp_path)
    for _ in range(2):  # built and stamped; then skipped
        assert sphinx.build(root, "html") == 0
    assert builds.calls == ["html"] and (root / "_build" / SITE_STAMP).is_file()
    (root / "data/raw/b.txt").write_text("an added source", encoding="utf-8")
    assert sphinx.build(root, "html") == 0 and len(builds.calls) == 2
    (root / "_build/html/page.html").write_text("left by hand", encoding="utf-8")
    assert sphinx.build(root, "html") == 0 and len(builds.calls) == 3
    monkeypatch.setenv("SAGA_ROOT", str(tmp_path / "elsewhere"))  # data the stamp cannot see
    assert sphinx.build(root, "html") == 0 and len(builds.calls) == 4
    assert sphinx.build(root, "html") == 0 and len(builds.calls) == 5


def test_a_failed_or_interrupted_site_build_leaves_no_stamp(tmp_path, builds):
    root = _site(tmp_path)
    assert sphinx.build(root, "html") == 0
    builds.result = 1  # warnings: shown again on the next run
    assert sphinx.build(root, "html", force_all=True) == 1
    assert not (root / "_build" / SITE_STAMP).exists()
    builds.result = 0
    assert sphinx.build(root, "html") == 0
    builds.error = KeyboardInterrupt()
    with pytest.raises(KeyboardInterrupt):
        sphinx.build(root, "html", force_all=True)
    assert not (root / "_build" / SITE_STAMP).exists()


@pytest.fixture
def children(monkeypatch) -> list:
    """Processes the build starts, replaced by records of their command, kill and wait."""
    started = []

    class Child:
        def __init__(self, command, **kwargs):
            self.command, self.killed, self.waited = command, False, False
            started.append(self)

        def kill(self):
            self.killed = True

        def wait(self):
            self.waited = True

    monkeypatch.setattr(sphinx.subprocess, "Popen", Child)
    monkeypatch.setattr(sphinx.os, "cpu_count", lambda: 2)
    return started


def test_the_single_page_is_built_beside_the_site_once_the_environment_is_saved(
    tmp_path, builds, children
):
    root = _site(tmp_path)
    builds.saves_environment = True
    assert sphinx.build(root, "html") == 0
    [child] = children
    assert child.command[-2:] == ["book-build", "singlehtml"]
    assert child.command[child.command.index("--root") + 1] == str(root)
    assert child.waited and not child.killed  # done before the site's build returns
    builds.calls.clear()
    assert sphinx.build(root, "html", force_all=True) == 0 and len(children) == 2


def test_nothing_is_started_when_the_environment_is_not_saved_or_on_one_core(
    tmp_path, builds, children, monkeypatch
):
    root = _site(tmp_path)
    assert sphinx.build(root, "html") == 0  # nothing read: the single page's own step builds it
    builds.saves_environment = True
    assert sphinx.build(_project(tmp_path / "single"), "singlehtml") == 0  # not beside itself
    monkeypatch.setattr(sphinx.os, "cpu_count", lambda: 1)
    assert sphinx.build(root, "html", force_all=True) == 0
    assert children == []
    sphinx.environment_saved()  # after a build: nothing is waiting for it any more
    assert children == []


def test_a_failed_site_build_stops_the_single_page_beside_it(tmp_path, builds, children):
    root = _site(tmp_path)
    builds.saves_environment, builds.error = True, KeyboardInterrupt()
    with pytest.raises(KeyboardInterrupt):
        sphinx.build(root, "html")
    [child] = children
    assert child.killed and child.waited


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


def test_the_command_says_in_one_line_that_an_output_is_up_to_date(tmp_path, builds):
    """`make book` runs `book-build singlehtml` after the site's step has built it: one line
    saying it is up to date, not that and then "built"."""
    import subprocess

    root = _project(tmp_path)
    (root / "data").mkdir()
    (root / "data" / "sources.csv").write_text("source_id\n", encoding="utf-8")  # a project
    assert sphinx.build(root, "singlehtml") == 0  # built and stamped (a fake Sphinx)
    assert sphinx.up_to_date(root, "singlehtml")
    cmd = [sys.executable, "-m", "saga", "--root", str(root), "book-build", "singlehtml"]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        "_build/singlehtml is up to date: nothing it is made of changed; not rebuilt"
    ]
    (root / "_config.yml").write_text("title: changed\n", encoding="utf-8")
    assert not sphinx.up_to_date(root, "singlehtml")
