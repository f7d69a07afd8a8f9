"""The extension's build hooks and caches give what Sphinx, the theme and pybtex would give,
with less work: the page description in linear time, plugins and teaser labels looked up once."""

from __future__ import annotations

import types
from collections import namedtuple

import sphinx_book_theme as theme
from docutils import nodes
from docutils.frontend import get_default_settings
from docutils.parsers.rst import Parser
from docutils.utils import new_document
from saga_sphinx.build_hooks import linear_page_description

Listener = namedtuple("Listener", "id handler priority")


def _doctree(text: str) -> nodes.document:
    doc = new_document("<test>", get_default_settings(Parser))
    Parser().parse(text, doc)
    return doc


def _app(handler) -> types.SimpleNamespace:
    return types.SimpleNamespace(
        events=types.SimpleNamespace(listeners={"html-page-context": [Listener(0, handler, 500)]}),
        env=types.SimpleNamespace(titles={"index": nodes.title(text="Book")}),
        config=types.SimpleNamespace(author="saga", html_theme_options={}),
        builder=types.SimpleNamespace(theme_options={}),
    )


def test_the_swapped_handler_gives_the_themes_description(monkeypatch):
    text = "Title\n=====\n\n" + "马斯克与奥特曼。" * 30 + "\n\nPart\n----\n\nNested text here.\n"
    app = _app(theme.add_metadata_to_page)
    linear_page_description(app)
    ours = app.events.listeners["html-page-context"][0].handler
    assert ours is not theme.add_metadata_to_page
    theirs_ctx, ours_ctx = {"root_doc": "index"}, {"root_doc": "index"}
    monkeypatch.setattr(theme, "get_theme_options_dict", lambda app: {})
    theme.add_metadata_to_page(app, "index", "page.html", theirs_ctx, _doctree(text))
    ours(app, "index", "page.html", ours_ctx, _doctree(text))
    assert ours_ctx["page_description"] == theirs_ctx["page_description"]
    assert len(ours_ctx["page_description"]) == 160


def test_each_pybtex_plugin_is_looked_up_in_the_entry_points_once(monkeypatch):
    """The plugin lookup that sphinxcontrib-bibtex repeats for every citation is remembered:
    the same class each time, the installed packages searched once per name."""
    import pybtex.plugin
    from saga_sphinx.build_hooks import remember_pybtex_plugins

    monkeypatch.setattr(pybtex.plugin, "find_plugin", pybtex.plugin.find_plugin)
    searched = []
    real = pybtex.plugin.entry_points

    def counting(**kwargs):
        searched.append(kwargs["name"])
        return real(**kwargs)

    monkeypatch.setattr(pybtex.plugin, "entry_points", counting)
    remember_pybtex_plugins(None)
    remember_pybtex_plugins(None)  # a second builder in the same process wraps nothing again
    first = pybtex.plugin.find_plugin("pybtex.backends", "plaintext")
    again = pybtex.plugin.find_plugin("pybtex.backends", "plaintext")
    style = pybtex.plugin.find_plugin("pybtex.style.formatting", "plain")
    assert first is again and first.__name__ == "Backend" and style.__name__ == "Style"
    assert searched == ["plaintext", "plain"]


def _counting_project(tmp_path, monkeypatch):
    """(data/processed, a stand-in Sphinx environment on tmp_path, the dependencies it is told
    of, the tables saga.corpus.store reads for it)."""
    from saga_sphinx import data

    processed = tmp_path / "data" / "processed"
    processed.mkdir(parents=True)
    (tmp_path / "data" / "sources.csv").write_text("source_id\n", encoding="utf-8")
    monkeypatch.delenv("SAGA_ROOT", raising=False)
    depends, reads = [], []
    env = types.SimpleNamespace(app=types.SimpleNamespace(confdir=str(tmp_path)))
    env.note_dependency = depends.append
    real = data.read_processed
    monkeypatch.setattr(
        data, "read_processed", lambda name, root: reads.append(name) or real(name, root)
    )
    return processed, env, depends, reads


def test_the_teaser_index_is_read_once_per_build_and_again_when_its_tables_change(
    tmp_path, monkeypatch
):
    """Every {teaser} citation asks for the index: the tables are read for the first and
    after they change, and the documents citing teasers still depend on both tables."""
    import os

    import pandas as pd
    from saga_sphinx import data

    processed, env, depends, reads = _counting_project(tmp_path, monkeypatch)
    pd.DataFrame({"source_id": ["a"], "label": ["S1"]}).to_parquet(processed / "sources.parquet")
    related = processed / "related.parquet"
    teasers = {"teaser_id": ["a-t1"], "source_id": ["a"], "n": [1], "date": ["2024-03-10"]}
    pd.DataFrame(teasers).to_parquet(related)
    assert data.teaser_index(env) == {"a-t1": ("S1", 1, "2024-03-10")}
    assert data.teaser_index(env) == {"a-t1": ("S1", 1, "2024-03-10")}
    assert sorted(reads) == ["related", "sources"]
    pd.DataFrame({**teasers, "date": ["2024-03-11"]}).to_parquet(related)
    os.utime(related, ns=(1, 1))  # a different modification time, whatever the clock
    assert data.teaser_index(env)["a-t1"][2] == "2024-03-11"
    assert sorted(reads) == ["related", "related", "sources"]  # sources.parquet is unchanged
    assert {os.path.basename(p) for p in depends} == {"related.parquet", "sources.parquet"}


def test_a_table_is_read_and_made_plain_once_per_build_and_again_when_its_file_changes(
    tmp_path, monkeypatch
):
    """Every appendix page and {corpus} role asks for whole tables: reading them each time cost
    the square of the corpus. Each caller still gets a frame of its own and the dependency."""
    import os

    import pandas as pd
    from saga_sphinx import data

    processed, env, depends, reads = _counting_project(tmp_path, monkeypatch)
    path = processed / "paragraphs.parquet"
    pd.DataFrame({"paragraph_id": ["a-1"], "text": ["BEL\x07 ESC\x1b end"]}).to_parquet(path)
    first = data.read_table(env, "paragraphs")
    assert first["text"].tolist() == ["BEL ESC end"]  # control characters never reach a page
    first["mine"] = 1  # a caller's own column is not the next caller's
    second = data.read_table(env, "paragraphs", docname_dep=False)
    assert "mine" not in second.columns and second["text"].tolist() == ["BEL ESC end"]
    assert reads == ["paragraphs"] and len(depends) == 1
    pd.DataFrame({"paragraph_id": ["a-1"], "text": ["new"]}).to_parquet(path)
    os.utime(path, ns=(1, 1))  # a different modification time, whatever the clock
    assert data.read_table(env, "paragraphs")["text"].tolist() == ["new"]
    assert reads == ["paragraphs", "paragraphs"]
    assert data.read_table(env, "missing") is None
