"""saga.records.translations: one loader for data/translations/, validated by `saga check`
(every ID exists, edition sources complete, added sources optional)."""

from __future__ import annotations

import csv

import pandas as pd
import pytest
from conftest import saga

from saga.errors import SagaError
from saga.records.translations import load_translations, validate

# Two made-up sources: "ed" is in the edition (must be translated in full), "added" is not.
PARAGRAPHS = pd.DataFrame(
    {
        "paragraph_id": ["ed-1", "ed-2", "added-1"],
        "source_id": ["ed", "ed", "added"],
    }
)


def write_csv(path, rows):
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(rows)


@pytest.fixture
def tiny(tmp_path):
    """A project with an edition of one source ("ed") translated in full."""
    write_csv(tmp_path / "data" / "edition.csv", [["source_id", "note"], ["ed", "the edition"]])
    write_csv(
        tmp_path / "data" / "translations" / "ed.csv",
        [
            ["paragraph_id", "text_en", "note"],
            ["ed-1", "A title", ""],
            ["ed-2", "A body, with a comma", "ambiguous: 'a' or 'the'"],
        ],
    )
    return tmp_path


def problems(root):
    return validate(root, PARAGRAPHS, load_translations(root))


def test_the_loader_returns_one_row_per_paragraph_with_its_source(tiny):
    table = load_translations(tiny)
    assert list(table.columns) == ["source_id", "paragraph_id", "text_en", "note"]
    assert table.values.tolist() == [
        ["ed", "ed-1", "A title", ""],
        ["ed", "ed-2", "A body, with a comma", "ambiguous: 'a' or 'the'"],
    ]


def test_a_complete_edition_and_an_untranslated_added_source_are_valid(tiny):
    assert problems(tiny) == []


def test_an_edition_source_with_a_missing_paragraph_is_a_problem(tiny):
    write_csv(
        tiny / "data" / "translations" / "ed.csv",
        [["paragraph_id", "text_en", "note"], ["ed-1", "A title", ""]],
    )
    assert problems(tiny) == [
        "data/translations/ed.csv: edition source not translated in full (1 paragraphs "
        "missing, first ed-2); see data/translations/README.md"
    ]


def test_an_unknown_or_foreign_paragraph_id_is_a_problem(tiny):
    rows = [["paragraph_id", "text_en", "note"], ["added-1", "x", ""], ["added-9", "y", ""]]
    write_csv(tiny / "data" / "translations" / "added.csv", rows)
    rows = [
        ["paragraph_id", "text_en", "note"],
        ["ed-1", "t", ""],
        ["ed-2", "b", ""],
        ["added-1", "z", ""],
    ]
    write_csv(tiny / "data" / "translations" / "ed.csv", rows)
    assert problems(tiny) == [
        "data/translations/added.csv: added-9 is not a paragraph of added",
        "data/translations/ed.csv: added-1 is not a paragraph of ed",
    ]


def test_a_repeated_row_an_empty_text_and_an_unknown_source_are_problems(tiny):
    rows = [
        ["paragraph_id", "text_en", "note"],
        ["ed-1", "t", ""],
        ["ed-1", "t", ""],
        ["ed-2", " ", ""],
    ]
    write_csv(tiny / "data" / "translations" / "ed.csv", rows)
    write_csv(
        tiny / "data" / "translations" / "gone.csv",
        [["paragraph_id", "text_en", "note"], ["gone-1", "x", ""]],
    )
    assert problems(tiny) == [
        "data/translations/gone.csv: gone is not a source in data/sources.csv",
        "data/translations/ed.csv: ed-1 is translated twice",
        "data/translations/ed.csv: ed-2 has an empty text_en",
    ]


def test_a_wrong_header_is_one_clear_error(tiny):
    write_csv(
        tiny / "data" / "translations" / "ed.csv", [["paragraph_id", "english"], ["ed-1", "x"]]
    )
    with pytest.raises(SagaError, match="expected \\['paragraph_id', 'text_en', 'note'\\]"):
        load_translations(tiny)


def test_the_shipped_translations_are_valid(root, paragraphs):
    assert validate(root, paragraphs, load_translations(root)) == []


def test_saga_check_refuses_an_incomplete_edition_translation(project):
    assert saga(project, "check").returncode == 0
    path = project / "data" / "translations" / "vinda-2024-06.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(lines[:-1]), encoding="utf-8")
    result = saga(project, "check")
    assert result.returncode == 2
    assert "vinda-2024-06.csv: edition source not translated in full" in result.stderr
    assert "Traceback" not in result.stderr
