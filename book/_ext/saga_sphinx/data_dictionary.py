"""{data-dictionary} and {package-versions}: the appendix tables of processed tables and
hand-made records (from the table registry: columns, types, meanings, each downloadable as CSV
with a datapackage.json beside them) and of the pinned packages."""

from __future__ import annotations

import importlib.metadata as md
import sys
from pathlib import Path

from docutils import nodes
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective
from sphinx.util.osutil import relative_uri

import saga.corpus.registry as processed_registry
import saga.records.registry as records_registry
from saga.corpus.durable import project_lock
from saga.corpus.registry import PROCESSED
from saga.paths import processed_dir
from saga.present.datapackage import DESCRIPTOR, publish, refresh_package
from saga.records.registry import RECORDS

from .data import data_root
from .tables import simple_table

logger = logging.getLogger(__name__)

DOWNLOADS = "data"  # folder of the html output holding the CSVs and datapackage.json
MADE_DOWNLOADS = "saga-downloads"  # beside the doctrees: the package both builders link to


DOWNLOAD = "saga_download"  # attribute of a download link: the file it points at


def download(filename: str, text: str) -> nodes.paragraph:
    """A link to a file of the downloads folder, made relative to its page only when the page
    is written (resolve_downloads): the html and single-page builds share one read doctree."""
    ref = nodes.reference("", text, refuri=f"{DOWNLOADS}/{filename}", classes=["saga-csv"])
    ref[DOWNLOAD] = filename
    return nodes.paragraph("", "", ref)


def resolve_downloads(app, doctree, docname: str) -> None:
    """Point the download links of a page being written at the downloads folder, relative to
    that page (a page of the site, or the single page's index.html)."""
    builder = app.builder
    page = "index.html" if builder.name == "singlehtml" else builder.get_target_uri(docname)
    for ref in doctree.findall(nodes.reference):
        if DOWNLOAD in ref:
            ref["refuri"] = relative_uri(page, f"{DOWNLOADS}/{ref[DOWNLOAD]}")


class DataDictionary(SphinxDirective):
    """Every registered table built or present in this project: what a row is, its columns
    (type as built, meaning from the registry) and a CSV download."""

    def run(self):
        import pandas as pd

        root = data_root(self.env)
        folder = processed_dir(root)
        built = [n for n in PROCESSED if (folder / f"{n}.parquet").is_file()]
        for registry in (processed_registry, records_registry):  # a table or record added
            self.env.note_dependency(registry.__file__)
        if not built:
            logger.warning(
                "data-dictionary: no tables in data/processed; run `make data`",
                location=self.get_location(),
            )
            return []
        out = [
            download(
                DESCRIPTOR,
                f"{DESCRIPTOR}: a Frictionless Data Package descriptor of every CSV below",
            )
        ]
        for name in built:
            path = folder / f"{name}.parquet"
            self.env.note_dependency(str(path))
            df, table = pd.read_parquet(path), PROCESSED[name]
            rows = [
                [c, str(df[c].dtype), table.columns.get(c, table.per_theme)] for c in df.columns
            ]
            out.append(self._section(name, f"data/processed/{name}.parquet", len(df), table, rows))
        for name, table in RECORDS.items():
            path = root / table.path
            if not path.exists():
                continue
            for file in [path] if path.is_file() else sorted(path.glob("*.csv")):
                self.env.note_dependency(str(file))
            rows = [[c, "string", meaning] for c, meaning in table.columns.items()]
            out.append(self._section(name, table.path, None, table, rows))
        return out

    def _section(self, name, path, n_rows, table, rows) -> nodes.section:
        sec = nodes.section(ids=[f"table-{name.replace('_', '-')}"])
        sec += nodes.title("", name)
        count = "" if n_rows is None else f" — {n_rows} rows"
        kind = "" if n_rows is not None else " (hand-made record)"
        sec += nodes.paragraph(
            "", "", nodes.literal("", path), nodes.Text(f"{count}{kind}. {table.description}")
        )
        sec += simple_table(["Column", "Type", "Meaning"], rows, classes=["saga-datadict"])
        sec += download(f"{name}.csv", f"Download {name}.csv")
        return sec


def write_downloads(app, exception) -> None:
    """Every table as CSV and datapackage.json in the output's data/ folder: written beside the
    doctrees only when the data changed, once for both builders, and linked into each output."""
    if exception is not None or app.builder.format != "html":
        return
    made = Path(app.doctreedir) / MADE_DOWNLOADS
    made.mkdir(parents=True, exist_ok=True)
    with project_lock(made):  # the site and the single page, built side by side, may both ask
        refresh_package(data_root(app.env), made, app.config.project)
        publish(made, Path(app.outdir) / DOWNLOADS)


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
