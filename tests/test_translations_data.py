"""The shipped English translations: one CSV per edition source, covering each paragraph once."""

from __future__ import annotations

import csv

import pytest

# The five edition sources (S1-S5), from data/sources.csv.
EDITION = (
    "qianjia-2023-03-25",
    "unknown-2023-12-04",
    "vinda-2024-06",
    "unknown-2023-11-20",
    "semafor-zh-2023-03-24",
)


def read_rows(root, source_id: str) -> list[list[str]]:
    path = root / "data" / "translations" / f"{source_id}.csv"
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.reader(f))


def test_the_edition_sources_are_the_manifests_first_five(sources):
    assert tuple(sources["source_id"][:5]) == EDITION


@pytest.mark.parametrize("source_id", EDITION)
def test_each_edition_source_has_a_translation_with_the_header(root, source_id):
    assert read_rows(root, source_id)[0] == ["paragraph_id", "text_en", "note"]


@pytest.mark.parametrize("source_id", EDITION)
def test_a_translation_covers_every_paragraph_once_in_order(root, paragraphs, source_id):
    expected = paragraphs.loc[paragraphs["source_id"] == source_id, "paragraph_id"].tolist()
    assert expected, f"no paragraphs for {source_id}"
    ids = [row[0] for row in read_rows(root, source_id)[1:]]
    assert ids == expected


@pytest.mark.parametrize("source_id", EDITION)
def test_every_row_has_three_cells_and_an_english_text(root, source_id):
    for row in read_rows(root, source_id)[1:]:
        assert len(row) == 3, row
        assert row[1].strip(), f"{row[0]}: empty text_en"


def test_no_translation_file_names_an_unknown_source(root, sources):
    names = {p.stem for p in (root / "data" / "translations").glob("*.csv")}
    assert names <= set(sources["source_id"])
