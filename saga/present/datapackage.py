"""Data a researcher can take away: every processed table and hand-made record as CSV, with a
Frictionless Data Package descriptor (datapackage.json) made from the table registry."""

from __future__ import annotations

import itertools
import json
import os
import shutil
from collections.abc import Iterable, Iterator
from pathlib import Path

import pandas as pd

from saga.corpus.build import STAMP
from saga.corpus.registry import PROCESSED, Table
from saga.corpus.store import read_batches, write_atomic
from saga.deps import files_digest, module_closure
from saga.paths import data_dir, processed_dir, raw_dir
from saga.records.registry import RECORDS
from saga.records.translations import COLUMNS as TRANSLATION_COLUMNS
from saga.records.translations import load_translations

DESCRIPTOR = "datapackage.json"
KEY = ".saga-package"  # in a folder refresh_package wrote: what the package was made from
TYPES = {"i": "integer", "u": "integer", "f": "number", "b": "boolean"}


CSV_ROWS = 100_000  # rows of a processed table turned into CSV at a time


def csv_bytes(df: pd.DataFrame, header: bool = True) -> bytes:
    """UTF-8 CSV (with its header unless told not), no index, \\n line ends: identical for
    identical frames."""
    return df.to_csv(index=False, header=header, lineterminator="\n").encode("utf-8")


def csv_chunks(frames: Iterable[pd.DataFrame]) -> Iterator[bytes]:
    """The CSV of consecutive frames of one table, the header once: the same bytes as
    csv_bytes of them joined."""
    for i, df in enumerate(frames):
        yield csv_bytes(df, header=not i)


def field_type(series: pd.Series) -> str:
    """The Table Schema type of a column: integer, number, boolean, else string."""
    return TYPES.get(series.dtype.kind, "string")


def resource(name: str, table: Table, df: pd.DataFrame, kind: str) -> dict:
    """One tabular-data-resource: the CSV's path, what it is, and its schema."""
    meanings = {c: table.columns.get(c, table.per_theme) for c in df.columns}
    return {
        "name": name.replace("_", "-"),
        "path": f"{name}.csv",
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "title": f"{name} ({kind})",
        "description": table.description,
        "schema": {
            "fields": [
                {"name": str(c), "type": field_type(df[c]), "description": meanings[c]}
                for c in df.columns
            ]
        },
    }


def record_frame(root: Path, name: str) -> pd.DataFrame | None:
    """A hand-made record as written (strings), or None when the project lacks it."""
    if name == "translations":
        return load_translations(root)[TRANSLATION_COLUMNS]
    path = root / RECORDS[name].path
    return pd.read_csv(path, dtype=str, keep_default_na=False) if path.is_file() else None


def package_tables(root: Path) -> Iterator[tuple[str, Table, Iterator[pd.DataFrame], str]]:
    """(name, registry entry, its frames, kind) of every built processed table (CSV_ROWS rows at
    a time: the token table alone is 4 million rows at 3,000 sources) and every record."""
    for name, table in PROCESSED.items():
        if (processed_dir(root) / f"{name}.parquet").is_file():
            yield name, table, read_batches(name, CSV_ROWS, root), "processed table"
    for name, table in RECORDS.items():
        if (df := record_frame(root, name)) is not None:
            yield name, table, iter([df]), f"hand-made record, {table.path}"


def write_package(root: Path, folder: Path, title: str) -> list[str]:
    """Write <name>.csv for every table and datapackage.json into folder, one table (and one
    part of it) at a time; the CSV names."""
    resources = []
    for name, table, frames, kind in package_tables(root):
        head = next(frames)  # every table gives a first frame, its columns and types
        write_atomic(folder / f"{name}.csv", csv_chunks(itertools.chain([head], frames)))
        resources.append(resource(name, table, head, kind))
    descriptor = {
        "profile": "tabular-data-package",
        "name": "saga-data",
        "title": title,
        "description": (
            "The processed tables `python -m saga data` writes (data/processed/*.parquet) "
            "and the hand-made records under data/, as CSV. Source texts are third-party "
            "articles, reproduced for research and commentary."
        ),
        "resources": resources,
    }
    text = json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n"
    write_atomic(folder / DESCRIPTOR, text.encode("utf-8"))
    return [r["path"] for r in resources]


def package_key(root: Path, title: str) -> str:
    """What write_package's output is made of, as one hash: the title, the processed tables'
    stamp (their sha256), every hand-made file under data/ (raw texts reach the tables only
    through the stamp) and the code that writes the package."""
    records = []
    for entry in data_dir(root).iterdir():
        if entry not in (processed_dir(root), raw_dir(root)):
            records += [entry] if entry.is_file() else [p for p in entry.rglob("*") if p.is_file()]
    paths = [processed_dir(root) / STAMP, *sorted(records), *module_closure({__name__})]
    return files_digest(
        ((str(p.relative_to(root) if p.is_relative_to(root) else p.name), p) for p in paths),
        head=title,
    )


def refresh_package(root: Path, folder: Path, title: str) -> bool:
    """write_package into folder unless it holds the package of these very inputs already
    (at 3,000 sources the CSVs are 125 MB, rewritten by each builder on every build before);
    True when it wrote. CSVs of tables no longer built are removed."""
    key = package_key(root, title)
    mark = folder / KEY
    if mark.is_file() and mark.read_text(encoding="utf-8") == key:
        return False
    mark.unlink(missing_ok=True)  # an interrupted write must not look current
    for old in folder.glob("*.csv"):
        old.unlink()
    write_package(root, folder, title)
    write_atomic(mark, key.encode("utf-8"))
    return True


def publish(made: Path, dest: Path) -> None:
    """Make dest hold exactly the package files of made (its KEY aside): hard links, or copies
    where the file system has none, each swapped in atomically."""
    names = {p.name for p in made.iterdir() if p.is_file() and p.name != KEY}
    dest.mkdir(parents=True, exist_ok=True)
    for stale in dest.iterdir():
        if stale.is_file() and stale.name not in names:
            stale.unlink()
    for name in sorted(names):
        source, target = made / name, dest / name
        if target.is_file() and os.path.samefile(source, target):
            continue
        link = dest / f".{name}.link"
        link.unlink(missing_ok=True)
        try:
            os.link(source, link)
        except OSError:
            shutil.copy2(source, link)
        os.replace(link, target)
