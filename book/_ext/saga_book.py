"""Sphinx extension for the saga book: paragraph provenance, glossary, citation boxes.

- ``{source-texts}``: every cleaned paragraph of every source, in original script, each with
  its paragraph_id as HTML anchor and a visible label "S2 ¶12"; the related-article teasers are
  listed separately and marked as not article text. Source text becomes docutils Text nodes
  only (never raw HTML / never re-parsed as markup), so it always shows literally.
- ``{para}`<paragraph_id>```: a citation "[S2 ¶5]" linking to that paragraph; resolved by the
  std domain per builder (html and singlehtml); an unknown ID is a build warning.
- ``{name-glossary}``: the glossary of names from data/lexicon/entities.csv + mentions.
- ``{cite-chapter}``: "Cite this chapter" box from CITATION.cff + chapter title + path.
- ``{data-dictionary}``, ``{package-versions}``: appendix tables.
- singlehtml: the single page is written as index.html with same-page anchors.

Data come from the project root (``$SAGA_ROOT`` or the book's folder), as in the notebooks.
"""

from __future__ import annotations

import csv
import importlib.metadata as md
import json
import logging as pylogging
import os
import re
import sys
from pathlib import Path

import yaml
from docutils import nodes
from sphinx.addnodes import pending_xref
from sphinx.builders.singlehtml import SingleFileHTMLBuilder
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective
from sphinx.util.nodes import make_refnode

logger = logging.getLogger(__name__)

LABEL_PREFIX = ""  # std-domain label = paragraph_id itself (unique: "<source_id>-<n>")


# ---------------------------------------------------------------- data access


def data_root(env) -> Path:
    if os.environ.get("SAGA_ROOT"):
        return Path(os.environ["SAGA_ROOT"]).resolve()
    return Path(env.app.confdir).resolve()


def _processed(env, name: str) -> Path:
    return data_root(env) / "data" / "processed" / f"{name}.parquet"


def read_table(env, name: str, docname_dep: bool = True):
    """A processed table as a pandas frame, or None when it is not built yet."""
    import pandas as pd

    path = _processed(env, name)
    if docname_dep:
        env.note_dependency(str(path))
    if not path.is_file():
        return None
    return pd.read_parquet(path)


def paragraph_index(env) -> dict[str, tuple[str, int]]:
    """paragraph_id -> (label, n), cached per build on the environment (by file mtime)."""
    path = _processed(env, "paragraphs")
    stamp = path.stat().st_mtime_ns if path.is_file() else None
    cached = getattr(env, "_saga_para_index", None)
    if cached and cached[0] == (str(path), stamp):
        return cached[1]
    index: dict[str, tuple[str, int]] = {}
    if stamp is not None:
        import pandas as pd

        df = pd.read_parquet(path, columns=["paragraph_id", "label", "n"])
        index = {
            str(p): (str(lab), int(n))
            for p, lab, n in zip(df["paragraph_id"], df["label"], df["n"], strict=True)
        }
    env._saga_para_index = ((str(path), stamp), index)
    return index


def short_label(label: str, n: int) -> str:
    return f"{label} ¶{n}"


def teaser_label(label: str, n: int) -> str:
    return f"{label} teaser {n}"


def teaser_index(env) -> dict[str, tuple[str, int, str]]:
    """teaser_id -> (label, n, date) from the related table (page chrome, cited apart)."""
    related, sources = read_table(env, "related"), read_table(env, "sources")
    if related is None or sources is None:
        return {}
    labels = dict(zip(sources["source_id"], sources["label"], strict=True))
    return {
        str(t): (str(labels[s]), int(n), str(d))
        for t, s, n, d in zip(
            related["teaser_id"], related["source_id"], related["n"], related["date"], strict=True
        )
    }


# ---------------------------------------------------------------- {para} role


def para_role(name, rawtext, text, lineno, inliner, options=None, content=None):
    env = inliner.document.settings.env
    pid = text.strip()
    index = paragraph_index(env)
    if pid not in index:
        msg = f"unknown paragraph id {pid!r} in {{para}} role (not in data/processed/paragraphs)"
        logger.warning(msg, location=(env.docname, lineno), type="saga", subtype="para")
        node = nodes.inline(rawtext, f"[unknown paragraph {pid}]", classes=["saga-para-missing"])
        return [node], []
    label, n = index[pid]
    return [_citation(env, rawtext, LABEL_PREFIX + pid, f"[{short_label(label, n)}]")], []


