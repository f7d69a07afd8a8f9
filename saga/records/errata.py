"""The errata (data/annotations/errata.csv): loading and validation against the paragraphs,
the bibliography and claims.csv, for `python -m saga check` and the chapters."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from saga.errors import SagaError
from saga.records.annotations import THEMES, bib_keys, load_claims, read_records, split_ids

VERDICTS = ("error", "unconfirmed", "disputed", "superseded")


ERRATA_COLUMNS = [
    "erratum_id",
    "theme",
    "paragraphs",
    "quote",
    "says_en",
    "record_en",
    "record_paragraphs",
    "bib",
    "verdict",
    "note",
    "claims",
]


KEBAB = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


SPACE = re.compile(r"\s+")


def load_errata(root: Path | None = None) -> pd.DataFrame:
    """data/annotations/errata.csv, every cell a string (split lists with split_ids)."""
    return read_records(root, "errata.csv", ERRATA_COLUMNS)


def errata_problems(
    errata: pd.DataFrame,
    paragraphs: pd.DataFrame,
    bibs: set[str] | None,
    claim_ids: set[str] | None = None,
) -> list[str]:
    """Human-readable problems with an errata frame (empty list: all is well).

    bibs: the keys of book/references.bib, or None to skip the bibliography check.
    claim_ids: the claim_ids of claims.csv, or None to skip checking the `claims` column."""
    if list(errata.columns) != ERRATA_COLUMNS:
        return [f"errata.csv: columns are {list(errata.columns)}; expected {ERRATA_COLUMNS}"]
    text = dict(zip(paragraphs["paragraph_id"], paragraphs["text"], strict=True))
    problems = []
    for e in errata.itertuples(index=False):
        where = f"errata.csv {e.erratum_id or '(no id)'}"
        if not KEBAB.fullmatch(e.erratum_id):
            problems.append(f"{where}: erratum_id must be kebab-case (a-z, 0-9, '-')")
        if e.theme not in THEMES:
            problems.append(f"{where}: unknown theme {e.theme!r}; use one of {list(THEMES)}")
        if e.verdict not in VERDICTS:
            problems.append(f"{where}: unknown verdict {e.verdict!r}; use one of {list(VERDICTS)}")
        for col in ("quote", "says_en", "record_en"):
            if not getattr(e, col).strip():
                problems.append(f"{where}: empty {col}")
        cited, record = split_ids(e.paragraphs), split_ids(e.record_paragraphs)
        if not cited:
            problems.append(f"{where}: paragraphs must name at least one paragraph")
        for pid in cited + record:
            if pid not in text:
                problems.append(f"{where}: unknown paragraph {pid!r}")
        if both := sorted(set(cited) & set(record)):
            problems.append(f"{where}: {both} both cited and given as the record")
        quote = SPACE.sub("", e.quote)
        known = [pid for pid in cited if pid in text]
        if quote and known and not any(quote in SPACE.sub("", text[pid]) for pid in known):
            problems.append(f"{where}: quote {e.quote!r} is not in {known}")
        keys = split_ids(e.bib)
        if not keys and not record:
            problems.append(f"{where}: give the record: a bib key or record_paragraphs")
        if bibs is not None and (missing := sorted(set(keys) - bibs)):
            problems.append(f"{where}: bib keys not in book/references.bib: {missing}")
        if claim_ids is not None and (unknown := sorted(set(split_ids(e.claims)) - claim_ids)):
            problems.append(f"{where}: claims not in claims.csv: {unknown}")
    if dupes := sorted(set(errata["erratum_id"][errata["erratum_id"].duplicated()])):
        problems.append(f"errata.csv: duplicate erratum_id {dupes}")
    return problems


def validate_errata(root: Path, paragraphs: pd.DataFrame) -> list[str]:
    """Problems with data/annotations/errata.csv under root, checked against the paragraphs and
    book/references.bib (for `python -m saga check`, beside saga.records.annotations.validate)."""
    try:
        errata = load_errata(root)
        claim_ids = set(load_claims(root)["claim_id"])
    except SagaError as err:
        return [str(err)]
    return errata_problems(errata, paragraphs, bib_keys(root), claim_ids)
