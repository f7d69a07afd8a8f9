"""Shared fixtures: the real project root and throwaway copies of its data for CLI tests."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from saga.present.premises import STRICT_ENV

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def sources(root):
    """The real manifest, validated (labels and witnesses added)."""
    from saga.corpus.manifest import load_manifest

    return load_manifest(root)


@pytest.fixture(scope="session")
def corpus(root, sources):
    """The real corpus tables (paragraphs, related, links, cleaning_report), built in memory."""
    from saga.corpus.cleaning import corpus_tables

    return corpus_tables(sources, root)


@pytest.fixture(scope="session")
def paragraphs(corpus):
    return corpus["paragraphs"]


@pytest.fixture(scope="session")
def body(corpus):
    """Body paragraphs only (no titles or headings)."""
    p = corpus["paragraphs"]
    return p[p["kind"] == "body"].reset_index(drop=True)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the project's inputs (manifest, raw texts, rules, lexicon, annotations, and
    the bibliography that annotations cite)."""
    return copy_inputs(tmp_path / "project")


def copy_inputs(dest: Path) -> Path:
    """Copy every input of the data build and of `saga check` (all of data/ but the generated
    data/processed, the pinned requirements and the bibliography) to dest."""
    shutil.copytree(ROOT / "data", dest / "data", ignore=shutil.ignore_patterns("processed"))
    shutil.copy2(ROOT / "requirements.txt", dest / "requirements.txt")
    (dest / "book").mkdir()
    shutil.copy2(ROOT / "book" / "references.bib", dest / "book" / "references.bib")
    return dest


def toc_files() -> list[str]:
    """Every page of the book, in _toc.yml order (root first)."""
    import yaml

    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    files = [toc["root"]]
    for part in toc.get("parts", []):
        files += [c["file"] for c in part["chapters"]]
    return files


def write_files(root: Path, files: dict[str, str]) -> Path:
    """A small fixture tree: each relative path with its text (folders made as needed)."""
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root


def tree_hash(folder: Path) -> str:
    """One hash over every file's path and bytes below folder."""
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(str(path.relative_to(folder)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def saga(project: Path, *args: str, timeout: int = 300) -> subprocess.CompletedProcess:
    """Run `python -m saga --root project ARGS` as a reader would (no SAGA_ROOT, and not in the
    strict-premise mode of `make test`)."""
    env = {k: v for k, v in os.environ.items() if k not in ("SAGA_ROOT", STRICT_ENV)}
    return subprocess.run(
        [sys.executable, "-m", "saga", "--root", str(project), *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=project,
        timeout=timeout,
    )


def copy_tracked(dest: Path, skip: str | None = None) -> Path:
    """A copy at dest of every file git tracks in the project (but those under `skip`)."""
    files = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True)
    for name in filter(None, files.stdout.decode().split("\0")):
        if (ROOT / name).is_file() and not (skip and name.startswith(skip)):
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, dest / name)
    return dest


def write_book_config(dest: Path, title: str, suppress: tuple[str, ...] = ()) -> None:
    """The _config.yml of a small fixture book using the saga extension, notebooks off."""
    import yaml

    config = {
        "title": title,
        "only_build_toc_files": True,
        "execute": {"execute_notebooks": "off"},
        "sphinx": {
            "recursive_update": True,
            "local_extensions": {"saga_sphinx": str(ROOT / "book" / "_ext")},
            "config": {"suppress_warnings": ["myst.domains", *suppress], "nitpicky": True},
        },
    }
    (dest / "_config.yml").write_text(yaml.safe_dump(config), encoding="utf-8")


def jupyter_book(dest: Path, builder: str) -> subprocess.CompletedProcess:
    """`jupyter-book build` of a small fixture book at dest with warnings as errors, reading
    the project data at dest (SAGA_ROOT)."""
    jb = Path(sys.executable).parent / "jupyter-book"
    env = {**os.environ, "SAGA_ROOT": str(dest)}
    return subprocess.run(
        [str(jb), "build", str(dest), "-n", "-W", "--keep-going", "--builder", builder],
        capture_output=True, text=True, env=env, timeout=300, cwd=dest,
    )  # fmt: skip
