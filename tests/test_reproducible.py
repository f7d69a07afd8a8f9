"""Same inputs, same outputs: two clean builds give byte-identical data and figures."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
from pathlib import Path

import nbformat
import pytest
from conftest import ROOT, saga
from nbclient import NotebookClient

IMAGE = re.compile(r'src="data:image/png;base64,([^"]+)"')


def processed_files(project: Path) -> dict[str, str]:
    """sha256 of every Parquet table (jieba's cache file is not an output)."""
    folder = project / "data" / "processed"
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.glob("*.parquet"))
    }


def test_two_clean_data_builds_are_byte_identical(project, tmp_path):
    twin = tmp_path / "twin"
    shutil.copytree(project, twin)
    assert saga(project, "data").returncode == 0
    assert saga(twin, "data").returncode == 0
    first, second = processed_files(project), processed_files(twin)
    assert len(first) >= 10 and first == second


def figures_of(notebook: Path, root: Path) -> list[str]:
    """The PNG images (base64) a notebook's outputs carry, after a fresh execution."""
    nb = nbformat.read(notebook, as_version=4)
    os.environ["SAGA_ROOT"] = str(root)
    try:
        NotebookClient(
            nb, timeout=600, resources={"metadata": {"path": str(notebook.parent)}}
        ).execute()
    finally:
        os.environ.pop("SAGA_ROOT")
    images = []
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            if "image/png" in data:
                images.append(data["image/png"])
            images += IMAGE.findall(data.get("text/html", ""))
    return images


@pytest.mark.slow
def test_a_chapter_draws_identical_figures_in_two_fresh_kernels():
    if not (ROOT / "data" / "processed" / "paragraphs.parquet").is_file():
        pytest.skip("data/processed not built (run make data)")
    notebook = ROOT / "notebooks" / "00_corpus.ipynb"
    first = figures_of(notebook, ROOT)
    second = figures_of(notebook, ROOT)
    assert len(first) >= 5
    assert first == second
