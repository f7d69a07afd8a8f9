"""Sphinx extension for the saga book (one module per role or directive): paragraph provenance,
glossary, citation boxes.

- ``{source-texts}``: every cleaned paragraph of every source, in original script beside this
  book's English translation, each with its paragraph_id as HTML anchor and a visible label
  "S2 ¶12"; the related-article teasers are listed separately and marked as not article text.
  Source text becomes docutils Text nodes only (never raw HTML / never re-parsed as markup),
  so it always shows literally, without control characters.
- public edition (``SAGA_PUBLIC=1``): the source appendix keeps only cited paragraphs.
- search in both scripts (traditional text indexed in simplified too, queries converted in
  the browser) with section titles escaped in searchindex.js.
- ``{para}`<paragraph_id>```: a citation "[S2 ¶5]" linking to that paragraph; resolved by the
  std domain per builder (html and singlehtml); an unknown ID is a build warning.
- ``{name-glossary}``: the glossary of names from data/lexicon/entities.csv + mentions.
- ``{cite-chapter}``: "Cite this chapter" box from CITATION.cff + chapter title + path.
- ``{data-dictionary}``, ``{package-versions}``: appendix tables; the data dictionary comes
  from the table registry (saga.corpus.registry), and every table is written as CSV with a
  datapackage.json into the html output's data/ folder.
- ``{stale-premise}``, ``{stale-premises}``: notes where a premise of the prose no longer holds
  for the current corpus, and their list in the execution appendix (premises.py).
- singlehtml: the single page is written as index.html with same-page anchors.

Data come from the project root (``$SAGA_ROOT`` or the book's folder), as in the notebooks.
"""

from __future__ import annotations

from pathlib import Path

from . import bench, premises, public_edition, search, source_texts
from .build_hooks import (
    config_inited,
    dedupe_scripts,
    environment_saved,
    linear_page_description,
    outdated_notebooks,
    remember_pybtex_plugins,
    rewrite_on_new_navigation,
)
from .citations import para_role, resolve_para, teaser_role
from .cite_box import CiteChapter, cite_chapter_placeholder, fill_cite_boxes
from .corpus import SourcesAtAGlance, corpus_role
from .data_dictionary import DataDictionary, PackageVersions, resolve_downloads, write_downloads
from .glossary import NameGlossary
from .singlehtml import SagaSingleHTML
from .webfont import write_cjk_webfont

STATIC = Path(__file__).resolve().parent / "static"


def add_static(app, config):
    """Ship the extension's own CSS and JS (static/) with every html build."""
    config.html_static_path = [*config.html_static_path, str(STATIC)]


def setup(app):
    app.add_builder(SagaSingleHTML, override=True)
    app.add_role("para", para_role)
    app.add_role("corpus", corpus_role)
    app.add_role("teaser", teaser_role)
    app.add_directive("sources-at-a-glance", SourcesAtAGlance)
    source_texts.setup(app)
    app.add_directive("name-glossary", NameGlossary)
    app.add_directive("cite-chapter", CiteChapter)
    app.add_directive("data-dictionary", DataDictionary)
    app.add_directive("package-versions", PackageVersions)
    app.add_node(cite_chapter_placeholder)
    bench.setup(app)
    premises.setup(app)
    public_edition.setup(app)
    app.add_css_file("saga-reader.css")
    search.setup(app)
    app.connect("config-inited", add_static)
    app.connect("build-finished", write_downloads)
    app.connect("doctree-resolved", resolve_downloads)
    app.connect("config-inited", config_inited)
    app.connect("builder-inited", linear_page_description)
    app.connect("builder-inited", remember_pybtex_plugins)
    app.connect("doctree-read", fill_cite_boxes)
    app.connect("missing-reference", resolve_para)
    app.connect("env-get-outdated", outdated_notebooks)
    app.connect("env-updated", rewrite_on_new_navigation)
    app.connect("env-check-consistency", environment_saved)
    app.connect("build-finished", write_cjk_webfont)
    app.connect("html-page-context", dedupe_scripts, priority=990)  # after the themes
    return {
        "version": "0.1",
        "parallel_read_safe": True,
        "parallel_write_safe": True,
        "env_version": 3,  # bump when a directive's output changes for the same inputs
    }
