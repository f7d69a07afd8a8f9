"""The source appendix as pages of bounded weight: book/sources.md shows the first sources and
`saga book-prepare` writes one more page, book/source-texts/from-sNNNNNN.md, for each further
run of sources, so no page of the site passes about 1 MB however many sources are added.

Pages are packed greedily in manifest order by the bytes they will carry (text, English,
translator's notes, teasers, and markup per paragraph), so adding a source changes only the
last page, and a page is named after its first source, which never changes: the URLs that
citations link to stay put as the corpus grows.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np
import pandas as pd

from saga.corpus.store import read_table, write_atomic
from saga.paths import processed_dir
from saga.records.translations import load_translations

PAGE_BYTES = 900_000  # estimated content per page; the theme's chrome adds about 100 kB
MARKUP_BYTES = 400  # per paragraph or teaser: anchor, label, parallel columns
PAGES_DIR = "source-texts"  # under book/, listed by a glob in _toc.yml; not committed


def page_starts(weights: list[int], budget: int | None = None) -> list[int]:
    """0-based positions of the sources that start a page: a page takes sources in order
    until the next would take it past budget (a source heavier than budget gets a page alone)."""
    budget = PAGE_BYTES if budget is None else budget
    starts: list[int] = []
    used = 0
    for i, weight in enumerate(weights):
        if not starts or (used > 0 and used + weight > budget):
            starts.append(i)
            used = 0
        used += weight
    return starts


def source_weights(
    sources: pd.DataFrame, paragraphs: pd.DataFrame, english: pd.DataFrame, related=None
) -> list[int]:
    """Estimated bytes of each source's section in the appendix, in manifest order."""

    def grouped(table: pd.DataFrame, columns: list[str]) -> pd.Series:
        if table is None or table.empty:
            return pd.Series(dtype=int)
        size = sum(table[c].fillna("").astype(str).str.encode("utf-8").str.len() for c in columns)
        return (size + MARKUP_BYTES).groupby(table["source_id"]).sum()

    parts = [
        grouped(paragraphs, ["text"]),
        grouped(english, ["text_en", "note"]),
        grouped(related, ["text"]),
    ]
    return [int(sum(p.get(s, 0) for p in parts)) for s in sources["source_id"]]


def page_ranges(
    sources: pd.DataFrame, paragraphs: pd.DataFrame, english: pd.DataFrame, related=None
) -> list[tuple[int, int]]:
    """(first, last) 1-based manifest positions of the sources on each page of the appendix."""
    starts = page_starts(source_weights(sources, paragraphs, english, related))
    ends = [s - 1 for s in starts[1:]] + [len(sources) - 1]
    return [(a + 1, b + 1) for a, b in zip(starts, ends, strict=True)]


def further_pages(pages: list[tuple[int, int]]) -> list[tuple[str, str]]:
    """(name, span) of each page after the first, as the first page links them."""
    last = len(pages) - 1
    return [(page_name(a), page_span(a, b, i == last)) for i, (a, b) in enumerate(pages) if i]


def page_name(first: int) -> str:
    """The page holding the sources from manifest position `first` on (2 and up)."""
    return f"from-s{first:06d}"


def page_span(first: int, last: int, is_last: bool) -> str:
    """What a page of the appendix holds, as its title and links say it: "S108–S230", or
    "from S231" for the last page, so that adding a source to it changes no title (every
    page's navigation shows them all, and a page not rebuilt would show a stale one)."""
    if is_last:
        return f"from S{first}"
    return f"S{first}" if first == last else f"S{first}–S{last}"


def page_text(first: int, last: int, is_last: bool) -> str:
    """The Markdown of one further page of the appendix: a title and the directive."""
    return (
        f"# Source texts {page_span(first, last, is_last)}\n\n"
        "Continued from [Source texts](../sources.md): the cleaned paragraphs of these sources "
        "beside their English, each with its label and anchor.\n\n"
        f"```{{source-texts}}\n:first: {first}\n```\n"
    )


def appendix_tables(root: Path) -> dict[str, pd.DataFrame] | None:
    """What the appendix shows, by table (sources, paragraphs, english, related), from the
    processed corpus of root; None before `make data`."""
    processed = processed_dir(root)
    if not (processed / "paragraphs.parquet").is_file():
        return None
    related = read_table("related", root) if (processed / "related.parquet").is_file() else None
    return {
        "sources": read_table("sources", root),
        "paragraphs": read_table("paragraphs", root),
        "english": load_translations(root),
        "related": related,
    }


def appendix_pages(root: Path) -> list[tuple[int, int]]:
    """The appendix's pages for the processed corpus of root (empty before `make data`): the
    one plan that both `saga book-prepare` and the {source-texts} directive follow."""
    tables = appendix_tables(root)
    return [] if tables is None else page_ranges(**tables)


def page_fingerprints(
    tables: dict[str, pd.DataFrame], pages: list[tuple[int, int]]
) -> dict[int, str]:
    """For each page (by its first position), a hash of every row it shows of each table, and
    for the first page, of the links to the others: a page whose hash is unchanged shows the
    same, so Sphinx need not read it again when a source is added."""
    sources = tables["sources"]
    page_of = pd.Series(
        np.repeat(np.arange(len(pages)), [b - a + 1 for a, b in pages]),
        index=sources["source_id"].to_numpy()[: pages[-1][1]] if pages else [],
    )
    digests = [hashlib.sha256(repr((a, b)).encode()) for a, b in pages]
    if digests:
        digests[0].update(repr(further_pages(pages)).encode())
    for name, table in tables.items():
        if table is None:
            continue
        rows = pd.util.hash_pandas_object(table, index=False).to_numpy()
        page = page_of.reindex(table["source_id"].to_numpy()).to_numpy()
        columns = repr(list(table.columns)).encode()
        for i, digest in enumerate(digests):
            digest.update(name.encode() + columns + rows[page == i].tobytes())
    return {a: d.hexdigest() for (a, _), d in zip(pages, digests, strict=True)}


def write_source_pages(root: Path) -> list[str]:
    """Write the appendix's further pages under book/source-texts/ (only those whose text
    changed, so Sphinx re-reads nothing else) and remove pages no longer needed; returns the
    names of the pages written or removed."""
    folder = root / "book" / PAGES_DIR
    pages = appendix_pages(root)
    wanted = {page_name(a): page_text(a, b, (a, b) == pages[-1]) for a, b in pages[1:]}
    changed = []
    for name, text in wanted.items():
        path = folder / f"{name}.md"
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            write_atomic(path, text.encode("utf-8"))
            changed.append(name)
    for path in sorted(folder.glob("*.md")) if folder.is_dir() else []:
        if path.stem not in wanted:
            path.unlink()
            changed.append(path.stem)
    return changed
