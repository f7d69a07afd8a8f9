"""Licences, rights and citation metadata: code MIT, content CC BY 4.0, the reproduced articles
under neither; CITATION.cff complete and consistent with the package version."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


def test_code_is_mit_and_content_cc_by_4():
    assert (ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")
    content = (ROOT / "LICENSE-CONTENT").read_text(encoding="utf-8")
    assert "Creative Commons Attribution 4.0 International Public License" in content
    assert "data/raw/" in content and "NOT cover" in content


def test_citation_cff_is_complete():
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    for key in ("abstract", "keywords", "license", "version", "date-released", "authors"):
        assert cff.get(key), key
    assert set(cff["license"]) == {"MIT", "CC-BY-4.0"}
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(cff["date-released"]))
    book = cff["preferred-citation"]
    assert book["type"] == "book"
    assert book["title"] == cff["title"] and book["edition"] == cff["version"]


def test_versions_agree():
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["version"] == cff["version"]
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert f"## {cff['version']} - {cff['date-released']}" in changelog
    assert "## Unreleased" in changelog


def test_book_states_the_rights_in_the_reproduced_articles():
    rights = (ROOT / "book" / "rights.md").read_text(encoding="utf-8")
    assert "research, criticism and commentary" in rights
    assert "open an issue" in rights
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    files = [c["file"] for part in toc["parts"] for c in part["chapters"]]
    assert "book/rights" in files
