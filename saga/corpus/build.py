"""`python -m saga data`: build every processed table, skipping the work when inputs are unchanged.

Per-source work (segmentation, entities, dates, money, quotes, keywords) runs in a process
pool over sources once the corpus is large enough to pay for starting workers; corpus-wide
steps (themes, theme keywords, overlap) follow. Output is identical either way.
"""

from __future__ import annotations

import hashlib
import os
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pandas as pd

from saga.corpus.cleaning import corpus_tables
from saga.corpus.manifest import load_manifest
from saga.corpus.store import write_atomic, write_table
from saga.paths import data_dir, processed_dir, project_root

FINGERPRINT = "_inputs.sha256"
PACKAGE = Path(__file__).resolve().parent.parent  # saga/: its code feeds the tables
POOL_MIN_SOURCES = 40  # below this, starting workers costs more than it saves
BATCH = 20  # sources per job: large enough to amortise pandas overhead, small for balance
PER_SOURCE = ("tokens", "mentions", "dates", "money", "quotes", "keywords_by_source")


def input_files(root: Path) -> list[Path]:
    """Everything the processed tables depend on: data inputs, lexicon, and saga's own code."""
    data = data_dir(root)
    files = [data / "sources.csv", data / "cleaning.yml"]
    for folder in (data / "raw", data / "lexicon", data / "annotations"):
        if folder.is_dir():
            files += [p for p in folder.rglob("*") if p.is_file() and not p.name.startswith(".")]
    files += (p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)
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


_worker: dict[str, object] = {}


def _init_worker(root: Path) -> None:
    """Load jieba and the entity lexicon once per process."""
    from saga.corpus.entities import load_entities
    from saga.corpus.quotes import person_speakers
    from saga.corpus.segment import init_jieba

    init_jieba(root)
    entities = load_entities(root)
    _worker["entities"] = entities
    _worker["speakers"] = person_speakers(entities)


def analyse_sources(job: tuple[pd.DataFrame, dict[str, str]]) -> dict[str, pd.DataFrame]:
    """The per-source tables for a batch of sources' paragraphs and their published dates."""
    from saga.corpus.dates import dates_table
    from saga.corpus.entities import mentions_table
    from saga.corpus.keywords import keywords_table
    from saga.corpus.money import money_table
    from saga.corpus.quotes import quotes_table
    from saga.corpus.segment import tokens_table

    paragraphs, published = job
    tokens = tokens_table(paragraphs)
    return {
        "tokens": tokens,
        "mentions": mentions_table(paragraphs, _worker["entities"]),
        "dates": dates_table(paragraphs, published),
        "money": money_table(paragraphs),
        "quotes": quotes_table(paragraphs, _worker["speakers"]),
        "keywords_by_source": keywords_table(tokens, by="source"),
    }


def _batches(paragraphs: pd.DataFrame, sources: pd.DataFrame, size: int):
    """Jobs of `size` sources each, in manifest order (batches amortise per-call overhead)."""
    published = dict(zip(sources["source_id"], sources["published"], strict=True))
    order = list(sources["source_id"])
    for i in range(0, len(order), size):
        chunk = paragraphs[paragraphs["source_id"].isin(order[i : i + size])]
        if len(chunk):
            yield chunk, {s: published[s] for s in order[i : i + size]}


def _per_source(root: Path, paragraphs: pd.DataFrame, sources: pd.DataFrame, workers: int):
    """Per-source tables, concatenated in manifest order, with a progress bar on a terminal."""
    from tqdm import tqdm

    jobs = list(_batches(paragraphs, sources, BATCH))
    bar = dict(total=len(jobs), desc=f"batches of {BATCH} sources", disable=not sys.stderr.isatty())
    if workers > 1 and len(sources) >= POOL_MIN_SOURCES:
        with ProcessPoolExecutor(workers, initializer=_init_worker, initargs=(root,)) as pool:
            results = list(tqdm(pool.map(analyse_sources, jobs), **bar))
    else:
        _init_worker(root)
        results = [analyse_sources(job) for job in tqdm(jobs, **bar)]
    tables = {}
    for name in PER_SOURCE:  # concatenate one table at a time, freeing the parts as we go
        tables[name] = pd.concat([r.pop(name) for r in results], ignore_index=True)
    return tables


def build_tables(root: Path, workers: int | None = None) -> dict[str, pd.DataFrame]:
    """All processed tables, in memory."""
    from saga.corpus.keywords import keywords_table
    from saga.corpus.overlap import aligned_pairs, source_overlap
    from saga.corpus.themes import assign_themes, coverage, load_overrides, load_themes

    sources = load_manifest(root)
    tables = {"sources": sources, **corpus_tables(sources, root)}
    paragraphs = tables["paragraphs"]
    tables.update(_per_source(root, paragraphs, sources, workers or os.cpu_count() or 1))
    themes = load_themes(root)
    tables["themes"] = assign_themes(paragraphs, themes, tables["dates"], load_overrides(root))
    tables["theme_coverage"] = coverage(tables["themes"], sources, themes).reset_index()
    tables["keywords_by_theme"] = keywords_table(
        tables["tokens"], by="theme", themes_df=tables["themes"]
    )
    tables["overlap"] = aligned_pairs(paragraphs)
    tables["source_overlap"] = source_overlap(paragraphs, tables["overlap"])
    return tables


def build(
    root: Path | None = None, force: bool = False, workers: int | None = None
) -> tuple[bool, dict[str, Path]]:
    """Write data/processed/*.parquet; returns (rebuilt, paths). Each file is written atomically."""
    root = root or project_root()
    out = processed_dir(root)
    stamp = out / FINGERPRINT
    print_ = inputs_fingerprint(root)
    if not force and stamp.is_file() and stamp.read_text().strip() == print_:
        return False, {p.stem: p for p in sorted(out.glob("*.parquet"))}
    tables = build_tables(root, workers)
    paths = {name: write_table(df, name, root) for name, df in tables.items()}
    write_atomic(stamp, (print_ + "\n").encode())
    return True, paths
