"""Execute the notebooks the execution cache lacks, one per core, before Sphinx reads them.

MyST-NB executes a book's notebooks one after another as Sphinx reads them, one kernel at a
time, so on a two-core machine half of it idles while the chapters run. `book-prepare` runs
them here first, in parallel, and stores each success in jupyter-cache as MyST-NB itself does
(the same project record, notebook hash and execution data), so the build finds every one
cached. A notebook that fails here is not stored: the build executes it again and reports the
failure in its usual one paragraph (saga.bookbuild.report).
"""

from __future__ import annotations

import json
import time
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_all_start_methods, get_context
from pathlib import Path

from saga.bookbuild.cache import CACHE_DIR, NOTEBOOKS
from saga.bookbuild.kernel import use_ipc_kernels
from saga.corpus.readers import read_yaml

DEFAULT_TIMEOUT = 600  # seconds per cell, as jupyter-book's default
SECONDS = Path("_build") / ".saga_execution_seconds.json"  # each notebook's last run


def cell_timeout(root: Path) -> int:
    """execute.timeout of the book's _config.yml (what MyST-NB would use)."""
    config = read_yaml(root / "_config.yml")
    return int((config.get("execute") or {}).get("timeout", DEFAULT_TIMEOUT))


def uncached(root: Path) -> list[Path]:
    """The book's notebooks that have no record in the execution cache, in name order."""
    import nbformat
    from jupyter_cache import get_cache

    cache = get_cache(str(root / CACHE_DIR))
    missing = []
    for path in sorted((root / NOTEBOOKS).glob("*.ipynb")):
        try:
            cache.match_cache_notebook(nbformat.read(str(path), as_version=4))
        except KeyError:
            missing.append(path)
    return missing


def _execute(job: tuple[Path, int]) -> tuple[str | None, float]:
    """(the executed notebook as JSON, or None if a cell failed; seconds) of one notebook, run in
    its own folder as MyST-NB runs it."""
    import nbformat
    from jupyter_cache.executors.utils import single_nb_execution

    path, timeout = job
    start = time.perf_counter()
    nb = nbformat.read(str(path), as_version=4)
    try:
        result = single_nb_execution(nb, cwd=str(path.parent), timeout=timeout, allow_errors=False)
    except Exception:  # a dead kernel, say: the build runs the notebook again and says why
        return None, time.perf_counter() - start
    return (None if result.err else nbformat.writes(result.nb)), result.time


def execute_uncached(root: Path, workers: int) -> dict[str, float | None]:
    """Execute every uncached notebook, `workers` at a time, and cache the successes; each
    notebook's seconds (None: it failed, and the build will run it again). With one worker
    this does nothing: the build executes the notebooks itself, as fast."""
    import nbformat
    from jupyter_cache import get_cache
    from jupyter_cache.base import CacheBundleIn

    todo = uncached(root)
    if workers < 2 or len(todo) < 2 or "fork" not in get_all_start_methods():
        return {}
    timeout = cell_timeout(root)
    use_ipc_kernels(str(root / "_build" / "kernels.log"))  # as the build's own kernels
    cache = get_cache(str(root / CACHE_DIR))
    seconds: dict[str, float | None] = {}
    # the longest first (by their last run, else their size), so none is left to run alone
    last_file = root / SECONDS
    last = json.loads(last_file.read_text(encoding="utf-8")) if last_file.is_file() else {}
    todo.sort(key=lambda p: (-last.get(p.name, 0.0), -p.stat().st_size, p.name))
    with ProcessPoolExecutor(min(workers, len(todo)), mp_context=get_context("fork")) as pool:
        jobs = {path: pool.submit(_execute, (path, timeout)) for path in todo}
        for path, job in jobs.items():
            text, took = job.result()
            key = path.relative_to(root).as_posix()
            seconds[key] = None if text is None else took
            if text is None:
                continue
            record = cache.add_nb_to_project(str(path))
            bundle = CacheBundleIn(
                nbformat.reads(text, as_version=4), record.uri, data={"execution_seconds": took}
            )
            cache.cache_notebook_bundle(bundle, check_validity=False, overwrite=True)
    last |= {Path(k).name: v for k, v in seconds.items() if v is not None}
    last_file.write_text(json.dumps(last, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return seconds


def timed_execute(root: Path, workers: int) -> str:
    """execute_uncached, told in one line for book-prepare's report."""
    start = time.perf_counter()
    seconds = execute_uncached(root, workers)
    if not seconds:
        return "none executed ahead"
    failed = [Path(k).name for k, v in seconds.items() if v is None]
    took = time.perf_counter() - start
    told = f"{len(seconds)} executed ahead, up to {workers} at a time, in {took:.0f} s"
    return told + (f" ({', '.join(failed)} failed: the build runs them again)" if failed else "")
