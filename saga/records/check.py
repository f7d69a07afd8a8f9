"""`python -m saga check`: the project's data is consistent and every source cleans."""

from __future__ import annotations

from pathlib import Path

from saga.corpus.build import processed_problem
from saga.corpus.cleaning import corpus_tables
from saga.corpus.dates import dates_table
from saga.corpus.entities import learned_forms, load_entities, unlisted_forms
from saga.corpus.manifest import load_manifest
from saga.corpus.money import money_table
from saga.corpus.themes import load_overrides, load_themes
from saga.errors import SagaError
from saga.paths import processed_dir
from saga.records import edition, lexicons, translations
from saga.records.annotations import bib_keys, load_claims, load_events, validate
from saga.records.case_record import validate_case_record
from saga.records.errata import validate_errata
from saga.records.gpu_figures import gpu_problems, load_gpu_figures
from saga.records.money_roles import load_flows, load_money_roles, money_role_problems
from saga.records.outside_record import load_outside_record, outside_record_problems
from saga.records.short_labels import load_short_labels, short_label_problems
from saga.records.teaser_stages import load_teaser_stages


def record_problems(root: Path, paragraphs) -> list[str]:
    """Problems with the money roles, the outside record, the GPU figures, the short labels
    and the teaser stages (a file that cannot be read is one problem)."""
    try:
        flows = load_flows(root)
        roles, record = load_money_roles(root), load_outside_record(root)
        gpus = load_gpu_figures(root)
        short, events, claims = load_short_labels(root), load_events(root), load_claims(root)
        load_teaser_stages(root)
    except SagaError as err:
        return [str(err)]
    return (
        money_role_problems(roles, flows, money_table(paragraphs))
        + outside_record_problems(record, flows, bib_keys(root))
        + gpu_problems(gpus, paragraphs)
        + short_label_problems(short, events, claims)
    )


def name_form_notes(paragraphs, root: Path) -> list[str]:
    """One info line per name form a source glosses that data/lexicon/entities.csv lacks."""
    forms = unlisted_forms(learned_forms(paragraphs, load_entities(root)))
    return [
        f"info: {f.paragraph_id} glosses {f.form} as {f.gloss} ({f.entity_id}); "
        "add it to the aliases in data/lexicon/entities.csv if that is right"
        for f in forms.itertuples()
    ]


def check_project(root: Path) -> str:
    """Raise SagaError naming every problem; return a one-line summary when all is well,
    followed by one info line per learned name form the lexicon lacks."""
    sources = load_manifest(root)
    paragraphs = corpus_tables(sources, root)["paragraphs"]
    load_themes(root)  # and the entity lexicon: a broken file is one line
    load_overrides(root)
    body = paragraphs[paragraphs["kind"] == "body"].groupby("source_id").size()
    if empty := [s for s in sources["source_id"] if s not in body.index]:
        raise SagaError(f"sources that clean into no body paragraph: {', '.join(empty)}")
    published = dict(zip(sources["source_id"], sources["published"], strict=True))
    problems = validate(root, paragraphs, dates_table(paragraphs, published))
    problems += validate_errata(root, paragraphs)
    problems += validate_case_record(root)
    problems += record_problems(root, paragraphs)
    problems += edition.validate(root, sources["source_id"])
    problems += lexicons.validate(root)
    problems += translations.validate(root, paragraphs, translations.load_translations(root))
    if problems:
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise SagaError(f"annotations: {problems[0]}{more}; fix data/annotations/")
    if processed_dir(root).exists() and (stale := processed_problem(root)):
        raise SagaError(stale)
    summary = (
        f"ok: {len(sources)} sources, {len(paragraphs)} paragraphs, annotations and errata valid"
    )
    return "\n".join([summary, *name_form_notes(paragraphs, root)])
