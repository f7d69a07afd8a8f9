"""`make bench`: the pipeline on a realistic generated corpus at several sizes (per-stage time,
peak memory, throughput against plain jieba.lcut), and the book's build times and page weight.

Absolute times on a shared 2-core machine are noise, so every ratio is measured in one run:
the pipeline (`python -m saga data` in a subprocess, all cores) against single-process
`jieba.lcut` over the same simplified text (also a subprocess, so both pay for start-up),
alternated three times up to 3,000 sources and each taken at its fastest; the
book at 300 sources against the shipped corpus's clean build. Stage seconds are CPU seconds
(summed over the workers), which other jobs on the machine do not inflate; the pipeline's and
lcut's are wall seconds. Up to RECALL_MAX_SOURCES, the overlap table is also compared with the
exact (quadratic) method's: its recall, and the pairs it misses or adds.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pandas as pd

from saga.bench.generate import generate, new_article
from saga.corpus.build import STAGE_TIMES

LCUT = """
import sys, time
t0 = time.perf_counter()
from saga.corpus.segment import _jieba, init_jieba
init_jieba()
jieba = _jieba()
text = open(sys.argv[1], encoding="utf-8").read()
n = sum(len(jieba.lcut(line)) for line in text.split("\\n"))
print(n, time.perf_counter() - t0)
"""


def _tree_memory(pid: int) -> int:
    """Bytes of memory used by pid and all its descendants: the sum of their proportional set
    sizes (Linux /proc smaps_rollup), so pages a forked worker shares with its parent count
    once, not once per process as a sum of RSS would count them."""
    total, stack = 0, [pid]
    while stack:
        p = stack.pop()
        try:
            with open(f"/proc/{p}/smaps_rollup") as f:
                total += next(int(x.split()[1]) * 1024 for x in f if x.startswith("Pss:"))
            with open(f"/proc/{p}/task/{p}/children") as f:
                stack += [int(c) for c in f.read().split()]
        except (OSError, StopIteration):
            continue
    return total


def run_measured(cmd: list[str], env: dict | None = None) -> tuple[float, int, str]:
    """(wall seconds, peak memory of the process tree in bytes, stdout) of one command."""
    peak = 0
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, _tree_memory(proc.pid))
            done.wait(0.1)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = proc.communicate()
    done.set()
    sampler.join()
    wall = time.perf_counter() - start
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed: {err.strip().splitlines()[-1:]}")
    return wall, peak, out


STAGES = (  # the per-stage table's columns, in pipeline order
    "cleaning",
    "tokens",
    "name_forms",
    "mentions",
    "dates",
    "money",
    "quotes",
    "keywords_by_source",
    "themes",
    "keywords_by_theme",
    "overlap",
    "writing",
)


def _env() -> dict:
    return {k: v for k, v in os.environ.items() if k != "SAGA_ROOT"}


def distinct_block_share(texts: pd.Series) -> float:
    """Share of jieba's text blocks (runs between punctuation) not seen before in the corpus:
    the share of segmentation work the block memo cannot save."""
    from saga.corpus.segment import _jieba

    split = _jieba().re_han_default.split
    blocks = [b for t in texts for b in split(t) if b]
    return len(set(blocks)) / max(len(blocks), 1)


RECALL_MAX_SOURCES = 3000  # the exact overlap takes minutes here, an hour at 30,000


def overlap_recall(processed: Path) -> dict:
    """The built overlap pairs against the exact method's on the same paragraphs: recall (share
    of the exact pairs found), misses and pairs found that the exact method does not list."""
    from saga.corpus.overlap import aligned_pairs

    paragraphs = pd.read_parquet(processed / "paragraphs.parquet")
    exact = aligned_pairs(paragraphs, rare_df=None)
    got = pd.read_parquet(processed / "overlap.parquet")
    keys = [set(zip(t["paragraph_a"], t["paragraph_b"], strict=True)) for t in (exact, got)]
    return {
        "overlap_exact_pairs": len(keys[0]),
        "overlap_pairs": len(keys[1]),
        "overlap_recall": round(len(keys[0] & keys[1]) / max(len(keys[0]), 1), 4),
        "overlap_misses": len(keys[0] - keys[1]),
        "overlap_extra": len(keys[1] - keys[0]),
    }


ROUNDS = 3  # pipeline and lcut runs, alternated, up to ROUNDS_MAX_SOURCES
ROUNDS_MAX_SOURCES = 3000  # beyond, one of each (30,000 sources: about 7 minutes a pair)


def interleaved(runs: dict[str, object], rounds: int) -> dict[str, list]:
    """Each run (a callable giving a (wall seconds, ...) tuple) `rounds` times, alternating
    (a, b, a, b, ...), so a spell of load on the shared machine falls on both, not on one."""
    results: dict[str, list] = {name: [] for name in runs}
    for _ in range(rounds):
        for name, run in runs.items():
            results[name].append(run())
    return results


def pipeline_bench(root: Path, n_sources: int, seed: int = 0) -> dict:
    """`saga data` and plain lcut on the same generated corpus of n_sources, in the same run:
    after a first pipeline run (which writes the text and warms jieba's cache, as lcut's is
    already), alternated ROUNDS times up to ROUNDS_MAX_SOURCES, each judged by its fastest
    run (load on a shared machine only ever adds time); every run's seconds are kept."""
    with tempfile.TemporaryDirectory(prefix="saga-bench-") as tmp:
        dest, stages = Path(tmp), Path(tmp) / "stages.json"
        kinds = generate(root, dest, n_sources, seed)
        load = os.getloadavg()  # the machine's load before the run: the measure's context
        env = _env() | {STAGE_TIMES: str(stages)}
        cmd = [sys.executable, "-m", "saga", "--root", str(dest), "data", "--force"]

        def pipeline() -> tuple[float, int, dict]:
            wall, peak, _ = run_measured(cmd, env)
            return wall, peak, json.loads(stages.read_text(encoding="utf-8"))

        first = pipeline()  # it also writes the text lcut reads
        texts = pd.read_parquet(
            dest / "data/processed/paragraphs.parquet", columns=["text_simplified"]
        )["text_simplified"]
        text_path = dest / "all.txt"
        text_path.write_text("\n".join(texts), encoding="utf-8")
        chars = int(texts.str.len().sum())

        def lcut() -> tuple[float, int, str]:
            return run_measured([sys.executable, "-c", LCUT, str(text_path)], _env())

        if n_sources <= ROUNDS_MAX_SOURCES:  # the first run was a warm-up (jieba's cache)
            runs = interleaved({"lcut": lcut, "pipeline": pipeline}, ROUNDS)
        else:  # the first run is the measure (a cold cache costs seconds of minutes here)
            runs = {"lcut": [lcut()], "pipeline": [first]}
        wall, _, seconds = min(runs["pipeline"], key=lambda r: r[0])
        peak = max(r[1] for r in [first, *runs["pipeline"]])
        lcut_wall = min(r[0] for r in runs["lcut"])
        lcut_peak = max(r[1] for r in runs["lcut"])
        recall = (
            overlap_recall(dest / "data" / "processed")
            if n_sources <= RECALL_MAX_SOURCES
            else {"overlap_recall": None}
        )
    return {
        "sources": n_sources,
        "kinds": kinds,
        "paragraphs": len(texts),
        "chars": chars,
        "distinct_block_share": round(distinct_block_share(texts), 3),
        "pipeline_s": round(wall, 2),
        "pipeline_first_run_s": round(first[0], 2),
        "pipeline_runs_s": [round(r[0], 2) for r in runs["pipeline"]],
        "lcut_runs_s": [round(r[0], 2) for r in runs["lcut"]],
        "pipeline_chars_per_s": round(chars / wall),
        "pipeline_peak_mem_mb": round(peak / 2**20),
        "lcut_s": round(lcut_wall, 2),
        "lcut_chars_per_s": round(chars / lcut_wall),
        "lcut_peak_mem_mb": round(lcut_peak / 2**20),
        "speedup_vs_lcut": round(lcut_wall / wall, 2),
        "stage_s": {k: round(seconds.get(k, 0.0), 2) for k in STAGES},
        "per_source_wall_s": round(seconds.get("per_source_wall", 0.0), 2),
        **recall,
        "cores": os.cpu_count(),
        "load_average_before": [round(x, 2) for x in load],
    }