def teaser_role(name, rawtext, text, lineno, inliner, options=None, content=None):
    """{teaser}`<source_id>-t<n>`: "[S2 teaser 7, 2024-03-06]", linking to the related-article
    teaser in the source appendix (teasers are page chrome, so they are cited apart)."""
    env = inliner.document.settings.env
    tid = text.strip()
    index = teaser_index(env)
    if tid not in index:
        msg = f"unknown teaser id {tid!r} in {{teaser}} role (not in data/processed/related)"
        logger.warning(msg, location=(env.docname, lineno), type="saga", subtype="para")
        return [nodes.inline(rawtext, f"[unknown teaser {tid}]", classes=["saga-para-missing"])], []
    label, n, date = index[tid]
    return [_citation(env, rawtext, tid, f"[{teaser_label(label, n)}, {date}]")], []


def _citation(env, rawtext: str, target: str, text: str) -> pending_xref:
    """A citation link to an anchor of the source appendix, resolved per builder by
    resolve_para (html and singlehtml differ), shown as text."""
    ref = pending_xref(
        rawtext,
        refdomain="",
        reftype="saga-para",
        reftarget=target,
        refexplicit=True,
        refwarn=True,
        refdoc=env.docname,
    )
    ref += nodes.inline(rawtext, text, classes=["saga-para-cite"])
    return ref


def resolve_para(app, env, node, contnode):
    """Resolve {para} references to the paragraph's anchor (per builder: html and singlehtml)."""
    if node.get("reftype") != "saga-para":
        return None
    target = env.get_domain("std").labels.get(node["reftarget"])
    if target is None:
        return None  # Sphinx then warns: 'saga-para' reference target not found
    docname, labelid, title = target
    return make_refnode(app.builder, node["refdoc"], docname, labelid, contnode, title)


# ---------------------------------------------------------------- {source-texts}


class SourceTexts(SphinxDirective):
    """All cleaned paragraphs, one section per source, with anchors and labels."""

    has_content = False

    def run(self):
        env = self.env
        sources = read_table(env, "sources")
        paragraphs = read_table(env, "paragraphs")
        related = read_table(env, "related")
        if sources is None or paragraphs is None:
            logger.warning(
                "source-texts: data/processed/{sources,paragraphs}.parquet missing; "
                "run `make data` first",
                location=self.get_location(),
            )
            return []
        std = env.get_domain("std")
        out: list[nodes.Node] = []
        for src in sources.itertuples(index=False):
            sid, label = str(src.source_id), str(src.label)
            sec = nodes.section(ids=[f"source-{sid}"], classes=["saga-source"])
            sec["support_smartquotes"] = False  # reproduce quotes as found, never “curl” them
            sec += nodes.title("", f"{label} · ", nodes.Text(str(src.title)))
            sec += self._meta(src)
            rows = paragraphs[paragraphs["source_id"] == sid].sort_values("n")
            for p in rows.itertuples(index=False):
                pid, n = str(p.paragraph_id), int(p.n)
                text = short_label(label, n)
                para = nodes.paragraph(ids=[pid], classes=["saga-para", f"saga-kind-{p.kind}"])
                anchor = nodes.reference(
                    "", "", internal=True, refid=pid, classes=["saga-para-label"]
                )
                anchor += nodes.Text(text)
                para += anchor
                para += nodes.Text(" ")
                para += nodes.Text(str(p.text))
                out_label = LABEL_PREFIX + pid
                std.note_hyperlink_target(out_label, env.docname, pid, text)
                sec += para
            if related is not None:
                rel = related[related["source_id"] == sid].sort_values("n")
                if len(rel):
                    box = nodes.container(classes=["saga-related"])
                    box += nodes.rubric(
                        "",
                        f"{label}: related-article teasers on the captured page "
                        "(page chrome, not article text)",
                    )
                    items = nodes.bullet_list()
                    for r in rel.itertuples(index=False):
                        tid, text = str(r.teaser_id), teaser_label(label, int(r.n))
                        anchor = nodes.reference(
                            "", text, internal=True, refid=tid, classes=["saga-para-label"]
                        )
                        item = nodes.list_item()
                        item += nodes.paragraph(
                            "",
                            "",
                            anchor,
                            nodes.Text(" "),
                            nodes.literal("", str(r.date)),
                            nodes.Text(" " + str(r.text)),
                            ids=[tid],
                            classes=["saga-teaser"],
                        )
                        std.note_hyperlink_target(tid, env.docname, tid, text)
                        items += item
                    box += items
                    sec += box
            out.append(sec)
        return out

    @staticmethod
    def _meta(src) -> nodes.Node:
        fields = nodes.field_list(classes=["saga-source-meta"])

        def add(name, value):
            if value is None or (isinstance(value, float) and value != value) or value == "":
                return
            f = nodes.field()
            f += nodes.field_name("", name)
            body = nodes.field_body()
            body += nodes.paragraph("", "", nodes.Text(str(value)))
            f += body
            fields.append(f)

        add("Source ID", src.source_id)
        add("Outlet", src.outlet)
        add("Published", src.published)
        add("Script", src.script)
        add("Translation of", getattr(src, "original", None))
        add("URL", getattr(src, "url", None))
        add("Notes", getattr(src, "notes", None))
        return fields


