"""Where the project's files live, so code, notebooks and tests agree on one layout."""

from __future__ import annotations

import os
from pathlib import Path


def project_root(start: Path | None = None) -> Path:
    """The folder holding data/sources.csv: $SAGA_ROOT, else the nearest one above start/cwd."""
    if env := os.environ.get("SAGA_ROOT"):
        return Path(env).resolve()
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "data" / "sources.csv").is_file():
            return folder
    return Path(__file__).resolve().parent.parent


def data_dir(root: Path | None = None) -> Path:
    return (root or project_root()) / "data"


def raw_dir(root: Path | None = None) -> Path:
    return data_dir(root) / "raw"


def processed_dir(root: Path | None = None) -> Path:
    return data_dir(root) / "processed"


def lexicon_dir(root: Path | None = None) -> Path:
    return data_dir(root) / "lexicon"


def annotations_dir(root: Path | None = None) -> Path:
    return data_dir(root) / "annotations"


def translations_dir(root: Path | None = None) -> Path:
    return data_dir(root) / "translations"
