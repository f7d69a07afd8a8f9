"""Build the book through Jupyter Book's Sphinx entry point with one doctree folder per builder.

`jupyter-book build` keeps one environment for every builder, so an html build and a
singlehtml build invalidate each other ("new config") and every rebuild re-reads every page.
With a folder each, a rebuild reads only what changed: edited pages, pages whose data changed
(Sphinx dependencies) and notebooks whose declared inputs changed (book/_ext/saga_sphinx/build_hooks.py).
"""

from __future__ import annotations

from pathlib import Path

BUILDERS = ("html", "singlehtml")


def build(root: Path, builder: str, force_all: bool = False) -> int:
    """Build one output into _build/<builder>; 0 on success, like sphinx-build (-n -W --keep-going)."""
    from jupyter_book.sphinx import build_sphinx

    if builder not in BUILDERS:
        raise ValueError(f"builder must be one of {BUILDERS}, not {builder!r}")
    out = root / "_build"
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
        raise result
    return int(result)