# ---------------------------------------------------------------- {name-glossary}


def _first(columns, names):
    for n in names:
        if n in columns:
            return n
    return None


class NameGlossary(SphinxDirective):
    """Entities from data/lexicon/entities.csv and the name variants each source uses."""

    def run(self):
        env = self.env
        path = data_root(env) / "data" / "lexicon" / "entities.csv"
        env.note_dependency(str(path))
        if not path.is_file():
            logger.warning(f"name-glossary: {path} missing", location=self.get_location())
            return []
        with path.open(encoding="utf-8", newline="") as f:
            entities = list(csv.DictReader(f))
        mentions = read_table(env, "mentions")
        sources = read_table(env, "sources")
        used: dict[str, dict[str, dict[str, int]]] = {}
        if mentions is None:
            logger.warning(
                "name-glossary: data/processed/mentions.parquet missing",
                location=self.get_location(),
            )
        else:
            ecol = _first(mentions.columns, ["entity_id", "entity", "id"])
            scol = _first(mentions.columns, ["surface", "variant", "alias", "form", "text"])
            if ecol is None or scol is None or "source_id" not in mentions.columns:
                logger.warning(
                    "name-glossary: mentions table lacks entity/surface/source_id columns "
                    f"(has {list(mentions.columns)})",
                    location=self.get_location(),
                )
            else:
                for e, s, sid in zip(
                    mentions[ecol], mentions[scol], mentions["source_id"], strict=True
                ):
                    d = used.setdefault(str(e), {}).setdefault(str(s), {})
                    d[str(sid)] = d.get(str(sid), 0) + 1
        labels = {}
        if sources is not None:
            labels = dict(
                zip(sources["source_id"].astype(str), sources["label"].astype(str), strict=True)
            )
        headers = [
            "English name",
            "Chinese name",
            "Type",
            "Lexicon variants",
            "Variants found (source: count)",
        ]
        rows = []
        type_order = {"person": 0, "org": 1, "organization": 1, "product": 2}
        ids = []
        for e in sorted(
            entities,
            key=lambda r: (
                type_order.get(r.get("type", ""), 9),
                r.get("type", ""),
                r.get("name_en", ""),
            ),
        ):
            ids.append(f"name-{e.get('id', '')}")
            variants = [a for a in (e.get("aliases") or "").split("|") if a]
            found = used.get(e.get("id", ""), {})
            parts = []
            for v, per in sorted(found.items(), key=lambda kv: (-sum(kv[1].values()), kv[0])):
                by_src = sorted(per.items(), key=lambda kv: labels.get(kv[0], kv[0]))
                counts = ", ".join(f"{labels.get(s, s)}: {c}" for s, c in by_src)
                parts.append(f"{v} ({counts})")
            found_txt = "; ".join(parts) or "—"
            rows.append(
                [
                    e.get("name_en", ""),
                    e.get("name_zh", ""),
                    e.get("type", ""),
                    "、".join(variants) or "—",
                    found_txt,
                ]
            )
        table = simple_table(headers, rows, ids=["name-glossary"], classes=["saga-glossary"])
        for row, rid in zip(table.findall(nodes.row), [None, *ids], strict=True):
            if rid:
                row["ids"].append(rid)  # link a name with [text](../book/glossary.md#name-musk)
        return [table]


