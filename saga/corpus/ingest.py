"""Add one article to the corpus: validate everything first, then write file and manifest row."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pandas as pd

from saga.corpus.cleaning import clean, clean_file, decode, load_rules
from saga.corpus.manifest import check_published, load_manifest, write_manifest
from saga.corpus.script import detect_script, to_simplified
from saga.corpus.store import write_atomic
from saga.errors import SagaError
from saga.paths import raw_dir


def make_source_id(outlet: str, published: str, taken: set[str]) -> str:
    """Readable id: ASCII words of the outlet (or 'src') plus the date, suffixed if taken."""
    words = re.findall(r"[a-z0-9]+", outlet.lower())
    base = f"{'-'.join(words)[:24].strip('-') or 'src'}-{published}"
    candidate, k = base, 2
    while candidate in taken:
        candidate, k = f"{base}-{k}", k + 1
    return candidate


def fingerprint(paragraphs: list[dict]) -> str:
    """Hash of the cleaned, simplified body text, to spot the same article added twice."""
    body = "\n".join(to_simplified(p["text"]) for p in paragraphs if p["kind"] != "title")
    return hashlib.sha256(re.sub(r"\s+", "", body).encode("utf-8")).hexdigest()


def add_source(
    path: Path,
    *,
    title: str,
    outlet: str,
    published: str,
    url: str = "",
    original: str = "",
    encoding: str | None = None,
    root: Path | None = None,
) -> str:
    """Validate the article at path, store it as UTF-8 in data/raw/, append its manifest row."""
    name = str(path)
    if not path.is_file():
        raise SagaError(f"{name}: no such file; check the path")
    raw = path.read_bytes()
    text = decode(raw, name, encoding)
    if not text.strip():
        raise SagaError(f"{name}: file is empty or whitespace only; nothing to add")
    check_published(published, "--published")
    if not title.strip() or not outlet.strip():
        raise SagaError(f"{name}: --title and --outlet must not be empty")
    manifest = load_manifest(root)
    source_id = make_source_id(outlet, published, set(manifest["source_id"]))
    rules = load_rules(root)
    cleaned = clean(text, source_id, rules)
    if not any(p["kind"] == "body" for p in cleaned.paragraphs):
        raise SagaError(f"{name}: no body paragraph left after cleaning; is this an article?")
    new_print = fingerprint(cleaned.paragraphs)
    for row in manifest.itertuples():
        existing = clean_file(raw_dir(root) / row.file, row.source_id, rules).paragraphs
        if fingerprint(existing) == new_print:
            raise SagaError(f"{name}: same text as source {row.source_id}; not added twice")
    stored = raw if encoding is None else text.encode("utf-8")
    target = raw_dir(root) / f"{source_id}.txt"
    row = {
        "source_id": source_id,
        "file": target.name,
        "sha256": hashlib.sha256(stored).hexdigest(),
        "title": title.strip(),
        "outlet": outlet.strip(),
        "published": published,
        "script": detect_script(text),
        "original": original.strip(),
        "url": url.strip(),
        "notes": "" if encoding is None else f"converted to UTF-8 from {encoding}",
    }
    updated = pd.concat([manifest, pd.DataFrame([row])], ignore_index=True)
    write_atomic(target, stored)
    try:
        write_manifest(updated, root)
    except BaseException:
        target.unlink(missing_ok=True)
        raise
    return source_id
