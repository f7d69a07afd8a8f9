"""Atomic, deterministic reading and writing of the processed tables (Parquet)."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from saga.paths import processed_dir


def write_atomic(path: Path, data: bytes | Iterable[bytes]) -> None:
    """Write bytes (or chunks of bytes, one at a time) to path via a temporary file and a
    rename, so no reader sees a partial file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            for chunk in [data] if isinstance(data, bytes) else data:
                f.write(chunk)
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


def rows_of(table: pd.DataFrame, columns: list[str]) -> Iterator[tuple]:
    """The rows of table's named columns as tuples of plain Python values: iterating pyarrow
    strings, or converting the frame to objects for itertuples, costs µs per value."""
    return zip(*(table[c].tolist() for c in columns), strict=True)


def rows_frame(rows: list, columns: list[str], dtypes: dict[str, object]) -> pd.DataFrame:
    """pd.DataFrame(rows, columns=columns).astype(dtypes), converting only the named columns (a
    frame-wide astype copies and reassembles every column: ms per call, and the per-source
    tables build one frame per batch of sources)."""
    table = pd.DataFrame(rows, columns=columns)
    for column, dtype in dtypes.items():
        table[column] = table[column].astype(dtype)
    return table


def read_table(name: str, root: Path | None = None) -> pd.DataFrame:
    """One processed table by name (e.g. 'paragraphs'); run `python -m saga data` first."""
    path = processed_dir(root) / f"{name}.parquet"
    if not path.is_file():
        from saga.errors import SagaError

        raise SagaError(f"{path}: not built yet; run `make data` (python -m saga data) first")
    return pd.read_parquet(path)


def read_batches(name: str, rows: int, root: Path | None = None) -> Iterator[pd.DataFrame]:
    """A processed table `rows` rows at a time, as read_table would give them (at least one
    frame, empty for an empty table): a large table need never be in memory whole."""
    file = pq.ParquetFile(processed_dir(root) / f"{name}.parquet")
    empty = True
    for batch in file.iter_batches(batch_size=rows):
        empty = False
        yield batch.to_pandas()
    if empty:
        yield file.schema_arrow.empty_table().to_pandas()


def write_part(folder: Path, number: int, df: pd.DataFrame) -> None:
    """One batch's rows of a table, as the Arrow file folder/<number>.arrow (uncompressed: it is
    read once, by join_parts, and deleted)."""
    folder.mkdir(parents=True, exist_ok=True)
    table = pa.Table.from_pandas(df.reset_index(drop=True), preserve_index=False)
    with pa.OSFile(str(folder / f"{number:06d}.arrow"), "wb") as sink:
        with pa.ipc.new_file(sink, table.schema) as writer:
            writer.write_table(table)


def join_parts(folder: Path, path: Path) -> list[str]:
    """Write the parts of a table (write_part), in order, as one Parquet file at path with one
    row group per part, so a table never has to be in memory whole; its column names.

    Parts are cast to the schema of the first part with rows (an empty batch's columns have no
    type); one part gives the same bytes as table_bytes."""
    parts = sorted(folder.glob("*.arrow"))
    schema = None
    for part in parts:  # schemas and row counts only: the parts stay on disk
        with pa.memory_map(str(part)) as source:
            reader = pa.ipc.open_file(source)
            rows = sum(reader.get_batch(i).num_rows for i in range(reader.num_record_batches))
            if schema is None or rows:
                schema = reader.schema
            if rows:
                break
    with pq.ParquetWriter(path, schema, compression="zstd", write_statistics=False) as writer:
        for part in parts:  # one part in memory at a time
            with pa.memory_map(str(part)) as source:
                writer.write_table(pa.ipc.open_file(source).read_all().cast(schema))
    return schema.names
