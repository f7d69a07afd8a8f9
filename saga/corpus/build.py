"""`python -m saga data`: build every processed table, skipping the work when inputs are unchanged.

Per-source work (segmentation, entities, dates, money, quotes, keywords) runs in a pool of
forked processes over batches of sources once the corpus is large enough to pay for starting
workers; each batch writes its rows of each table as a part (store.write_part). The overlap
runs beside the batches, as one more job of the same pool (its index in that worker), while the
corpus is small enough for both to fit in memory (CONCURRENT_MAX_CHARS); beyond, it runs after
them: its index built here and its partner searches in spans in a second pool forked with it,
so the index and the batch workers are never in memory together. The parts are then joined into one Parquet file per table, a row group per batch, so no per-source
table is ever in memory whole; themes' coverage and theme keywords follow, the latter from the
token table read back as codes. Workers inherit jieba, the lexicon and the paragraphs from the
parent (fork), so jobs carry row numbers, not text. Output is byte-identical with or without
the pool.

The build is atomic as a whole: tables go to a fresh folder next to data/processed, which is
swapped in only once every table and the stamp (`_manifest.json`: the inputs' fingerprint and
the sha256 of every table, written last) are on disk. A build is skipped only when the stamp
matches the inputs AND every table matches its recorded hash, so an interrupted or tampered
folder is rebuilt, never reported "up to date".
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager, nullcontext
from multiprocessing import get_all_start_methods, get_context
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow.parquet as pq

from saga.corpus.cleaning import corpus_tables
from saga.corpus.durable import project_lock
from saga.corpus.manifest import load_manifest
from saga.corpus.registry import check_tables
from saga.corpus.store import join_parts, table_bytes, write_atomic, write_part
from saga.deps import PACKAGE, module_closure
from saga.paths import annotations_dir, data_dir, lexicon_dir, processed_dir, project_root

STAMP = "_manifest.json"
POOL_MIN_SOURCES = 40  # below this, starting workers costs more than it saves
BATCH = 20  # sources per job at least: large enough to amortise pandas overhead
# jobs at most: beyond 640 sources batches grow instead, so each table's parts and row groups
# stay few (each part costs milliseconds to write and join); a number fixed by the corpus
# alone, not the machine's cores, so the files are the same bytes on every machine
MAX_BATCHES = 32
PARTS = ".parts"  # the per-source tables' parts, one per batch (store.write_part)
PER_SOURCE = (
    "tokens", "name_forms", "mentions", "dates", "money", "quotes", "keywords_by_source", "themes"
)  # fmt: skip
# Up to this many characters of text the overlap job runs beside the batches (peak memory 776 MB
# at 3.9 M characters, 3,000 sources, against 663 MB one phase at a time; 991 MB at 7.9 M,
# 6,000 sources); beyond, after them, one phase at a time (1.9 GB at 39 M, 30,000 sources)
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
    digest = hashlib.sha256()
    for path in input_files(root):
        rel = (
            path.relative_to(root)
            if path.is_relative_to(root)
            else path.relative_to(PACKAGE.parent)
        )
        digest.update(str(rel).encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


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


_worker: dict[str, object] = {}


def _init_worker(root: Path) -> None:
    """Load jieba, the keyword tables, the entity lexicon and the themes once per process (a
    forked worker inherits them from its parent)."""
    from saga.corpus.entities import load_entities
    from saga.corpus.keywords import preload
    from saga.corpus.quotes import person_speakers
    from saga.corpus.segment import init_jieba
    from saga.corpus.themes import load_overrides, load_themes

    if _worker.get("root") == root:
        return
    init_jieba(root)
    preload()
    entities = load_entities(root)
    _worker.update(root=root, entities=entities, speakers=person_speakers(entities))
    _worker.update(themes=load_themes(root), overrides=load_overrides(root))


def analyse_sources(job: tuple[int, np.ndarray, dict[str, str]]) -> dict[str, float]:
    """Write the per-source tables of batch number job[0] (rows of the paragraphs table, which a
    forked worker inherits, and their published dates) as parts of each table (store.write_part)
    under _worker["parts"]; each stage's CPU seconds."""
    from saga.corpus.dates import dates_table
    from saga.corpus.entities import learned_forms, mentions_table
    from saga.corpus.keywords import keywords_table
    from saga.corpus.money import money_table
    from saga.corpus.quotes import quotes_table
    from saga.corpus.segment import tokens_table
    from saga.corpus.themes import assign_themes

    number, rows, published = job
    paragraphs = _worker["paragraphs"].iloc[rows]
    stages = {
        "tokens": lambda: tokens_table(paragraphs),
        "name_forms": lambda: learned_forms(paragraphs, _worker["entities"]),
        "mentions": lambda: mentions_table(paragraphs, _worker["entities"], out["name_forms"]),
        "dates": lambda: dates_table(paragraphs, published),
        "money": lambda: money_table(paragraphs),
        "quotes": lambda: quotes_table(paragraphs, _worker["speakers"]),
        "keywords_by_source": lambda: keywords_table(out["tokens"], by="source"),
        # per paragraph too (its text and dates); batches keep the paragraphs' order
        "themes": lambda: assign_themes(
            paragraphs, _worker["themes"], out["dates"], _worker["overrides"]
        ),
    }
    out: dict[str, pd.DataFrame] = {}
    seconds: dict[str, float] = {}
    for name, run in stages.items():
        start = time.process_time()
        out[name] = run()
        seconds[name] = time.process_time() - start
    with _timed(seconds, "writing"):
        for name in PER_SOURCE:
            write_part(_worker["parts"] / name, number, out.pop(name))
    return seconds


