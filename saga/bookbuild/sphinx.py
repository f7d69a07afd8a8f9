"""Build the book through Jupyter Book's Sphinx entry point, both builders on one environment.

`jupyter-book build` passes each builder its own settings, so an html build and a singlehtml
build invalidate each other's environment ("new config") and every rebuild re-reads every page.
Here both get the same settings and share one doctree folder (_build/.doctrees): a rebuild reads
only what changed (edited pages, pages whose data changed, notebooks whose declared inputs
changed: book/_ext/saga_sphinx/build_hooks.py), and the single page, built after the site,
reads nothing at all (at 300 sources: 14 s instead of 30 s). What differs between the two
outputs is settled when pages are written, never when they are read. When no file of the
project changed since the last build, neither builder is started at all (make's rule, on the
files Sphinx would look at). On two cores or more the single page is built beside the site: once
the site's build has saved the environment (the extension calls environment_saved), a second
process builds it while the site's pages are written, on the other core (it reads only the
saved environment and doctrees, which writing pages leaves alone); `make`'s singlehtml step
then finds it up to date. The full Sphinx output goes to _build/<builder>.log; the terminal
shows warnings, and a failed notebook as one paragraph (saga.bookbuild.report).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

from ..deps import files_digest
from ..errors import SagaError
from .kernel import use_ipc_kernels
from .report import Tee, failure, summary

BUILDERS = ("html", "singlehtml")
DOCTREES = ".doctrees"  # in _build: the environment and doctrees both builders read
SINGLE_STAMP = ".saga-inputs"  # in _build/singlehtml: what the single page was built from
SITE_STAMP = ".saga-site-inputs"  # in _build: the files the site was built from, and its own
NOT_INPUTS = {"_build", ".git", ".venv", "__pycache__", ".pytest_cache", ".ruff_cache"}
NOTEBOOK_CACHE = Path("_build") / ".jupyter_cache"  # the one input inside _build
SETTINGS = ("SAGA_PUBLIC", "SAGA_ROOT")  # environment variables the build reads
_on_environment_saved: list[Callable[[], None]] = []  # what the running build starts then


def _files_state(folder: Path, root: Path, prune: set[str]) -> bytes:
    """(path, size, modification time) of every file under folder, in a fixed order, skipping
    files and folders named in prune: what Sphinx and make compare too, reading no file."""
    lines = []
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = sorted(d for d in dirnames if d not in prune)
        for name in sorted(set(filenames) - prune):
            path = Path(dirpath, name)
            stat = path.stat()
            lines.append(f"{path.relative_to(root).as_posix()}\0{stat.st_size}\0{stat.st_mtime_ns}")
    return "\n".join(lines).encode()


def site_inputs(root: Path) -> str:
    """Every file of the project but the build's outputs and the git and virtualenv folders
    (the notebooks in the notebook cache included), and the settings the build reads from
    the environment, as one hash. Sphinx decides what to read and write from the same
    modification times, but only after 4 s of start-up: if none changed, it need not start."""
    digest = hashlib.sha256(_files_state(root, root, NOT_INPUTS))
    # the cache's notebooks, not its database, whose access times every build rewrites
    digest.update(_files_state(root / NOTEBOOK_CACHE, root, {"global.db"}))
    digest.update(repr([os.environ.get(name) for name in SETTINGS]).encode())
    return digest.hexdigest()


def site_outputs(root: Path) -> str:
    """The html output's files as one hash: a page deleted or changed by hand is rebuilt."""
    return hashlib.sha256(_files_state(root / "_build" / "html", root, set())).hexdigest()


def _stamp(root: Path, builder: str) -> tuple[Path, str]:
    """Where a builder records what it was built from, and what that is now ("" when it
    cannot be known: the data are read from another project, $SAGA_ROOT)."""
    if builder == "singlehtml":
        return root / "_build" / "singlehtml" / SINGLE_STAMP, single_page_inputs(root)
    data = os.environ.get("SAGA_ROOT")
    elsewhere = bool(data) and Path(data).resolve() != root.resolve()
    return root / "_build" / SITE_STAMP, "" if elsewhere else site_inputs(root)


def _with_outputs(root: Path, builder: str, inputs: str) -> str:
    return f"{inputs}\n{site_outputs(root)}" if builder == "html" else inputs


