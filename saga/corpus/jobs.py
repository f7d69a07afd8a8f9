"""The build's work in processes: what a process loads once (`state`), the jobs a pool runs
(a batch of sources, the overlap, the theme keywords, a span of overlap partners) and the pool.

A pool's workers are forked. Started with a project root, they load jieba and the lexicon as
they start (start_worker), while the parent goes on cleaning; otherwise they inherit what the
parent holds (the overlap index, for partners_job). A job run in the parent loads what it needs
there (ready), so every job gives the same result in a worker or not.
"""

from __future__ import annotations

import time
from concurrent.futures import ALL_COMPLETED, FIRST_COMPLETED, ProcessPoolExecutor, wait
from contextlib import contextmanager
from multiprocessing import get_all_start_methods, get_context
from pathlib import Path
from typing import NamedTuple

import pandas as pd
import pyarrow.parquet as pq

from saga.corpus.store import write_part

POOL_MIN_SOURCES = 40  # below this, starting workers costs more than it saves
PER_SOURCE = (
    "tokens", "name_forms", "mentions", "dates", "money", "quotes", "keywords_by_source", "themes"
)  # fmt: skip


state: dict[str, object] = {}


def init_process(root: Path) -> None:
    """Load jieba, the keyword tables, the entity lexicon and the themes once per process."""
    from saga.corpus.entities import load_entities
    from saga.corpus.keywords import preload
    from saga.corpus.quotes import person_speakers
    from saga.corpus.segment import init_jieba
    from saga.corpus.themes import load_overrides, load_themes

    if state.get("root") == root:
        return
    init_jieba(root)
    preload()
    entities = load_entities(root)
    state.update(root=root, entities=entities, speakers=person_speakers(entities))
    state.update(themes=load_themes(root), overrides=load_overrides(root))


def start_worker(root: Path) -> None:
    """A pool worker's first act, while the parent cleans the corpus: init_process, a failure
    kept for the worker's first job to raise (a failed initializer breaks the whole pool
    without a word of why)."""
    try:
        init_process(root)
    except Exception as err:  # re-raised by ready, in the parent's sight
        state["failed"] = err


def ready(root: Path) -> None:
    """Everything a job needs loaded in this process (at once, if the job runs in the parent)."""
    if failed := state.get("failed"):
        raise failed
    init_process(root)


class Batch(NamedTuple):
    """One job of per-source work: its number, its sources' paragraphs and published dates."""

    root: Path
    parts: Path  # where the batch writes its part of each table (store.write_part)
    number: int
    paragraphs: pd.DataFrame
    published: dict[str, str]


def analyse_sources(batch: Batch) -> dict[str, float]:
    """Write the per-source tables of one batch as parts of each table; each stage's CPU
    seconds."""
    from saga.corpus.dates import dates_table
    from saga.corpus.entities import learned_forms, mentions_table
    from saga.corpus.keywords import keywords_table
    from saga.corpus.money import money_table
    from saga.corpus.quotes import quotes_table
    from saga.corpus.segment import tokens_table
    from saga.corpus.themes import assign_themes

    ready(batch.root)
    paragraphs, published = batch.paragraphs, batch.published
    stages = {
        "tokens": lambda: tokens_table(paragraphs),
        "name_forms": lambda: learned_forms(paragraphs, state["entities"]),
        "mentions": lambda: mentions_table(paragraphs, state["entities"], out["name_forms"]),
        "dates": lambda: dates_table(paragraphs, published),
        "money": lambda: money_table(paragraphs),
        "quotes": lambda: quotes_table(paragraphs, state["speakers"]),
        "keywords_by_source": lambda: keywords_table(out["tokens"], by="source"),
        # per paragraph too (its text and dates); batches keep the paragraphs' order
        "themes": lambda: assign_themes(
            paragraphs, state["themes"], out["dates"], state["overrides"]
        ),
    }
    out: dict[str, pd.DataFrame] = {}
    seconds: dict[str, float] = {}
    for name, run in stages.items():
        with timed(seconds, name):
            out[name] = run()
    with timed(seconds, "writing"):
        for name in PER_SOURCE:
            write_part(batch.parts / name, batch.number, out.pop(name))
    return seconds


