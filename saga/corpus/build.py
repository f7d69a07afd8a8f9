"""`python -m saga data`: build every processed table, skipping the work when inputs are unchanged.

Per-source work (segmentation, entities, dates, money, quotes, keywords) runs in a pool of
forked processes over batches of sources once the corpus is large enough to pay for starting
workers; each batch writes its rows of each table as a part (store.write_part). The pool starts
before the cleaning, so its workers load jieba and the lexicon while the parent cleans (the
parent itself never loads jieba then); jobs carry their paragraphs. The overlap runs beside the
batches, as one more job of the same pool (its index in that worker), while the corpus is small
enough for both to fit in memory (CONCURRENT_MAX_CHARS); beyond, it runs after them: its index
built here and its partner searches in spans in a second pool forked with it, so the index and
the batch workers are never in memory together. The parts are then joined into one Parquet file
per table, a row group per batch, so no per-source table is ever in memory whole; themes'
coverage and theme keywords follow, the latter from the token table read back as codes (in a
batch worker, when the pool is still there). Output is byte-identical with or without the pool.

The build is atomic as a whole: tables go to a fresh folder next to data/processed, which is
swapped in only once every table and the stamp (`_manifest.json`: the inputs' fingerprint and
the sha256 of every table, written last) are on disk. A build is skipped only when the stamp
matches the inputs AND every table matches its recorded hash, so an interrupted or tampered
folder is rebuilt, never reported "up to date".
"""

from __future__ import annotations

import hashlib
import itertools
import json
import os
import shutil
import signal
import sys
import time
from contextlib import ExitStack, nullcontext
from pathlib import Path

import numpy as np
import pandas as pd

from saga.corpus.cleaning import corpus_tables
from saga.corpus.durable import project_lock
from saga.corpus.jobs import (
    PER_SOURCE,
    Batch,
    add_seconds,
    analyse_sources,
    overlap_job,
    partners_job,
    pool,
    state,
    theme_keywords_job,
    timed,
)
from saga.corpus.manifest import load_manifest
from saga.corpus.registry import check_tables
from saga.corpus.store import join_parts, table_bytes, write_atomic
from saga.deps import PACKAGE, files_digest, module_closure
from saga.paths import annotations_dir, data_dir, lexicon_dir, processed_dir, project_root

STAMP = "_manifest.json"
BATCH = 20  # sources per job at least: large enough to amortise pandas overhead
# jobs at most: beyond 640 sources batches grow instead, so each table's parts and row groups
# stay few (each part costs milliseconds to write and join); a number fixed by the corpus
# alone, not the machine's cores, so the files are the same bytes on every machine
MAX_BATCHES = 32
PARTS = ".parts"  # the per-source tables' parts, one per batch (store.write_part)
# Up to this many characters of text the overlap job runs beside the batches (peak memory 1.0 GB
# at 3.9 M characters, 3,000 sources; 1.26 GB at 7.9 M, 6,000 sources); beyond, after them, one
# phase at a time (1.85 GB at 39 M characters, 30,000 sources)
CONCURRENT_MAX_CHARS = 8_000_000
KILL_AT = "SAGA_TEST_KILL_AT"  # tests: SIGKILL this process at the named point of the build
STAGE_TIMES = "SAGA_STAGE_TIMES"  # bench: write per-stage seconds (JSON) to this path


def input_files(root: Path) -> list[Path]:
    """What the processed tables are made of: the manifest, raw texts, cleaning rules, lexicon,
    the themes' hand corrections, the pinned environment, and the code `saga data` runs."""
    data = data_dir(root)
    files = [
        data / "sources.csv",
        data / "cleaning.yml",
        annotations_dir(root) / "paragraph_themes.csv",
    ]
    for folder in (data / "raw", lexicon_dir(root)):
        if folder.is_dir():
            files += [p for p in folder.rglob("*") if p.is_file() and not p.name.startswith(".")]
    files += module_closure({__name__})
    files.append(root / "requirements.txt")
    return sorted(p for p in files if p.is_file())


def inputs_fingerprint(root: Path) -> str:
    """files_digest of input_files, each named by its path under the project (or the package)."""
    return files_digest(
        (path.relative_to(root if path.is_relative_to(root) else PACKAGE.parent).as_posix(), path)
        for path in input_files(root)
    )


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        while chunk := f.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def processed_problem(root: Path, fingerprint: str | None = None) -> str | None:
    """None when data/processed holds exactly the tables its stamp lists, byte for byte, built
    from the current inputs; else one line saying what is wrong and what to do."""
    out = processed_dir(root)
    try:
        stamp = json.loads((out / STAMP).read_text(encoding="utf-8"))
        tables = stamp["tables"]
    except (OSError, ValueError, KeyError, TypeError):
        return f"{out}: not built, or its build was interrupted (no valid {STAMP}); run make data"
    on_disk = {p.stem for p in out.glob("*.parquet")}
    if on_disk != set(tables) or any(_sha256(out / f"{t}.parquet") != h for t, h in tables.items()):
        return f"{out}: tables do not match their stamp (interrupted or edited); run make data"
    if stamp.get("inputs") != (fingerprint or inputs_fingerprint(root)):
        return f"{out}: stale (the inputs changed since it was built); run make data"
    return None


