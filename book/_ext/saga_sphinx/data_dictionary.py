"""{data-dictionary} and {package-versions}: the appendix tables of processed tables (columns,
types, meanings) and of the pinned packages."""

from __future__ import annotations

import importlib.metadata as md
import sys

from docutils import nodes
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from saga.paths import processed_dir

from .data import data_root
from .tables import simple_table

logger = logging.getLogger(__name__)


TABLE_DOCS = {
    "sources": "The manifest (data/sources.csv) plus label (S1…S5, manifest order) and witness.",
    "paragraphs": "Cleaned paragraphs in original script, with OpenCC-simplified text.",
    "related": "Dated related-article teasers from the captured pages (not article text).",
    "links": "Markdown links found in paragraphs.",
    "cleaning_report": "Lines removed by cleaning, with line number and reason.",
}


COLUMN_DOCS = {
    "paragraph_id": "“<source_id>-<n>”; the anchor of the paragraph in Source texts",
    "source_id": "source identifier (= BibTeX key)",
    "label": "short source label S1…S5 (manifest row order)",
    "n": "1-based position",
    "kind": "title | heading | body",
    "text": "original script",
    "text_simplified": "OpenCC t2s of text (same length)",
    "witness": "original bib key when a translation, else source_id",
    "line": "1-based line in the raw file",
    "reason": "why the line was removed",
    "url": "link target",
    "date": "ISO date",
}


class DataDictionary(SphinxDirective):
    def run(self):
        import pandas as pd

        folder = processed_dir(data_root(self.env))
        files = sorted(folder.glob("*.parquet")) if folder.is_dir() else []
        if not files:
            logger.warning(
                "data-dictionary: no tables in data/processed; run `make data`",
                location=self.get_location(),
            )
            return []
        out = []
        for f in files:
            self.env.note_dependency(str(f))
            df = pd.read_parquet(f)
            name = f.stem
            sec = nodes.section(ids=[f"table-{name.replace('_', '-')}"])
            sec += nodes.title("", name)
            desc = TABLE_DOCS.get(name, "Written by the analysis; see docs/ARCHITECTURE.md.")
            sec += nodes.paragraph(
                "",
                "",
                nodes.literal("", f"data/processed/{name}.parquet"),
                nodes.Text(f" — {len(df)} rows. {desc}"),
            )
            rows = [[c, str(df[c].dtype), COLUMN_DOCS.get(c, "")] for c in df.columns]
            sec += simple_table(["Column", "Type", "Meaning"], rows, classes=["saga-datadict"])
            out.append(sec)
        return out


PACKAGES = [
    "jupyter-book",
    "myst-nb",
    "myst-parser",
    "sphinx",
    "sphinxcontrib-bibtex",
    "jupyter-cache",
    "nbclient",
    "ipykernel",
    "pandas",
    "pyarrow",
    "numpy",
    "matplotlib",
    "mplfonts",
    "networkx",
    "scikit-learn",
    "jieba",
    "opencc",
    "cn2an",
]


class PackageVersions(SphinxDirective):
    def run(self):
        rows = [["Python", ".".join(str(x) for x in sys.version_info[:3])]]
        for p in PACKAGES:
            try:
                rows.append([p, md.version(p)])
            except md.PackageNotFoundError:
                rows.append([p, "not installed"])
        return [simple_table(["Package", "Version"], rows, classes=["saga-versions"])]
