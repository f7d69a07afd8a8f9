"""The table registry, part one: every processed table `saga data` writes, with its columns and
what they mean (the hand-made records are in ``saga.records.registry``). The data dictionary,
the CSV downloads and datapackage.json are made from both; `check_tables` lets the pipeline
refuse to write a table or column nobody documented."""

from __future__ import annotations

from dataclasses import dataclass

from saga.errors import SagaError


@dataclass(frozen=True)
class Table:
    """One table: what a row is, its columns in order, and (processed tables) whether one more
    column per theme of data/lexicon/themes.yml follows."""

    description: str
    columns: dict[str, str]
    path: str = ""  # a hand-made record's file (or folder of files) below the project root
    per_theme: str = ""  # meaning of each theme column, for tables with one column per theme


SPAN = {"start": "first character offset in text_simplified", "end": "offset after the last"}
KEYWORDS = {
    "group": "source_id, or theme id",
    "method": "tfidf | textrank",
    "rank": "1 = strongest keyword of the group and method",
    "keyword": "the word (simplified script)",
    "weight": "the method's score",
}

PROCESSED: dict[str, Table] = {
    "sources": Table(
        "The manifest (data/sources.csv) plus label and witness.",
        {
            "source_id": "source identifier (= BibTeX key)",
            "label": "short source label S1, S2, … (manifest row order)",
            "file": "raw text file in data/raw/",
            "sha256": "SHA-256 of the raw file",
            "title": "title as published",
            "outlet": "outlet that published it",
            "published": "publication date (YYYY-MM-DD or YYYY-MM)",
            "script": "simplified | traditional",
            "original": "bib key of the article it translates or reposts (may be empty)",
            "url": "where it was read (may be empty)",
            "notes": "provenance notes",
            "witness": "original bib key when a translation, else source_id",
        },
    ),
    "paragraphs": Table(
        "Cleaned paragraphs in original script, with OpenCC-simplified text.",
        {
            "paragraph_id": "“<source_id>-<n>”; the anchor of the paragraph in Source texts",
            "source_id": "the source",
            "label": "the source's label",
            "n": "1-based position in the source (shown as ¶n)",
            "kind": "title | heading | body",
            "text": "original script, as cleaned",
            "text_simplified": "OpenCC t2s of text (same length)",
        },
    ),
    "related": Table(
        "Dated related-article teasers from the captured pages (page chrome, not article text).",
        {
            "teaser_id": "“<source_id>-t<n>”",
            "source_id": "the page it was printed on",
            "n": "1-based position on the page",
            "date": "date printed with the teaser (ISO)",
            "text": "teaser text, original script",
            "text_simplified": "OpenCC t2s of text",
        },
    ),
    "links": Table(
        "Markdown links found in paragraphs.",
        {"paragraph_id": "the paragraph", "text": "link text", "url": "link target"},
    ),
    "cleaning_report": Table(
        "Lines removed by cleaning, with line number and reason.",
        {
            "source_id": "the source",
            "line": "1-based line in the raw file",
            "text": "the line",
            "reason": "why the line was removed",
        },
    ),
    "tokens": Table(
        "jieba tokens of text_simplified with the project lexicon, in order.",
        {
            "paragraph_id": "the paragraph",
            "source_id": "the source",
            "i": "0-based position",
            "token": "the token",
        },
    ),
    "name_forms": Table(
        "Name forms each source glosses with the Latin name of a lexicon entity (阿特曼(Sam "
        "Altman)); the form then counts as that entity in that source only.",
        {
            "source_id": "the source",
            "form": "the Chinese form as written",
            "entity_id": "id in entities.csv",
            "paragraph_id": "the paragraph of the first gloss",
            "gloss": "the Latin name in the brackets",
            "in_lexicon": "whether entities.csv already lists the form for the entity",
        },
    ),
    "mentions": Table(
        "Mentions of the entities of data/lexicon/entities.csv (longest alias match).",
        {
            "paragraph_id": "the paragraph",
            "source_id": "the source",
            "entity_id": "id in entities.csv",
            "alias": "the alias matched (simplified)",
            **SPAN,
            "surface": "the span as the source wrote it (original script), a 尔 right after a "
            "Chinese alias included (苏茨克维尔, not 苏茨克维); empty when the original and "
            "simplified texts differ in length",
            "origin": "lexicon (an alias of entities.csv) | learned (a form the source glosses "
            "with the Latin name, counted in that source only)",
        },
    ),
    "dates": Table(
        "Date expressions, resolved against the source's publication date.",
        {
            "paragraph_id": "the paragraph",
            "source_id": "the source",
            "text": "as matched in text_simplified (the original text's start:end gives it in "
            "the source's script)",
            **SPAN,
            "kind": "absolute | partial | relative",
            "precision": "day | month | year | part-of-month | part-of-year",
            "value": "resolved date (2018-02-20, 2018-02, 2018, 2015-early, 2023-09-mid)",
            "resolved": "whether a value was found",
            "note": "how the value was inferred, and any doubt about it (a weekday written beside "
            "the date that is not its weekday)",
        },
    ),
    "money": Table(
        "Money amounts with a currency word (no conversion between currencies).",
        {
            "paragraph_id": "the paragraph",
            "source_id": "the source",
            "text": "as matched in text_simplified (the original text's start:end gives it in "
            "the source's script)",
            **SPAN,
            "value": "the amount (low end of a range)",
            "low": "low end",
            "high": "high end",
            "currency": "USD, CNY, HKD, TWD, JPY, EUR or GBP (a bare 元 is CNY)",
            "amount_usd": "value when the currency is USD",
            "approx": "an approximation word is attached",
            "approx_word": "that word (约, 左右 …)",
            "vague": "几/数 amounts (几百万 = 2–9 million)",
        },
    ),
    "quotes": Table(
        "Quoted text, classified as term or speech, with a named speaker where one is found.",
        {
            "paragraph_id": "the paragraph",
            "source_id": "the source",
            "quote": "inside the marks",
            **SPAN,
            "kind": "term | speech",
            "speaker": "entity id of the speaker (may be empty)",
        },
    ),
    "keywords_by_source": Table("TF-IDF and TextRank keywords per source.", KEYWORDS),
    "keywords_by_theme": Table("TF-IDF and TextRank keywords per theme.", KEYWORDS),
    "themes": Table(
        "Story themes per paragraph (rules of themes.yml, corrected by paragraph_themes.csv).",
        {
            "paragraph_id": "the paragraph",
            "source_id": "the source",
            "theme": "theme id",
            "origin": "rule | manual",
            "evidence": "what matched (keyword, entity, date)",
        },
    ),
    "theme_coverage": Table(
        "Paragraphs per source and theme.",
        {"source_id": "the source (manifest order)"},
        per_theme="paragraphs of the source on that theme",
    ),
    "overlap": Table(
        "Aligned paragraph pairs of different sources (shared wording or one translated text).",
        {
            "paragraph_a": "earlier paragraph",
            "paragraph_b": "later paragraph",
            "source_a": "its source",
            "source_b": "its source",
            "score": "cosine similarity of character 2-/3-gram TF-IDF vectors",
        },
    ),
    "source_overlap": Table(
        "Share of each source's characters in paragraphs aligned with another source.",
        {
            "source": "the source",
            "aligned_with": "the other source",
            "share": "share of the source's characters (0–1), nonzero only",
        },
    ),
}


def problems(name: str, columns, theme_ids=()) -> list[str]:
    """Why a processed table with these columns is not documented (empty when it is)."""
    table = PROCESSED.get(name)
    if table is None:
        return [f"table {name} is not in saga/corpus/registry.py"]
    allowed = [*table.columns, *(theme_ids if table.per_theme else ())]
    return [
        f"table {name}: column {c} is not in saga/corpus/registry.py"
        for c in columns
        if c not in allowed
    ] + [
        f"table {name}: documented column {c} is missing"
        for c in table.columns
        if c not in list(columns)
    ]


def check_tables(tables: dict, theme_ids=()) -> None:
    """Refuse processed tables whose name or columns the registry does not document."""
    found = [p for name, df in tables.items() for p in problems(name, df.columns, theme_ids)]
    if found:
        more = f" (and {len(found) - 1} more)" if len(found) > 1 else ""
        raise SagaError(f"{found[0]}{more}; document it there before writing it")
