"""`python -m saga data`: build every processed table, skipping the work when inputs are unchanged."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pandas as pd

from .corpus import corpus_tables
from .manifest import load_manifest
from .paths import data_dir, processed_dir, project_root
from .store import write_atomic, write_table

FINGERPRINT = "_inputs.sha256"


def input_files(root: Path) -> list[Path]:
    """Everything the processed tables depend on: data inputs, lexicon, and saga's own code."""
    data = data_dir(root)
    files = [data / "sources.csv", data / "cleaning.yml"]
    for folder in (data / "raw", data / "lexicon", data / "annotations"):
        if folder.is_dir():
            files += [p for p in folder.rglob("*") if p.is_file()]
    files += Path(__file__).parent.glob("*.py")
    files.append(root / "requirements.txt")
    return sorted(p for p in files if p.is_file())


def inputs_fingerprint(root: Path) -> str:
    digest = hashlib.sha256()
    for path in input_files(root):
        rel = path.relative_to(root) if path.is_relative_to(root) else Path("saga") / path.name
        digest.update(str(rel).encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def build_tables(root: Path) -> dict[str, pd.DataFrame]:
    """All processed tables, in memory."""
    sources = load_manifest(root)
    tables = {"sources": sources}
    tables.update(corpus_tables(sources, root))
    return tables


def build(root: Path | None = None, force: bool = False) -> tuple[bool, dict[str, Path]]:
    """Write data/processed/*.parquet; returns (rebuilt, paths). Each file is written atomically."""
    root = root or project_root()
    out = processed_dir(root)
    stamp = out / FINGERPRINT
    print_ = inputs_fingerprint(root)
    if not force and stamp.is_file() and stamp.read_text().strip() == print_:
        return False, {p.stem: p for p in sorted(out.glob("*.parquet"))}
    tables = build_tables(root)
    paths = {name: write_table(df, name, root) for name, df in tables.items()}
    write_atomic(stamp, (print_ + "\n").encode())
    return True, paths