def overlap_job(_: None = None) -> tuple[pd.DataFrame, pd.DataFrame, float]:
    """The overlap and source_overlap tables of the paragraphs (inherited), built in one worker
    while the others run batches, and their CPU seconds."""
    from saga.corpus.overlap import aligned_pairs, source_overlap

    start = time.process_time()
    paragraphs = _worker["paragraphs"][["paragraph_id", "source_id", "text_simplified"]]
    pairs = aligned_pairs(paragraphs)
    return pairs, source_overlap(paragraphs, pairs), time.process_time() - start


def partners_job(span: tuple[int, int]) -> tuple[tuple, float]:
    """Overlap partners of the paragraphs whose text is one of the distinct texts
    span[0]..span[1]-1 of the overlap index (inherited), and their CPU seconds."""
    from saga.corpus.overlap import partners

    start = time.process_time()
    return partners(_worker["overlap"], *span), time.process_time() - start


def _batches(paragraphs: pd.DataFrame, sources: pd.DataFrame, size: int):
    """Jobs of `size` sources each, in manifest order (batches amortise per-call overhead)."""
    published = dict(zip(sources["source_id"], sources["published"], strict=True))
    rows = paragraphs.groupby("source_id", sort=False).indices  # one pass, not one per batch
    order = [s for s in sources["source_id"] if s in rows]
    for number, i in enumerate(range(0, len(order), size)):
        ids = order[i : i + size]
        yield number, np.concatenate([rows[s] for s in ids]), {s: published[s] for s in ids}


def _pool(workers: int, sources: int):
    """A runner of calls (job, item): in a pool of forked workers (which inherit _worker) when
    the corpus has enough sources to pay for them, else here; results in call order."""
    from tqdm import tqdm

    fork = "fork" in get_all_start_methods()  # workers must inherit _worker

    def run(calls: list, progress: dict | None = None) -> list:
        progress = progress or {"disable": True}
        if not (fork and workers > 1 and sources >= POOL_MIN_SOURCES):
            return [job(item) for job, item in tqdm(calls, **progress)]
        with ProcessPoolExecutor(workers, mp_context=get_context("fork")) as executor:
            running = [executor.submit(job, item) for job, item in calls]
            return [f.result() for f in tqdm(running, **progress)]

    return run


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
    calls = [(analyse_sources, job) for job in _batches(paragraphs, sources, size)]
    if with_overlap:  # first, as the longest job: the batches fill the other workers meanwhile
        calls.insert(0, (overlap_job, None))
    bar = dict(total=len(calls), desc=f"batches of {size} sources", disable=not sys.stderr.isatty())
    _init_worker(root)  # here first: forked workers start with everything loaded
    _worker.update(paragraphs=paragraphs, parts=folder / PARTS)
    results = run(calls, bar)
    del _worker["paragraphs"], _worker["parts"]
    overlap = None
    if with_overlap:
        *overlap, cpu = results.pop(0)
        seconds["overlap"] = seconds.get("overlap", 0.0) + cpu
    for result in results:
        for name, s in result.items():
            seconds[name] = seconds.get(name, 0.0) + s
    return tuple(overlap) if overlap else None


