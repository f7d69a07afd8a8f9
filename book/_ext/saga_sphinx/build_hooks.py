"""Build hooks: the zh search dictionary path, one copy of each script per page, notebooks
re-read when their declared inputs change, every page rewritten when the navigation changes,
the theme's page description in linear time, and pybtex's plugins looked up once per build."""

from __future__ import annotations

import functools
import hashlib
import logging as pylogging
from pathlib import Path

from docutils import nodes
from sphinx.util import logging

logger = logging.getLogger(__name__)
DESCRIPTION = 160  # characters of a page's description (sphinx-book-theme's cut)


def config_inited(app, config):
    # Sphinx's zh search loads the user dictionary relative to the current directory:
    # resolve it against the book root so the build works from any folder.
    opts = dict(config.html_search_options or {})
    if opts.get("dict"):
        p = Path(opts["dict"])
        if not p.is_absolute():
            opts["dict"] = str((Path(app.confdir) / p).resolve())
        config.html_search_options = opts
    try:  # keep jieba's log lines out of the build output
        import jieba

        jieba.setLogLevel(pylogging.WARNING)
    except ImportError:  # pragma: no cover - zh search then indexes no Chinese
        logger.warning("jieba is not importable: Chinese search will not index Chinese words")


def dedupe_scripts(app, pagename, templatename, context, doctree):
    """sphinx-thebe registers its inline config script twice under Jupyter Book, which makes
    the browser report "Identifier 'THEBE_JS_URL' has already been declared": keep one."""
    files = context.get("script_files")
    if not files:
        return
    if app.builder.name == "singlehtml" and doctree is not None:
        # Jupyter Book forces MathJax (from a CDN) onto the single page; drop it when the book
        # has no math, so the page works offline without console errors.
        has_math = any(True for _ in doctree.findall(lambda n: n.tagname in ("math", "math_block")))
        if not has_math:
            files[:] = [
                js for js in files if "mathjax" not in (getattr(js, "filename", "") or "").lower()
            ]
    seen, unique = set(), []
    for js in files:
        key = (
            getattr(js, "filename", str(js)) or "",  # None and "" both mean inline
            tuple(sorted((getattr(js, "attributes", None) or {}).items())),
        )
        if key not in seen:
            seen.add(key)
            unique.append(js)
    files[:] = unique


def outdated_notebooks(app, env, added, changed, removed):
    """Notebooks whose declared inputs changed since this environment last read them: Sphinx
    sees only the .ipynb file's mtime, so without this a data change would not re-read
    (and, with the cache record dropped by `saga book-prepare`, re-execute) a notebook."""
    from saga.bookbuild.cache import notebook_fingerprint

    root = Path(app.confdir)
    prints = {
        doc: notebook_fingerprint(root / f"{doc}.ipynb", root)
        for doc in env.found_docs
        if (root / f"{doc}.ipynb").is_file()
    }
    old = getattr(env, "saga_notebook_prints", {})
    env.saga_notebook_prints = prints
    return [doc for doc, fp in prints.items() if old.get(doc) != fp and doc not in added]


def rewrite_on_new_navigation(app, env) -> list[str]:
    """Every page, once the navigation that every page shows in its sidebar has changed (a
    page added, removed or retitled): Sphinx writes only the pages it read again, so the
    others would keep the old navigation."""
    titles = sorted((doc, env.titles[doc].astext()) for doc in env.found_docs if doc in env.titles)
    tree = sorted((doc, tuple(children)) for doc, children in env.toctree_includes.items())
    navigation = hashlib.sha256(repr((titles, tree)).encode()).hexdigest()
    before, env.saga_navigation = getattr(env, "saga_navigation", None), navigation
    return [] if before in (None, navigation) else sorted(env.found_docs)


def linear_page_description(app) -> None:
    """sphinx-book-theme builds each page's 160-character description by concatenating the
    text of every section, nested ones again, before cutting it: quadratic in the page (14 s
    for the single page of a 300-source book). Same description, stopping once it is long
    enough: the theme's html-page-context handler is swapped for one that does this."""
    import sphinx_book_theme as theme

    original = theme.add_metadata_to_page

    def add_metadata(app, pagename, templatename, context, doctree):
        original(app, pagename, templatename, context, None)  # all but the description
        if doctree is not None:
            parts, length = [], 0
            for section in doctree.findall(nodes.section):
                if length >= DESCRIPTION:
                    break
                parts.append(section.astext().replace("\n", " "))
                length += len(parts[-1])
            context["page_description"] = "".join(parts)[:DESCRIPTION]

    listeners = app.events.listeners.get("html-page-context", [])
    for i, listener in enumerate(listeners):
        if listener.handler is original:
            listeners[i] = listener._replace(handler=add_metadata)


def remember_pybtex_plugins(app) -> None:
    """sphinxcontrib-bibtex asks pybtex for the plaintext backend and the style on every
    citation it resolves, and pybtex searches every installed package's entry points each
    time (14 ms a call, 2.3 s of each builder's run of this book). Which class a plugin name
    loads cannot change during a build: each answer is looked up once."""
    import pybtex.plugin

    if not hasattr(pybtex.plugin.find_plugin, "cache_info"):
        pybtex.plugin.find_plugin = functools.lru_cache(maxsize=None)(pybtex.plugin.find_plugin)


def environment_saved(app, env) -> None:
    """Sphinx has pickled the environment and goes on to write pages: `saga book-build html`
    starts the single page beside the site now (saga.bookbuild.sphinx)."""
    from saga.bookbuild.sphinx import environment_saved as started

    started()