EXECUTED = re.compile(r"notebooks to re-execute: ([^;\n]*)")  # book-prepare's report
# The targets: (comparison, bound, corpus size it is set for; None: the book's measures,
# which name their size). The table says which ones a run meets, and only at that size.
TARGETS = {
    "speedup_vs_lcut": (">=", 1.6, 3000),
    "pipeline_peak_mem_mb": ("<=", 2048, 30000),
    "book_300_clean_ratio": ("<=", 3.0, None),  # 300-source clean build / shipped clean build
    "book_300_add_ratio": ("<=", 0.5, None),  # adding one article / 300-source clean build
    "book_noop_ratio": ("<=", 0.15, None),
    "page_max_kb": ("<=", 2048, None),
}


def verdict(key: str, value, sources: int | None = None) -> str:
    """'target >= 1.6: met' (or MISSED) for a measure with a target, at the size the target is
    set for; at another size, which size that is; '' for a measure without a target."""
    if key not in TARGETS:
        return ""
    op, bound, size = TARGETS[key]
    if size is not None and sources != size:
        return f"target {op} {bound} is for {size:,} sources"
    ok = value >= bound if op == ">=" else value <= bound
    return f"target {op} {bound}: {'met' if ok else 'MISSED'}"


def _make_book(project: Path) -> tuple[float, list[str]]:
    """(seconds, notebooks executed) of the steps of one `make book` in project (not make itself:
    its install step would re-point the shared venv's editable install at the copy)."""
    steps = [["data"], ["book-prepare"], ["book-build", "html"], ["book-build", "singlehtml"]]
    start, log = time.perf_counter(), ""
    for step in steps:
        cmd = [sys.executable, "-m", "saga", "--root", str(project), *step]
        proc = subprocess.run(cmd, cwd=project, capture_output=True, text=True, env=_env())
        if proc.returncode != 0:
            reports = sorted((project / "_build").rglob("reports/**/*.log"))
            why = reports[0].read_text(encoding="utf-8").strip().splitlines()[-1] if reports else ""
            raise RuntimeError(f"{' '.join(step)} failed: {proc.stderr.strip()[-200:]} {why}")
        log += proc.stdout + proc.stderr
    wall = time.perf_counter() - start
    return wall, executed_notebooks(log)