def _overlap(paragraphs: pd.DataFrame, run, seconds: dict) -> pd.DataFrame:
    """The overlap pairs: the index built here, its partner searches run in spans (forked
    workers inherit it), the spans' partners merged."""
    from saga.corpus.overlap import NEAR_SPAN, merge_partners, overlap_index

    with _timed(seconds, "overlap"):
        index = _worker["overlap"] = overlap_index(paragraphs)
    n = index.vectors.shape[0]
    found = run([(partners_job, (lo, min(lo + NEAR_SPAN, n))) for lo in range(0, n, NEAR_SPAN)])
    index.vectors = index.rare_t = None
    del _worker["overlap"]
    with _timed(seconds, "overlap"):
        pairs = merge_partners(index, [part for part, _ in found])
    seconds["overlap"] += sum(s for _, s in found)
    return pairs


@contextmanager
def _timed(seconds: dict, name: str, clock=time.process_time):
    """Add the block's seconds to seconds[name]: CPU seconds unless another clock is given
    (CPU time stays honest on a machine shared with other jobs)."""
    start = clock()
    yield
    seconds[name] = seconds.get(name, 0.0) + clock() - start


def write_tables(
    root: Path, folder: Path, workers: int | None = None, seconds: dict | None = None
) -> None:
    """Write every processed table to folder as Parquet, each checked against the registry
    first; per-source tables go through parts, so no table need be in memory whole. `seconds`
    collects each stage's CPU seconds (per-source stages and the overlap's partner searches:
    summed over workers; per_source_wall: the wall seconds of the pool)."""
    from saga.corpus.keywords import keywords_table
    from saga.corpus.overlap import source_overlap
    from saga.corpus.themes import coverage, load_themes

    seconds = {} if seconds is None else seconds
    theme_ids = list(load_themes(root))

    def write(name: str, df: pd.DataFrame) -> None:
        check_tables({name: df}, theme_ids)  # every table and column is documented
        with _timed(seconds, "writing"):
            (folder / f"{name}.parquet").write_bytes(table_bytes(df))
        _test_hook(f"table:{name}")

    with _timed(seconds, "cleaning"):
        sources = load_manifest(root)
        cleaned = corpus_tables(sources, root)
    paragraphs = cleaned.pop("paragraphs")
    for name, df in {"sources": sources, **cleaned, "paragraphs": paragraphs}.items():
        write(name, df)
    del cleaned
    run = _pool(workers or os.cpu_count() or 1, len(sources))
    beside = int(paragraphs["text_simplified"].str.len().sum()) <= CONCURRENT_MAX_CHARS
    with _timed(seconds, "per_source_wall", time.perf_counter):
        tables = _per_source(root, paragraphs, sources, folder, run, seconds, beside)
    if tables is None:
        # what the overlap needs of the paragraphs: the rest is freed before its index is
        # built, as the batches' workers are (one phase at a time: each grows with the corpus)
        paragraphs = paragraphs[["paragraph_id", "source_id", "text_simplified"]]
        pairs = _overlap(paragraphs, run, seconds)
        with _timed(seconds, "overlap"):
            overlap = source_overlap(paragraphs, pairs)
    else:
        pairs, overlap = tables
    write("overlap", pairs)
    write("source_overlap", overlap)
    del paragraphs, pairs, overlap  # before the token table is read back
    with _timed(seconds, "writing"):
        for name in PER_SOURCE:
            columns = join_parts(folder / PARTS / name, folder / f"{name}.parquet")
            check_tables({name: pd.DataFrame(columns=columns)}, theme_ids)
            _test_hook(f"table:{name}")
        shutil.rmtree(folder / PARTS)
    themes = pd.read_parquet(folder / "themes.parquet")
    with _timed(seconds, "themes"):
        theme_coverage = coverage(themes, sources, _worker["themes"]).reset_index()
    write("theme_coverage", theme_coverage)
    with _timed(seconds, "keywords_by_theme"):
        tokens = pq.read_table(  # as codes and the words they stand for (categoricals)
            folder / "tokens.parquet",
            columns=["paragraph_id", "token"],
            read_dictionary=["paragraph_id", "token"],
        ).to_pandas()
        by_theme = keywords_table(tokens, by="theme", themes_df=themes)
        del tokens
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
        with _timed(seconds, "writing"):
            hashes = {p.stem: _sha256(p) for p in sorted(new.glob("*.parquet"))}
            stamp = {"inputs": print_, "tables": hashes}
            write_atomic(new / STAMP, (json.dumps(stamp, indent=1, sort_keys=True) + "\n").encode())
            _swap_in(new, out)
        if path := os.environ.get(STAGE_TIMES):
            Path(path).write_text(json.dumps(seconds, indent=1) + "\n", encoding="utf-8")
    return True, {name: out / f"{name}.parquet" for name in sorted(hashes)}
