"""Add articles to the corpus (`saga add`, one or a batch): check every article first, then
write all raw files and the manifest rows in one locked, atomic step, or nothing at all."""

from __future__ import annotations

import hashlib
import os
import re
import time
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from saga.corpus.article_checks import (
    check_han_share,
    check_original,
    check_url,
    read_article,
    screen_field,
    screen_text,
    script_of_text,
    title_key,
)
from saga.corpus.cleaning import Rules, clean, clean_file, decode, load_rules
from saga.corpus.durable import (
    fsync_dir,
    project_lock,
    publish_new,
    remove_stale_temps,
    signals_deferred,
    write_temp,
)
from saga.corpus.manifest import (
    COLUMNS,
    check_published,
    load_manifest,
    read_csv_rows,
    write_manifest,
)
from saga.corpus.script import to_simplified
from saga.corpus.source_ids import make_source_id
from saga.errors import SagaError
from saga.paths import data_dir, raw_dir

LIST_REQUIRED = ["file", "title", "outlet", "published"]
LIST_OPTIONAL = ["url", "original", "encoding"]
MAX_LISTED = 20
PAUSE_HOOK = "SAGA_TEST_PAUSE_AFTER_TEMP"  # tests only: seconds to sleep once temps exist


@dataclass(frozen=True)
class Article:
    """One article as offered: its file and the metadata the reader gives for it."""

    path: Path
    title: str
    outlet: str
    published: str
    url: str = ""
    original: str = ""
    encoding: str | None = None


@dataclass(frozen=True)
class Prepared:
    """An article that passed every check: the bytes to store and its manifest row (no id)."""

    name: str
    stored: bytes
    row: dict
    paragraphs: list[dict]


def prepare(article: Article, root: Path, rules: Rules, bibs: set[str]) -> Prepared:
    """Check one article (file, text, metadata) and build what would be stored; writes nothing."""
    name = str(article.path)
    if not article.path.name:
        raise SagaError("file: empty; name the article's file")
    title = screen_field(article.title, "title")
    outlet = screen_field(article.outlet, "outlet")
    check_published(article.published, "published")
    url, original = check_url(article.url), check_original(article.original, bibs)
    raw = read_article(article.path, root)
    text, bidi = screen_text(decode(raw, name, article.encoding), name)
    if not text.strip():
        raise SagaError(f"{name}: file is empty or whitespace only; nothing to add")
    check_han_share(text, name)
    first = next(line for line in text.split("\n") if line.strip())
    title_added = title_key(first) != title_key(title)
    stored_text = f"{title}\n{text}" if title_added else text
    converted = article.encoding is not None or bidi or title_added
    stored = stored_text.encode("utf-8") if converted else raw
    cleaned = clean(stored_text, "new", rules)
    if not any(p["kind"] == "body" for p in cleaned.paragraphs):
        raise SagaError(
            f"{name}: nothing but a title, short headings or page chrome; is this an article?"
        )
    notes = [
        f"converted to UTF-8 from {article.encoding}" if article.encoding else "",
        "title line added from the given title (the file's first line is not the title)"
        if title_added
        else "",
        f"{bidi} bidi control characters removed" if bidi else "",
    ]
    row = {
        "sha256": hashlib.sha256(stored).hexdigest(),
        "title": title,
        "outlet": outlet,
        "published": article.published,
        "script": script_of_text(text),
        "original": original,
        "url": url,
        "notes": "; ".join(n for n in notes if n),
    }
    return Prepared(name, stored, row, cleaned.paragraphs)


def fingerprint(paragraphs: list[dict], titles: set[str]) -> str:
    """Hash of the cleaned, simplified text without title lines, to spot an article added twice."""
    body = "\n".join(
        to_simplified(p["text"])
        for p in paragraphs
        if p["kind"] != "title" and title_key(p["text"]) not in titles
    )
    return hashlib.sha256(re.sub(r"\s+", "", body).encode("utf-8")).hexdigest()


