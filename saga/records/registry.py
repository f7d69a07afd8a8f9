"""The table registry, part two: every hand-made record a person edits (``data/annotations``,
``data/lexicon``, ``data/edition.csv``, ``data/translations``), with its columns and what they
mean; the processed tables are in ``saga.corpus.registry``."""

from __future__ import annotations

from saga.corpus.registry import Table


def _ids(what: str) -> str:
    return f"{what} (`;`-separated)"


RECORDS: dict[str, Table] = {
    "events": Table(
        "One dated event per row.",
        {
            "event_id": "kebab-case id",
            "date": "YYYY-MM-DD, YYYY-MM or YYYY",
            "precision": "day | month | year",
            "theme": "theme id",
            "summary_en": "one sentence",
            "summary_zh": "one sentence",
            "supporting": _ids("paragraphs that report it"),
            "contradicting": _ids("paragraphs that tell it differently"),
            "external_bib": _ids("bib keys for a date from outside the corpus"),
            "external": "true when the date comes from outside the corpus",
        },
        path="data/annotations/events.csv",
    ),
    "claims": Table(
        "Contested claims.",
        {
            "claim_id": "id",
            "theme": "theme id",
            "claim_en": "the claim",
            "note": "what the stance cannot hold",
        },
        path="data/annotations/claims.csv",
    ),
    "claim_stances": Table(
        "Each source's stance on each claim (long form).",
        {
            "claim_id": "claims.csv id",
            "source_id": "the source",
            "stance": "supports | contradicts | silent",
            "paragraphs": _ids("the source's paragraphs"),
        },
        path="data/annotations/claim_stances.csv",
    ),
    "errata": Table(
        "What the sources got wrong or left unconfirmed, with the record beside it.",
        {
            "erratum_id": "kebab-case id",
            "theme": "theme id",
            "paragraphs": _ids("paragraphs that say it"),
            "quote": "the words at issue (original)",
            "says_en": "what the source says",
            "record_en": "what the record says",
            "record_paragraphs": _ids("paragraphs that give the record"),
            "bib": _ids("bib keys for the record"),
            "verdict": "error | unconfirmed | disputed | superseded",
            "note": "free text",
            "claims": _ids("claims.csv ids it settles"),
        },
        path="data/annotations/errata.csv",
    ),
    "gpu_figures": Table(
        "GPU counts in the sources.",
        {
            "paragraph_id": "the paragraph",
            "text": "the figure as written",
            "gpus": "whole number",
            "what": "what it stands for",
        },
        path="data/annotations/gpu_figures.csv",
    ),
    "short_labels": Table(
        "Short English labels of events and claims for chart rows.",
        {
            "kind": "event | claim",
            "id": "the events.csv or claims.csv id",
            "short_en": "a few words that fit beside a chart",
        },
        path="data/annotations/short_labels.csv",
    ),
    "case_record": Table(
        "The course of Musk v. Altman from the outside record, one dated step per row.",
        {
            "step_id": "kebab-case id",
            "date": "YYYY-MM-DD, YYYY-MM or YYYY",
            "precision": "day | month | year",
            "court": "state | federal | empty (a step outside court)",
            "summary_en": "one sentence",
            "bib": _ids("bib keys"),
            "sureness": "high | medium | low",
            "event_id": "the event of events.csv this step is (may be empty)",
        },
        path="data/annotations/case_record.csv",
    ),
    "money_flows": Table(
        "The money flows chapter 3 follows.",
        {"flow": "id", "label": "English label"},
        path="data/annotations/money_flows.csv",
    ),
    "money_roles": Table(
        "What each amount in the sources stands for.",
        {
            "paragraph_id": "the paragraph",
            "text": "the amount as written",
            "flow": "money_flows id",
            "payer": "who pays",
            "payee": "who receives",
            "as_of": "when the source places it",
            "basis": "on whose word",
            "note": "free text",
        },
        path="data/annotations/money_roles.csv",
    ),
    "outside_record": Table(
        "The record outside the corpus for each flow.",
        {
            "flow": "money_flows id",
            "value_usd": "a number",
            "bound": "= stated by a party, < an upper bound a party states, ~ reported by others",
            "date": "YYYY-MM-DD",
            "bib": "a key of book/references.bib",
            "note": "free text",
        },
        path="data/annotations/outside_record.csv",
    ),
    "paragraph_themes": Table(
        "Hand corrections of the theme rules.",
        {
            "paragraph_id": "the paragraph",
            "theme": "theme id",
            "action": "add | remove",
            "note": "why",
        },
        path="data/annotations/paragraph_themes.csv",
    ),
    "entities": Table(
        "The names lexicon.",
        {
            "id": "entity id",
            "name_en": "English name",
            "name_zh": "usual simplified form",
            "type": "person | org | product",
            "aliases": "every spelling (`|`-separated)",
        },
        path="data/lexicon/entities.csv",
    ),
    "frames": Table(
        "Vocabulary of ways of telling the story.",
        {"frame": "frame id", "term": "simplified term", "note": "free text"},
        path="data/lexicon/frames.csv",
    ),
    "sourcing": Table(
        "How a text attributes what it reports.",
        {"kind": "sourcing kind", "term": "simplified term", "note": "free text"},
        path="data/lexicon/sourcing.csv",
    ),
    "provenance": Table(
        "Markers of machine conversion from a simplified page.",
        {
            "kind": "mainland-vocabulary | conversion-error",
            "term": "traditional term",
            "note": "free text",
        },
        path="data/lexicon/provenance.csv",
    ),
    "teaser_stages": Table(
        "Storyline stages that sort the related-article teasers.",
        {
            "stage": "id",
            "label": "English label",
            "priority": "lowest matching wins",
            "words": _ids("simplified words"),
        },
        path="data/lexicon/teaser_stages.csv",
    ),
    "edition": Table(
        "The edition sources the essays were written about.",
        {"source_id": "the source", "note": "which it is"},
        path="data/edition.csv",
    ),
    "translations": Table(
        "This book's English translation of each paragraph (one file per source).",
        {
            "paragraph_id": "the paragraph",
            "text_en": "English, as written",
            "note": "translator's note (may be empty)",
        },
        path="data/translations",
    ),
}