# ---------------------------------------------------------------- corpus at a glance


def corpus_role(name, rawtext, text, lineno, inliner, options=None, content=None):
    """{corpus}`sources|witnesses|paragraphs`: a count computed from data/processed, so the
    intro's numbers follow the corpus when a reader adds an article."""
    env = inliner.document.settings.env
    sources = read_table(env, "sources")
    paragraphs = read_table(env, "paragraphs")
    counts = {}
    if sources is not None:
        counts = {"sources": len(sources), "witnesses": sources["witness"].nunique()}
    if paragraphs is not None:
        counts["paragraphs"] = len(paragraphs)
    key = text.strip()
    if key not in counts:
        msg = f"{{corpus}} takes sources, witnesses or paragraphs (data built?), not {key!r}"
        logger.warning(msg, location=(env.docname, lineno), type="saga", subtype="corpus")
        return [nodes.inline(rawtext, "?")], []
    return [nodes.inline(rawtext, str(counts[key]), classes=["saga-count"])], []


class SourcesAtAGlance(SphinxDirective):
    """One row per source: label, title, outlet, date, script, and which witness it is."""

    def run(self):
        sources = read_table(self.env, "sources")
        if sources is None:
            logger.warning("sources table not built; run `make data`", location=self.get_location())
            return []
        shared = sources["witness"].duplicated(keep=False)
        rows = [
            [
                row.label,
                row.title,
                row.outlet,
                row.published,
                row.script,
                f"one witness with {', '.join(sources.loc[(sources.witness == row.witness) & (sources.source_id != row.source_id), 'label'])}"
                if dup
                else "independent",
            ]
            for row, dup in zip(sources.itertuples(), shared, strict=True)
        ]
        headers = ["Label", "Title", "Outlet", "Published", "Script", "Witness"]
        return [simple_table(headers, rows, classes=["saga-sources"], widths=[1, 5, 3, 2, 2, 2])]


def simple_table(headers, rows, ids=None, classes=None, widths=None) -> nodes.table:
    """A docutils table whose cells are plain Text nodes (escaped on output)."""
    table = nodes.table(ids=ids or [], classes=classes or [])
    table["support_smartquotes"] = False
    group = nodes.tgroup(cols=len(headers))
    table += group
    for w in widths or [1] * len(headers):
        group += nodes.colspec(colwidth=w)
    thead = nodes.thead()
    group += thead
    thead += _row(headers)
    tbody = nodes.tbody()
    group += tbody
    for r in rows:
        tbody += _row(r)
    return table


def _row(cells) -> nodes.row:
    row = nodes.row()
    for c in cells:
        entry = nodes.entry()
        entry += nodes.paragraph("", "", nodes.Text(str(c)))
        row += entry
    return row


# ---------------------------------------------------------------- {cite-chapter}


class cite_chapter_placeholder(nodes.General, nodes.Element):
    """Replaced by the citation box once the chapter title is known (doctree-read)."""


class CiteChapter(SphinxDirective):
    def run(self):
        self.env.note_dependency(str(Path(self.env.app.confdir) / "CITATION.cff"))
        return [cite_chapter_placeholder()]


def read_citation(confdir: str | Path) -> dict:
    with (Path(confdir) / "CITATION.cff").open(encoding="utf-8") as f:
        return yaml.safe_load(f)


def cff_authors(cff: dict) -> str:
    names = []
    for a in cff.get("authors", []):
        if "name" in a:
            names.append(str(a["name"]))
        else:
            names.append(" ".join(str(a[k]) for k in ("given-names", "family-names") if k in a))
    return " and ".join(names)