def _test_hook(point: str) -> None:
    """Die here, as from `kill -9`, when the tests ask for it (a deterministic crash point)."""
    if os.environ.get(KILL_AT) == point:
        os.kill(os.getpid(), signal.SIGKILL)


def _batches(root: Path, paragraphs: pd.DataFrame, sources: pd.DataFrame, parts: Path, size: int):
    """Jobs of `size` sources each, in manifest order (batches amortise per-call overhead),
    made one at a time as the pool asks: each holds a copy of its paragraphs."""
    published = dict(zip(sources["source_id"], sources["published"], strict=True))
    rows = paragraphs.groupby("source_id", sort=False).indices  # one pass, not one per batch
    order = [s for s in sources["source_id"] if s in rows]
    for number, i in enumerate(range(0, len(order), size)):
        ids = order[i : i + size]
        mine = paragraphs.iloc[np.concatenate([rows[s] for s in ids])]
        yield Batch(root, parts, number, mine, {s: published[s] for s in ids})


def _per_source(
    root: Path,
    paragraphs: pd.DataFrame,
    sources: pd.DataFrame,
    folder: Path,
    run,
    seconds: dict,
    with_overlap: bool,
) -> tuple[pd.DataFrame, pd.DataFrame] | None:
    """Write the per-source tables as parts under folder/.parts, batch by batch (a progress
    bar on a terminal); with_overlap: the overlap tables too, from a job that starts first."""
    size = max(BATCH, -(-len(sources) // MAX_BATCHES))
    batches = _batches(root, paragraphs, sources, folder / PARTS, size)
    calls = ((analyse_sources, batch) for batch in batches)
    if with_overlap:  # first, as the longest job: the batches fill the other workers meanwhile
        texts = paragraphs[["paragraph_id", "source_id", "text_simplified"]]
        calls = itertools.chain([(overlap_job, texts)], calls)
    total = -(-paragraphs["source_id"].nunique() // size) + with_overlap
    bar = dict(total=total, desc=f"batches of {size} sources", disable=not sys.stderr.isatty())
    results = run(calls, bar)
    overlap = None
    if with_overlap:
        *overlap, cpu = results.pop(0)
        add_seconds(seconds, "overlap", cpu)
    for result in results:
        for name, s in result.items():
            add_seconds(seconds, name, s)
    return tuple(overlap) if overlap else None


def _overlap(paragraphs: pd.DataFrame, workers: int, sources: int, seconds: dict) -> pd.DataFrame:
    """The overlap pairs: the index built here, its partner searches run in spans in a pool
    forked after it (its workers inherit it), the spans' partners merged."""
    from saga.corpus.overlap import NEAR_SPAN, merge_partners, overlap_index

    with timed(seconds, "overlap"):
        index = state["overlap"] = overlap_index(paragraphs)
    n = index.vectors.shape[0]
    spans = [(partners_job, (lo, min(lo + NEAR_SPAN, n))) for lo in range(0, n, NEAR_SPAN)]
    with pool(None, workers, sources) as run:
        found = run(spans)
    index.vectors = index.rare_t = None
    del state["overlap"]
    with timed(seconds, "overlap"):
        pairs = merge_partners(index, [part for part, _ in found])
    add_seconds(seconds, "overlap", sum(s for _, s in found))
    return pairs


def write_tables(
    root: Path, folder: Path, workers: int | None = None, seconds: dict | None = None
) -> None:
    """Write every processed table to folder as Parquet, each checked against the registry
    first; per-source tables go through parts, so no table need be in memory whole. `seconds`
    collects each stage's CPU seconds (per-source stages and the overlap's partner searches:
    summed over workers; per_source_wall: the wall seconds of the pool)."""
    from saga.corpus.overlap import source_overlap
    from saga.corpus.themes import coverage, load_themes

    seconds = {} if seconds is None else seconds
    themes_defined = load_themes(root)
    theme_ids = list(themes_defined)

    def write(name: str, df: pd.DataFrame) -> None:
        check_tables({name: df}, theme_ids)  # every table and column is documented
        with timed(seconds, "writing"):
            (folder / f"{name}.parquet").write_bytes(table_bytes(df))
        _test_hook(f"table:{name}")

    with timed(seconds, "cleaning"):
        sources = load_manifest(root)
    workers = workers or os.cpu_count() or 1
    with ExitStack() as batch_pool:
        # started before the cleaning, so its workers load jieba meanwhile
        run = batch_pool.enter_context(pool(root, workers, len(sources)))
        with timed(seconds, "cleaning"):
            cleaned = corpus_tables(sources, root)
        paragraphs = cleaned.pop("paragraphs")
        for name, df in {"sources": sources, **cleaned, "paragraphs": paragraphs}.items():
            write(name, df)
        del cleaned
        beside = int(paragraphs["text_simplified"].str.len().sum()) <= CONCURRENT_MAX_CHARS
        with timed(seconds, "per_source_wall", time.perf_counter):
            tables = _per_source(root, paragraphs, sources, folder, run, seconds, beside)
        if tables is None:
            batch_pool.close()  # its workers gone before the overlap index is built
            # what the overlap needs of the paragraphs: the rest is freed first, as the
            # batches' workers are (one phase at a time: each grows with the corpus)
            paragraphs = paragraphs[["paragraph_id", "source_id", "text_simplified"]]
            pairs = _overlap(paragraphs, workers, len(sources), seconds)
            with timed(seconds, "overlap"):
                overlap = source_overlap(paragraphs, pairs)
            run = None
        else:
            pairs, overlap = tables
        write("overlap", pairs)
        write("source_overlap", overlap)
        del paragraphs, pairs, overlap  # before the token table is read back
        with timed(seconds, "writing"):
            for name in PER_SOURCE:
                columns = join_parts(folder / PARTS / name, folder / f"{name}.parquet")
                check_tables({name: pd.DataFrame(columns=columns)}, theme_ids)
                _test_hook(f"table:{name}")
            shutil.rmtree(folder / PARTS)
        themes = pd.read_parquet(folder / "themes.parquet")
        with timed(seconds, "themes"):
            theme_coverage = coverage(themes, sources, themes_defined).reset_index()
        write("theme_coverage", theme_coverage)
        # in a batch worker, which has jieba's tables loaded, when the pool is still there
        job = (root, folder)
        by_theme, cpu = run([(theme_keywords_job, job)])[0] if run else theme_keywords_job(job)
        add_seconds(seconds, "keywords_by_theme", cpu)
    write("keywords_by_theme", by_theme)


def _swap_in(new: Path, out: Path) -> None:
    """Replace `out` by the complete folder `new`, keeping the old one until the new is in place
    (jieba's dictionary cache moves along)."""
    old = out.with_name(f"{out.name}.old-{os.getpid()}")
    if (out / ".cache").is_dir() and not (new / ".cache").exists():
        os.replace(out / ".cache", new / ".cache")
    if out.exists():
        os.replace(out, old)
    _test_hook("swap")
    os.replace(new, out)
    shutil.rmtree(old, ignore_errors=True)


def build(
    root: Path | None = None, force: bool = False, workers: int | None = None
) -> tuple[bool, dict[str, Path]]:
    """Build data/processed/*.parquet as one atomic swap; returns (rebuilt, paths)."""
    root = root or project_root()
    out = processed_dir(root)
    # One `saga data` at a time, and not during an add: the project lock on data/ itself (no
    # lock file, so a refused build leaves data/ byte-identical); re-entrant, so the manifest
    # loader's shared lock inside it does not deadlock.
    with project_lock(data_dir(root)) if data_dir(root).is_dir() else nullcontext():
        for kind in ("tmp", "old"):  # folders left by an interrupted run
            for stale in out.parent.glob(f"{out.name}.{kind}-*"):
                shutil.rmtree(stale, ignore_errors=True)
        print_ = inputs_fingerprint(root)
        if not force and processed_problem(root, print_) is None:
            return False, {p.stem: p for p in sorted(out.glob("*.parquet"))}
        seconds: dict[str, float] = {}
        new = out.with_name(f"{out.name}.tmp-{os.getpid()}")
        shutil.rmtree(new, ignore_errors=True)
        new.mkdir(parents=True)
        try:
            write_tables(root, new, workers, seconds)
        except BaseException:
            shutil.rmtree(new, ignore_errors=True)  # a refused table leaves nothing behind
            raise
        with timed(seconds, "writing"):
            hashes = {p.stem: _sha256(p) for p in sorted(new.glob("*.parquet"))}
            stamp = {"inputs": print_, "tables": hashes}
            write_atomic(new / STAMP, (json.dumps(stamp, indent=1, sort_keys=True) + "\n").encode())
            _swap_in(new, out)
        if path := os.environ.get(STAGE_TIMES):
            Path(path).write_text(json.dumps(seconds, indent=1) + "\n", encoding="utf-8")
    return True, {name: out / f"{name}.parquet" for name in sorted(hashes)}