def single_page_inputs(root: Path) -> str:
    """What the single page is made of, as one hash: the environment (rewritten by Sphinx
    whenever any page, notebook output, datum or setting changed), the book's
    configuration and the extension's code. Sphinx's singlehtml builder rewrites the whole page
    on every run, even when nothing changed; this lets `make book` skip that."""
    files = [
        root / "_build" / DOCTREES / "environment.pickle",
        root / "_config.yml",
        root / "_toc.yml",
        *sorted((root / "book" / "_ext").rglob("*.*")),
    ]
    return files_digest(
        (path.relative_to(root).as_posix(), path)
        for path in files
        if "__pycache__" not in path.parts
    )


def environment_saved() -> None:
    """Sphinx has pickled the environment and is about to write pages (the book's extension
    calls this on env-check-consistency): start what waits for that."""
    for start in _on_environment_saved:
        start()


@contextlib.contextmanager
def single_page_alongside(root: Path) -> Iterator[None]:
    """While the site builds, once its environment is saved, build the single page in a second
    process (`saga book-build singlehtml`), waited for before the site's build returns and
    killed if it fails. Its output is its log; if it fails, make's singlehtml step finds no
    stamp, builds it again and says why. On one core, nothing: the steps run one after the
    other."""
    started: list[subprocess.Popen] = []

    def start() -> None:
        if not started and (os.cpu_count() or 1) > 1:
            command = [sys.executable, "-m", "saga", "--root", str(root)]
            started.append(
                subprocess.Popen(
                    [*command, "book-build", "singlehtml"],
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                )
            )

    _on_environment_saved.append(start)
    try:
        yield
    except BaseException:
        for child in started:
            child.kill()
        raise
    finally:
        _on_environment_saved.remove(start)
        for child in started:
            child.wait()


def up_to_date(root: Path, builder: str) -> bool:
    """Whether _build/<builder> was built, and stamped, from exactly what it is made of now
    (never when the data are read from another project, which the stamp cannot see)."""
    return _stamped(root, builder, *_stamp(root, builder))


def _stamped(root: Path, builder: str, stamp: Path, inputs: str) -> bool:
    if not inputs or not (root / "_build" / builder / "index.html").is_file():
        return False
    return stamp.is_file() and stamp.read_text(encoding="utf-8") == _with_outputs(
        root, builder, inputs
    )


def build(root: Path, builder: str, force_all: bool = False) -> int:
    """Build one output into _build/<builder>; 0 on success, like sphinx-build (-n -W --keep-going).
    A notebook that fails raises SagaError with a one-paragraph account of it."""
    if builder not in BUILDERS:
        raise ValueError(f"builder must be one of {BUILDERS}, not {builder!r}")
    out = root / "_build"
    out.mkdir(parents=True, exist_ok=True)
    stamp, inputs = _stamp(root, builder)
    if not force_all and _stamped(root, builder, stamp, inputs):
        return 0
    stamp.unlink(missing_ok=True)  # an interrupted build must not look up to date
    from jupyter_book.sphinx import build_sphinx  # 1 s of imports, for a build that runs
    from sphinx.util.console import nocolor

    nocolor()  # the log is a file, not a terminal
    use_ipc_kernels(str(out / "kernels.log"))
    log_path = out / f"{builder}.log"
    alongside = single_page_alongside(root) if builder == "html" else contextlib.nullcontext()
    with alongside, log_path.open("w", encoding="utf-8") as log:
        status, warnings = Tee(log, None), Tee(log, sys.stderr)
        with contextlib.redirect_stdout(status), contextlib.redirect_stderr(warnings):
            result = build_sphinx(
                str(root),
                str(out / builder),
                use_external_toc=True,
                noconfig=True,
                path_config=str(root / "_config.yml"),
                confoverrides={
                    "external_toc_path": str(root / "_toc.yml"),
                    "nitpicky": True,
                    "latex_individualpages": False,  # jupyter-book's config step expects this CLI key
                },
                doctreedir=str(out / DOCTREES),
                builder=builder,
                force_all=force_all,
                warningiserror=True,
                keep_going=True,
            )
    if isinstance(result, Exception):
        if failed := failure(result, root):
            raise SagaError(summary(failed, root, log_path.relative_to(root)))
        raise SagaError(
            f"the {builder} build stopped: {type(result).__name__}: {result}; "
            f"the full log is {log_path.relative_to(root)}"
        )
    if inputs and int(result) == 0:
        stamp.write_text(_with_outputs(root, builder, inputs), encoding="utf-8")
    return int(result)