def read_list(path: Path) -> list[tuple[str, Article]]:
    """The articles of a bulk list (file,title,outlet,published[,url,original,encoding]; files
    relative to the list), each with its 'LIST.csv:LINE' for error messages."""
    if not path.is_file():
        raise SagaError(f"{path}: no such file; give the CSV list of articles")
    header, rows = read_csv_rows(path, "fix the list")
    unknown = [c for c in header if c not in LIST_REQUIRED + LIST_OPTIONAL]
    missing = [c for c in LIST_REQUIRED if c not in header]
    if unknown or missing or len(set(header)) != len(header):
        raise SagaError(
            f"{path}: columns must be {','.join(LIST_REQUIRED)} and optionally "
            f"{','.join(LIST_OPTIONAL)} (unknown {unknown}, missing {missing})"
        )
    if not rows:
        raise SagaError(f"{path}: no articles listed; nothing to add")
    items = []
    for line, fields in rows:
        row = {**dict.fromkeys(LIST_OPTIONAL, ""), **dict(zip(header, fields, strict=True))}
        file = row["file"].strip()
        article = Article(
            path=path.parent / file if file else Path(""),
            title=row["title"],
            outlet=row["outlet"],
            published=row["published"].strip(),
            url=row["url"],
            original=row["original"],
            encoding=row["encoding"].strip() or None,
        )
        items.append((f"{path.name}:{line}", article))
    return items


def add_articles(
    items: list[tuple[str, Article]], *, root: Path, bibs: set[str], progress: bool = False
) -> list[str]:
    """Add every article or none: items are (where, article), `where` naming a batch row
    ('' for a single add). Returns the new source_ids in order."""
    rules = load_rules(root)
    ready, problems = [], []
    for where, article in _progress(items, progress):
        try:
            ready.append((where, prepare(article, root, rules, bibs)))
        except SagaError as err:
            problems.append((where, str(err)))
    _refuse(problems, len(items))
    with project_lock(data_dir(root)):
        remove_stale_temps(data_dir(root))
        remove_stale_temps(raw_dir(root))
        manifest = load_manifest(root)
        _refuse(_duplicates(ready, manifest, root, rules), len(items))
        taken = set(manifest["source_id"]) | {
            p.stem for p in raw_dir(root).glob("*") if not p.name.startswith(".")
        }
        rows = []
        for _, item in ready:
            source_id = make_source_id(item.row["outlet"], item.row["published"], taken)
            taken.add(source_id)
            rows.append({"source_id": source_id, "file": f"{source_id}.txt", **item.row})
        _commit([item.stored for _, item in ready], rows, manifest, root)
    return [r["source_id"] for r in rows]


def _progress(items: list, show: bool):
    if not show or len(items) < 2:
        return items
    from tqdm import tqdm

    return tqdm(items, desc="checking articles", unit="article", leave=False)


def _refuse(problems: list[tuple[str, str]], total: int) -> None:
    """Raise one SagaError listing the problems: one line each (at most 20), then a count."""
    if not problems:
        return
    if len(problems) == 1 and not problems[0][0]:
        raise SagaError(problems[0][1])
    lines = [f"{where}: {msg}" for where, msg in problems[:MAX_LISTED]]
    if len(problems) > MAX_LISTED:
        lines.append(f"… and {len(problems) - MAX_LISTED} more bad rows")
    lines.append(f"{len(problems)} of {total} rows are bad; nothing was added")
    raise SagaError("\n".join(lines))


def _duplicates(
    ready: list[tuple[str, Prepared]], manifest: pd.DataFrame, root: Path, rules: Rules
) -> list[tuple[str, str]]:
    """An article whose text is already in the corpus or earlier in the batch is refused."""
    titles = {title_key(t) for t in manifest["title"]} | {
        title_key(p.row["title"]) for _, p in ready
    }
    seen = {
        fingerprint(
            clean_file(raw_dir(root) / row.file, row.source_id, rules).paragraphs, titles
        ): (f"source {row.source_id}")
        for row in manifest.itertuples()
    }
    problems = []
    for where, item in ready:
        key = fingerprint(item.paragraphs, titles)
        if key in seen:
            problem = f"same text as {seen[key]}; not added twice"
            problems.append((where, problem if where else f"{item.name}: {problem}"))
        else:
            seen[key] = where or "another article"
    return problems


def _commit(stored: list[bytes], rows: list[dict], manifest: pd.DataFrame, root: Path) -> None:
    """Write temp files, then (signals held) give them their names and replace the manifest;
    any failure removes what this call wrote, so data/ is as before."""
    folder = raw_dir(root)
    temps, published = [], []
    try:
        for data, row in zip(stored, rows, strict=True):
            target = folder / row["file"]
            temps.append((write_temp(target, data), target))
        if pause := os.environ.get(PAUSE_HOOK):
            time.sleep(float(pause))
        updated = pd.concat([manifest[COLUMNS], pd.DataFrame(rows, columns=COLUMNS)])
        with signals_deferred():
            try:
                for tmp, target in temps:
                    publish_new(tmp, target)
                    published.append(target)
                fsync_dir(folder)
                write_manifest(updated, root)
            except BaseException:
                for target in published:
                    target.unlink(missing_ok=True)
                raise
    finally:
        for tmp, _ in temps:
            tmp.unlink(missing_ok=True)
