"""The parallel English text (data/translations/<source_id>.csv): this book's own translation
of each paragraph, with the translator's notes; complete for every edition source, optional
for sources a reader adds."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from saga.paths import translations_dir
from saga.records.annotations import read_records
from saga.records.edition import edition_sources

COLUMNS = ["paragraph_id", "text_en", "note"]


def load_translations(root: Path | None = None) -> pd.DataFrame:
    """Every translation file as one table: source_id (from the file name), paragraph_id,
    text_en, note (strings; an empty note is "")."""
    folder = translations_dir(root)
    frames = [
        read_records(root, path.name, COLUMNS, folder=translations_dir).assign(source_id=path.stem)
        for path in sorted(folder.glob("*.csv"))
        if not path.name.startswith(".")
    ]
    if not frames:
        return pd.DataFrame(columns=["source_id", *COLUMNS])
    table = pd.concat(frames, ignore_index=True)
    return table[["source_id", *COLUMNS]]


def validate(root: Path, paragraphs: pd.DataFrame, translations: pd.DataFrame) -> list[str]:
    """Problems: a file for an unknown source, a row whose paragraph_id is not a paragraph of
    that file's source, a repeated row, an empty text_en, an edition source not translated
    in full."""
    where = translations_dir(root).relative_to(root)
    owner = dict(zip(paragraphs["paragraph_id"], paragraphs["source_id"], strict=True))
    known = set(paragraphs["source_id"])
    problems = [
        f"{where}/{sid}.csv: {sid} is not a source in data/sources.csv"
        for sid in sorted(set(translations["source_id"]) - known)
    ]
    seen: set[str] = set()
    for row in translations.itertuples(index=False):
        if row.source_id not in known:
            continue
        name = f"{where}/{row.source_id}.csv"
        if owner.get(row.paragraph_id) != row.source_id:
            problems.append(f"{name}: {row.paragraph_id} is not a paragraph of {row.source_id}")
        elif row.paragraph_id in seen:
            problems.append(f"{name}: {row.paragraph_id} is translated twice")
        elif not row.text_en.strip():
            problems.append(f"{name}: {row.paragraph_id} has an empty text_en")
        seen.add(row.paragraph_id)
    for sid in edition_sources(root):
        missing = [p for p, s in owner.items() if s == sid and p not in seen]
        if sid in known and missing:
            problems.append(
                f"{where}/{sid}.csv: edition source not translated in full "
                f"({len(missing)} paragraphs missing, first {missing[0]}); "
                "see data/translations/README.md"
            )
    return problems
