"""Where the project's files live, so code, notebooks and tests agree on one layout."""

from __future__ import annotations

import os
from pathlib import Path

from saga.errors import SagaError


def project_root(start: Path | None = None) -> Path:
    """The folder holding data/sources.csv: $SAGA_ROOT, else the nearest one above start/cwd.
    Outside a project this is an error, never a silent fallback to the package's repository."""
    if env := os.environ.get("SAGA_ROOT"):
        root = Path(env).resolve()
        if not (root / "data" / "sources.csv").is_file():
            raise SagaError(f"SAGA_ROOT={env}: no data/sources.csv there; not a saga project")
        return root
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "data" / "sources.csv").is_file():
            return folder
    raise SagaError(
        f"{here}: not inside a saga project (no data/sources.csv here or above); "
        "cd into the project or set SAGA_ROOT"
    )


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