def executed_notebooks(log: str) -> list[str]:
    """The notebooks a build's `saga book-prepare` sent to execution (their cache records were
    dropped, or they had none), by file name."""
    listed = ", ".join(EXECUTED.findall(log)).split(", ")
    return sorted({Path(m).name for m in listed if m.endswith(".ipynb")})


def page_weights(html_dir: Path) -> dict[str, int]:
    """Bytes of every page of the multi-page book plus the local images it references."""
    weights = {}
    for page in sorted(html_dir.rglob("*.html")):
        if "_static" in page.parts or page.name in ("search.html", "genindex.html"):
            continue
        html = page.read_text(encoding="utf-8")
        images = {
            (page.parent / src).resolve() for src in re.findall(r'<img[^>]+src="([^":]+)"', html)
        }
        weights[page.relative_to(html_dir).as_posix()] = page.stat().st_size + sum(
            p.stat().st_size for p in images if p.is_file()
        )
    return weights


def _book_project(root: Path, dest: Path, n_sources: int | None) -> Path:
    """A copy of the project at dest: the shipped corpus, or a generated one of n_sources."""
    ignore = shutil.ignore_patterns(".venv", "_build", "processed", ".git", "__pycache__")
    shutil.copytree(root, dest, ignore=ignore)
    if n_sources:
        shutil.rmtree(dest / "data" / "raw")
        generate(root, dest, n_sources)
    return dest


