"""The "Cite this chapter" box names the PDF edition and says what its page numbers refer to."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
HTML = ROOT / "_build" / "html"


@pytest.mark.book
@pytest.mark.skipif(not (HTML / "book" / "intro.html").is_file(), reason="run `make book`")
@pytest.mark.parametrize("notebook", sorted(p.stem for p in (ROOT / "notebooks").glob("*.ipynb")))
def test_cite_box_points_to_the_pdf_of_this_version(notebook):
    version = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))["version"]
    soup = BeautifulSoup(
        (HTML / "notebooks" / f"{notebook}.html").read_text("utf-8"), "html.parser"
    )
    box = soup.select_one(".saga-cite")
    assert box is not None
    note = " ".join(box.select_one(".saga-cite-pdf").get_text().split())
    assert f"PDF edition: saga.pdf, version {version} (make pdf writes it to _build/pdf/)" in note
    assert f"page numbers refer to saga.pdf of version {version} only" in note
