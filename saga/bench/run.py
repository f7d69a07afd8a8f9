"""`make bench`: pipeline throughput, book build times and page weight, in one table.

Absolute times on a shared 2-core machine are noise, so every ratio is measured in one run:
the pipeline (`python -m saga data` in a subprocess, all cores) against single-process
`jieba.lcut` over the same simplified text (also a subprocess, so both pay for start-up), and
a no-op or one-chapter rebuild of the book against a clean build of the same copy.
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

from saga.corpus.manifest import load_manifest, write_manifest
from saga.paths import data_dir

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


def make_copies(root: Path, dest: Path, copies: int) -> int:
    """A project at dest whose corpus is `copies` copies of root's sources; returns #sources."""
    src = data_dir(root)
    data = dest / "data"
    (data / "raw").mkdir(parents=True)
    for name in ("lexicon", "annotations"):
        shutil.copytree(src / name, data / name)
    shutil.copy2(src / "cleaning.yml", data / "cleaning.yml")
    shutil.copy2(root / "requirements.txt", dest / "requirements.txt")
    sources = load_manifest(root)
    rows = []
    for k in range(copies):
        for row in sources.itertuples():
            sid = f"c{k:05d}-{row.source_id}"
            os.link(src / "raw" / row.file, data / "raw" / f"{sid}.txt")
            rows.append({**row._asdict(), "source_id": sid, "file": f"{sid}.txt"})
    write_manifest(pd.DataFrame(rows), dest)
    return len(rows)


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


def pipeline_bench(root: Path, copies: int) -> dict:
    """Measure `saga data` and plain lcut on the same N-copy corpus, in the same run."""
    with tempfile.TemporaryDirectory(prefix="saga-bench-") as tmp:
        dest = Path(tmp)
        n_sources = make_copies(root, dest, copies)
        env = {k: v for k, v in os.environ.items() if k != "SAGA_ROOT"}
        cmd = [sys.executable, "-m", "saga", "--root", str(dest), "data"]
        wall, peak, _ = run_measured(cmd, env)
        paragraphs = pd.read_parquet(
            dest / "data/processed/paragraphs.parquet", columns=["text_simplified"]
        )
        text_path = dest / "all.txt"
        text_path.write_text("\n".join(paragraphs["text_simplified"]), encoding="utf-8")
        chars = int(paragraphs["text_simplified"].str.len().sum())
        lcut_wall, lcut_peak, out = run_measured([sys.executable, "-c", LCUT, str(text_path)], env)
    return {
        "copies": copies,
        "sources": n_sources,
        "chars": chars,
        "pipeline_s": round(wall, 2),
        "pipeline_chars_per_s": round(chars / wall),
        "pipeline_peak_mem_mb": round(peak / 2**20),
        "lcut_s": round(lcut_wall, 2),
        "lcut_chars_per_s": round(chars / lcut_wall),
        "lcut_peak_mem_mb": round(lcut_peak / 2**20),
        "speedup_vs_lcut": round(lcut_wall / wall, 2),
        "cores": os.cpu_count(),
    }


EXECUTED = re.compile(r"(\S+\.ipynb): Executing notebook")
# The targets: (comparison, bound). The table says which ones a run meets.
TARGETS = {
    "speedup_vs_lcut": (">=", 1.6),
    "pipeline_peak_mem_mb": ("<=", 2048),
    "book_clean_s": ("<=", 60),
    "book_noop_ratio": ("<=", 0.15),
    "page_max_kb": ("<=", 2048),
}


def verdict(key: str, value) -> str:
    if key not in TARGETS:
        return ""
    op, bound = TARGETS[key]
    ok = value >= bound if op == ">=" else value <= bound
    return f"target {op} {bound}: {'met' if ok else 'MISSED'}"


def _make_book(project: Path) -> tuple[float, list[str]]:
    """(seconds, notebooks executed) of one `make book` in project."""
    start = time.perf_counter()
    proc = subprocess.run(["make", "book"], cwd=project, capture_output=True, text=True)
    wall = time.perf_counter() - start
    if proc.returncode != 0:
        raise RuntimeError(f"make book failed in {project}: {proc.stderr.strip()[-500:]}")
    log = proc.stdout + proc.stderr
    return wall, sorted({Path(m).name for m in EXECUTED.findall(log)})


def _edit_code_cell(notebook: Path) -> None:
    """Append a comment to the last code cell: new code for the execution cache."""
    nb = json.loads(notebook.read_text(encoding="utf-8"))
    cell = [c for c in nb["cells"] if c["cell_type"] == "code"][-1]
    cell["source"] = "".join(cell["source"]) + "\n# bench: touched"
    notebook.write_text(json.dumps(nb, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


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


def book_bench(root: Path, chapter: str = "notebooks/03_capped_profit.ipynb") -> dict:
    """Clean, no-op, one-chapter-edit and data-change builds of a copy of the project."""
    with tempfile.TemporaryDirectory(prefix="saga-book-bench-") as tmp:
        project = Path(tmp) / "saga"
        ignore = shutil.ignore_patterns(".venv", "_build", "processed", ".git", "__pycache__")
        shutil.copytree(root, project, ignore=ignore)
        (project / ".venv").symlink_to(root / ".venv")
        clean_s, clean_run = _make_book(project)
        noop_s, noop_run = _make_book(project)
        _edit_code_cell(project / chapter)
        touch_s, touch_run = _make_book(project)
        events = project / "data" / "annotations" / "events.csv"
        events.write_text(events.read_text(encoding="utf-8") + "\n", encoding="utf-8")
        data_s, data_run = _make_book(project)
        weights = page_weights(project / "_build" / "html")
        readers = sorted(
            nb.name
            for nb in (project / "notebooks").glob("*.ipynb")
            if "annotations"
            in json.loads(nb.read_text(encoding="utf-8"))["metadata"]["saga"]["reads"]
        )
    heaviest = max(weights, key=weights.get)
    return {
        "book_clean_s": round(clean_s, 1),
        "book_clean_notebooks_run": len(clean_run),
        "book_noop_s": round(noop_s, 1),
        "book_noop_ratio": round(noop_s / clean_s, 3),
        "book_noop_notebooks_run": len(noop_run),
        "book_one_chapter_s": round(touch_s, 1),
        "book_one_chapter_run": ", ".join(touch_run) or "none",
        "book_annotations_change_run": ", ".join(data_run) or "none",
        "book_annotations_readers": ", ".join(readers) or "none",
        "page_max_kb": round(weights[heaviest] / 1024),
        "page_max": heaviest,
        "pages_over_2mb": sum(w > 2 * 2**20 for w in weights.values()),
    }


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(prog="python -m saga.bench", description=__doc__)
    parser.add_argument("--copies", type=int, default=1000)
    parser.add_argument("--skip-book", action="store_true", help="only the pipeline")
    parser.add_argument("--out", type=Path, default=Path("_build/bench/bench.json"))
    args = parser.parse_args(argv)
    root = Path.cwd()
    result = pipeline_bench(root, args.copies)
    if not args.skip_book:
        result |= book_bench(root)
    width = max(map(len, result))
    for key, value in result.items():
        print(f"{key:<{width}}  {value!s:<40} {verdict(key, value)}".rstrip())
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