def chapter_citation(cff: dict, title: str, docname: str) -> tuple[str, str]:
    """(plain text, BibTeX) for a chapter; version and date from CITATION.cff only."""
    book, version = str(cff["title"]), str(cff["version"])
    date = str(cff["date-released"])
    year = date[:4]
    authors = cff_authors(cff)
    path = f"{docname}.html"
    plain = (
        f"{authors} ({year}). “{title}.” In {book}, version {version} "
        f"(released {date}). Chapter {path}."
    )
    key = "saga-" + docname.rsplit("/", 1)[-1].replace("_", "-")
    bib_author = (
        "{" + authors + "}" if cff.get("authors") and "name" in cff["authors"][0] else authors
    )
    bibtex = (
        f"@incollection{{{key},\n"
        f"  author    = {{{bib_author}}},\n"
        f"  title     = {{{title}}},\n"
        f"  booktitle = {{{book}}},\n"
        f"  year      = {{{year}}},\n"
        f"  edition   = {{{version}}},\n"
        f"  note      = {{Version {version}, released {date}; chapter {path}}},\n"
        f"}}"
    )
    return plain, bibtex


def fill_cite_boxes(app, doctree):
    placeholders = list(doctree.findall(cite_chapter_placeholder))
    if not placeholders:
        return
    title_node = next(iter(doctree.findall(nodes.title)), None)
    title = title_node.astext() if title_node else app.env.docname
    cff = read_citation(app.confdir)
    plain, bibtex = chapter_citation(cff, title, app.env.docname)
    for ph in placeholders:
        box = nodes.admonition(classes=["saga-cite", "tip", "dropdown"])  # collapsible
        box["support_smartquotes"] = False
        box += nodes.title("", "Cite this chapter")
        box += nodes.paragraph("", "", nodes.Text(plain))
        lit = nodes.literal_block(bibtex, bibtex, language="bibtex")
        box += lit
        ph.replace_self(box)


# ---------------------------------------------------------------- appendix tables

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

        folder = data_root(self.env) / "data" / "processed"
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
            desc = TABLE_DOCS.get(name, "Written by the analysis; see docs/CONTRACT.md.")
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
    "rapidfuzz",
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


# ---------------------------------------------------------------- singlehtml as index.html


class SagaSingleHTML(SingleFileHTMLBuilder):
    """The stock single-page builder, writing the one page as index.html (the root document of
    a Jupyter Book lives in a subfolder) and pointing cross-references at same-page anchors."""

    name = "singlehtml"

    def handle_page(
        self, pagename, addctx, templatename="page.html", outfilename=None, event_arg=None
    ):
        if pagename == self.config.root_doc:
            pagename, outfilename = "index", None
        return super().handle_page(pagename, addctx, templatename, outfilename, event_arg)

    def get_outdated_docs(self):
        """The stock builder rewrites the whole page on every build; here it is rewritten only
        when it is missing or the environment re-read a document (an edit, a data change, a
        notebook whose inputs changed, a new config), so a no-op rebuild writes nothing."""
        if not (Path(self.outdir) / "index.html").is_file():
            return "all documents"
        return []

    def index_page(self, pagename, doctree, title):
        """No search index for the single page (finish() writes an empty one): indexing the
        whole book with jieba took half of every singlehtml build."""

    def finish(self):
        super().finish()
        # The theme loads searchindex.js on every page; the single page has no search (use the
        # multi-page site), so give it an empty, valid index instead of a 404.
        empty = {
            k: {}
            for k in (
                "alltitles",
                "envversion",
                "indexentries",
                "objects",
                "objnames",
                "objtypes",
                "terms",
                "titles",
                "titleterms",
            )
        }
        empty.update(docnames=[], filenames=[])
        (Path(self.outdir) / "searchindex.js").write_text(
            "Search.setIndex(" + json.dumps(empty, sort_keys=True) + ")", encoding="utf-8"
        )

    def fix_refuris(self, tree):
        for refnode in tree.findall(nodes.reference):
            refuri = refnode.get("refuri")
            if not refuri or "#" not in refuri:
                continue
            first = refuri.find("#")
            second = refuri.find("#", first + 1)
            if second >= 0:
                refnode["refuri"] = refuri[second:]


