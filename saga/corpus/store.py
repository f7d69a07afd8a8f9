"""Atomic, deterministic reading and writing of the processed tables (Parquet)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from saga.paths import processed_dir


def write_atomic(path: Path, data: bytes) -> None:
    """Write bytes to path via a temporary file and a rename, so no reader sees a partial file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def table_bytes(df: pd.DataFrame) -> bytes:
    """Parquet bytes for df, identical for identical frames (no index, no timestamps)."""
    table = pa.Table.from_pandas(df.reset_index(drop=True), preserve_index=False)
    sink = pa.BufferOutputStream()
    pq.write_table(table, sink, compression="zstd", write_statistics=False)
    return sink.getvalue().to_pybytes()


def read_table(name: str, root: Path | None = None) -> pd.DataFrame:
    """One processed table by name (e.g. 'paragraphs'); run `python -m saga data` first."""
    path = processed_dir(root) / f"{name}.parquet"
    if not path.is_file():
        from saga.errors import SagaError

        raise SagaError(f"{path}: not built yet; run `make data` (python -m saga data) first")
    return pd.read_parquet(path)
