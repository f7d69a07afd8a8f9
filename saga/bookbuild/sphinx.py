"""Build the book through Jupyter Book's Sphinx entry point with one doctree folder per builder.

`jupyter-book build` keeps one environment for every builder, so an html build and a
singlehtml build invalidate each other ("new config") and every rebuild re-reads every page.
With a folder each, a rebuild reads only what changed: edited pages, pages whose data changed
(Sphinx dependencies) and notebooks whose declared inputs changed (book/_ext/saga_sphinx/build_hooks.py).
The full Sphinx output goes to _build/<builder>.log; the terminal shows warnings, and a failed
notebook as one paragraph (saga.bookbuild.report).
"""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path

from ..errors import SagaError
from .kernel import use_ipc_kernels
from .report import Tee, failure, summary

BUILDERS = ("html", "singlehtml")


def build(root: Path, builder: str, force_all: bool = False) -> int:
    """Build one output into _build/<builder>; 0 on success, like sphinx-build (-n -W --keep-going).
    A notebook that fails raises SagaError with a one-paragraph account of it."""
    from jupyter_book.sphinx import build_sphinx
    from sphinx.util.console import nocolor

    if builder not in BUILDERS:
        raise ValueError(f"builder must be one of {BUILDERS}, not {builder!r}")
    nocolor()  # the log is a file, not a terminal
    out = root / "_build"
    out.mkdir(parents=True, exist_ok=True)
    use_ipc_kernels(str(out / "kernels.log"))
    log_path = out / f"{builder}.log"
    with log_path.open("w", encoding="utf-8") as log:
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
                doctreedir=str(out / f".doctrees-{builder}"),
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
    return int(result)