# ---------------------------------------------------------------- CJK web font

CJK_RANGES = [
    (0x2E80, 0x2FDF),
    (0x3000, 0x303F),
    (0x3040, 0x30FF),
    (0x3100, 0x31FF),
    (0x3200, 0x9FFF),
    (0xF900, 0xFAFF),
    (0xFE30, 0xFE4F),
    (0xFF00, 0xFFEF),
]
WEBFONT = "saga-cjk.otf"


CJK_CHARS = re.compile("[" + "".join(f"\\U{a:08x}-\\U{b:08x}" for a, b in CJK_RANGES) + "]")


def write_cjk_webfont(app, exception):
    """Subset Noto Sans CJK SC (from the mplfonts package) to the CJK characters the built
    pages use and write it to _static, so Chinese renders on machines without a CJK font.
    saga.css loads it with unicode-range after local() fonts, so most readers never fetch it.
    The subset is remade only when the set of characters changes (a no-op rebuild skips it)."""
    if exception is not None or app.builder.format != "html":
        return
    import hashlib
    import importlib.util

    outdir = Path(app.outdir)
    chars: set[str] = set()
    pages = [p for p in outdir.rglob("*.html") if "_static" not in p.parts]
    for page in [*pages, outdir / "searchindex.js"]:
        if page.is_file():
            chars.update(CJK_CHARS.findall(page.read_text(encoding="utf-8")))
    target = outdir / "_static" / WEBFONT
    stamp = target.with_suffix(".chars.sha256")
    digest = hashlib.sha256("".join(sorted(chars)).encode()).hexdigest()
    if target.is_file() and stamp.is_file() and stamp.read_text() == digest:
        return
    spec = importlib.util.find_spec("mplfonts")
    if spec is None or not spec.submodule_search_locations:
        logger.warning("mplfonts not installed: no CJK web font for the book")
        return
    from fontTools import subset

    src = Path(next(iter(spec.submodule_search_locations))) / "fonts" / "NotoSansCJKsc-Regular.otf"
    opts = subset.Options()
    opts.name_IDs = ["*"]
    opts.notdef_outline = True
    font = subset.load_font(str(src), opts)
    sub = subset.Subsetter(opts)
    sub.populate(unicodes=sorted(ord(c) for c in chars) or [0x3000])
    sub.subset(font)
    target.parent.mkdir(exist_ok=True)
    subset.save_font(font, str(target), opts)
    stamp.write_text(digest)


# ---------------------------------------------------------------- setup


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
    from saga.book import notebook_fingerprint

    root = Path(app.confdir)
    prints = {
        doc: notebook_fingerprint(root / f"{doc}.ipynb", root)
        for doc in env.found_docs
        if (root / f"{doc}.ipynb").is_file()
    }
    old = getattr(env, "saga_notebook_prints", {})
    env.saga_notebook_prints = prints
    return [doc for doc, fp in prints.items() if old.get(doc) != fp and doc not in added]


def setup(app):
    app.add_builder(SagaSingleHTML, override=True)
    app.add_role("para", para_role)
    app.add_role("corpus", corpus_role)
    app.add_role("teaser", teaser_role)
    app.add_directive("sources-at-a-glance", SourcesAtAGlance)
    app.add_directive("source-texts", SourceTexts)
    app.add_directive("name-glossary", NameGlossary)
    app.add_directive("cite-chapter", CiteChapter)
    app.add_directive("data-dictionary", DataDictionary)
    app.add_directive("package-versions", PackageVersions)
    app.add_node(cite_chapter_placeholder)
    app.connect("config-inited", config_inited)
    app.connect("doctree-read", fill_cite_boxes)
    app.connect("missing-reference", resolve_para)
    app.connect("env-get-outdated", outdated_notebooks)
    app.connect("build-finished", write_cjk_webfont)
    app.connect("html-page-context", dedupe_scripts, priority=990)  # after the themes
    return {
        "version": "0.1",
        "parallel_read_safe": True,
        "parallel_write_safe": True,
        "env_version": 1,
    }