def book_bench(root: Path, n_sources: int = 300) -> dict:
    """Clean and no-op builds of the shipped book; clean and add-one-article builds of the book
    on a generated corpus of n_sources; the heaviest page."""
    with tempfile.TemporaryDirectory(prefix="saga-book-bench-") as tmp:
        shipped = _book_project(root, Path(tmp) / "shipped", None)
        clean_s, _ = _make_book(shipped)
        noop_s, noop_run = _make_book(shipped)
        shutil.rmtree(shipped)
        big = _book_project(root, Path(tmp) / "big", n_sources)
        try:
            big_s, _ = _make_book(big)
        except RuntimeError as err:  # a measurement, not a test: report the failure and go on
            return {
                "book_clean_s": round(clean_s, 1),
                "book_noop_s": round(noop_s, 1),
                "book_noop_ratio": round(noop_s / clean_s, 3),
                "book_300_error": str(err),
            }
        extra = Path(tmp) / "extra"
        row = new_article(root, extra, n_sources)
        article = extra / "data" / "raw" / row["file"]
        add = ["--title", row["title"], "--outlet", row["outlet"], "--published", row["published"]]
        subprocess.run(
            [sys.executable, "-m", "saga", "--root", str(big), "add", str(article), *add],
            check=True,
            capture_output=True,
            env=_env(),
        )
        add_s, add_run = _make_book(big)
        weights = page_weights(big / "_build" / "html")
    heaviest = max(weights, key=weights.get)
    return {
        "book_clean_s": round(clean_s, 1),
        "book_noop_s": round(noop_s, 1),
        "book_noop_ratio": round(noop_s / clean_s, 3),
        "book_noop_notebooks_run": len(noop_run),
        "book_300_sources": n_sources,
        "book_300_clean_s": round(big_s, 1),
        "book_300_clean_ratio": round(big_s / clean_s, 2),
        "book_300_add_s": round(add_s, 1),
        "book_300_add_ratio": round(add_s / big_s, 2),
        "book_300_add_notebooks_run": len(add_run),
        "page_max_kb": round(weights[heaviest] / 1024),
        "page_max": heaviest,
        "pages_over_2mb": sum(w > 2 * 2**20 for w in weights.values()),
    }


def summary_rows(result: dict) -> list[dict]:
    """One row per measure with its target and verdict: the execution-status page's table."""
    rows = []
    for run in result["pipeline"]:
        n = run["sources"]
        rows += [
            {"measure": f"{k} ({n} sources)", "value": run[k], "target": verdict(k, run[k], n)}
            for k in (
                "pipeline_s",
                "lcut_s",
                "speedup_vs_lcut",
                "pipeline_peak_mem_mb",
                "overlap_recall",
            )
            if run.get(k) is not None
        ]
        rows += [
            {"measure": f"stage {k} CPU s ({n} sources)", "value": v, "target": ""}
            for k, v in run["stage_s"].items()
        ]
    rows += [
        {"measure": k, "value": v, "target": verdict(k, v)}
        for k, v in result.get("book", {}).items()
    ]
    return rows


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(prog="python -m saga.bench", description=__doc__)
    parser.add_argument(
        "--sources", default="300,3000", help="corpus sizes, comma-separated ('' for none)"
    )
    parser.add_argument("--skip-book", action="store_true", help="only the pipeline")
    parser.add_argument("--out", type=Path, default=Path("_build/bench"))
    args = parser.parse_args(argv)
    root = Path.cwd()
    result: dict = {"pipeline": []}
    args.out.mkdir(parents=True, exist_ok=True)
    for n in [int(x) for x in args.sources.split(",") if x]:
        result["pipeline"].append(pipeline_bench(root, n))
        print(json.dumps(result["pipeline"][-1]), flush=True)
    if not args.skip_book:
        result["book"] = book_bench(root)
    rows = summary_rows(result)
    width = max(len(r["measure"]) for r in rows)
    for r in rows:
        print(f"{r['measure']:<{width}}  {r['value']!s:<12} {r['target']}".rstrip())
    (args.out / "bench.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    pd.DataFrame(rows).to_csv(args.out / "summary.csv", index=False)
    return 0