def overlap_job(paragraphs: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame, float]:
    """The overlap and source_overlap tables of the paragraphs (paragraph_id, source_id,
    text_simplified), built in one worker while the others run batches; their CPU seconds."""
    from saga.corpus.overlap import aligned_pairs, source_overlap

    start = time.process_time()
    pairs = aligned_pairs(paragraphs)
    return pairs, source_overlap(paragraphs, pairs), time.process_time() - start


def theme_keywords_job(job: tuple[Path, Path]) -> tuple[pd.DataFrame, float]:
    """keywords_by_theme from the token and theme tables joined in folder job[1], read back
    as codes (categoricals); its CPU seconds. Run where jieba's tables are loaded already."""
    from saga.corpus.keywords import keywords_table

    root, folder = job
    ready(root)
    start = time.process_time()
    tokens = pq.read_table(
        folder / "tokens.parquet",
        columns=["paragraph_id", "token"],
        read_dictionary=["paragraph_id", "token"],
    ).to_pandas()
    themes = pd.read_parquet(folder / "themes.parquet", columns=["paragraph_id", "theme"])
    by_theme = keywords_table(tokens, by="theme", themes_df=themes)
    return by_theme, time.process_time() - start


def partners_job(span: tuple[int, int]) -> tuple[tuple, float]:
    """Overlap partners of the paragraphs whose text is one of the distinct texts
    span[0]..span[1]-1 of the overlap index (inherited), and their CPU seconds."""
    from saga.corpus.overlap import partners

    start = time.process_time()
    return partners(state["overlap"], *span), time.process_time() - start


@contextmanager
def pool(root: Path | None, workers: int, sources: int):
    """A runner of calls (job, item), results in call order: a pool of forked workers when the
    corpus has enough sources to pay for them, else this process. The workers start at once
    and, given root, load jieba and the lexicon (start_worker) while this process goes on;
    items are made as workers free up (at most two per worker waiting), so lazy items (the
    batches) are never all copied at once."""
    from tqdm import tqdm

    if not ("fork" in get_all_start_methods() and workers > 1 and sources >= POOL_MIN_SOURCES):

        def here(calls, progress: dict | None = None) -> list:
            return [job(item) for job, item in tqdm(calls, **(progress or {"disable": True}))]

        yield here
        return
    start = {"initializer": start_worker, "initargs": (root,)} if root else {}
    with ProcessPoolExecutor(workers, mp_context=get_context("fork"), **start) as executor:
        executor.submit(int)  # a first job starts every forked worker now

        def run(calls, progress: dict | None = None) -> list:
            results: dict[int, object] = {}
            running: dict = {}
            bar = tqdm(**(progress or {"disable": True}))

            def collect(when: str) -> None:
                done, _ = wait(running, return_when=when)
                for future in done:
                    results[running.pop(future)] = future.result()
                    bar.update()

            for i, (job, item) in enumerate(calls):
                running[executor.submit(job, item)] = i
                if len(running) >= 2 * workers:
                    collect(FIRST_COMPLETED)
            collect(ALL_COMPLETED)
            bar.close()
            return [results[i] for i in range(len(results))]

        yield run


@contextmanager
def timed(seconds: dict, name: str, clock=time.process_time):
    """Add the block's seconds to seconds[name]: CPU seconds unless another clock is given
    (CPU time stays honest on a machine shared with other jobs)."""
    start = clock()
    yield
    add_seconds(seconds, name, clock() - start)


def add_seconds(seconds: dict, name: str, more: float) -> None:
    """Count more seconds for the stage called name (stages run in parts: batches, spans)."""
    seconds[name] = seconds.get(name, 0.0) + more
