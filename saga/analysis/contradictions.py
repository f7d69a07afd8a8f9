"""Contested claims and the errata that settle them: who says what on either side, counted
by independent witness, and the errata tables the synthesis and lawsuit chapters show.

Functions take frames (saga.corpus.store.read_table, saga.records) and read no files.
"""

from __future__ import annotations

import pandas as pd

from saga.analysis.timelines import claims_tally
from saga.labels import cite_labels, paragraph_labels, witness_names
from saga.records.annotations import THEMES, split_ids
from saga.records.errata import ERRATA_COLUMNS, VERDICTS


def errata_table(errata: pd.DataFrame, paragraphs: pd.DataFrame) -> pd.DataFrame:
    """The errata for display, in theme order (THEMES) then by where they occur: columns
    erratum_id, theme, where ("S3 ¶10"), quote, says, record, record_where, bib, verdict, note."""
    plabel = paragraph_labels(paragraphs)
    order = {pid: i for i, pid in enumerate(paragraphs["paragraph_id"])}
    rank = {t: i for i, t in enumerate(THEMES)}
    out = pd.DataFrame(
        {
            "erratum_id": errata["erratum_id"],
            "theme": errata["theme"],
            "where": [cite_labels(split_ids(c), plabel) for c in errata["paragraphs"]],
            "quote": errata["quote"],
            "says": errata["says_en"],
            "record": errata["record_en"],
            "record_where": [
                cite_labels(split_ids(c), plabel) for c in errata["record_paragraphs"]
            ],
            "bib": [", ".join(split_ids(c)) for c in errata["bib"]],
            "verdict": errata["verdict"],
            "note": errata["note"],
        }
    )
    first = [
        min((order.get(p, len(order)) for p in split_ids(c)), default=len(order))
        for c in errata["paragraphs"]
    ]
    out = out.assign(_t=out["theme"].map(rank).fillna(len(rank)), _p=first)
    out = out.sort_values(["_t", "_p", "erratum_id"], kind="stable")
    return out.drop(columns=["_t", "_p"]).reset_index(drop=True)


def errata_counts(errata: pd.DataFrame) -> pd.DataFrame:
    """Errata per theme (rows, THEMES order, only themes with an erratum) × verdict (columns,
    VERDICTS order, zeros kept)."""
    table = pd.crosstab(errata["theme"], errata["verdict"])
    table = table.reindex(
        index=[t for t in THEMES if t in set(errata["theme"])],
        columns=list(VERDICTS),
        fill_value=0,
    )
    table.index.name, table.columns.name = "theme", "verdict"
    return table.astype("int64")


def short_witness_names(sources: pd.DataFrame, limit: int = 3) -> dict[str, str]:
    """witness -> display name ("S1+S5"), cut after ``limit`` labels ("S1+S5+S6 +117 more")
    so that a witness many sources share still fits on a chart axis."""
    out = {}
    for w, name in witness_names(sources).items():
        labs = name.split("+")
        more = f" +{len(labs) - limit} more" if len(labs) > limit else ""
        out[w] = "+".join(labs[:limit]) + more
    return out


def witness_of_label(sources: pd.DataFrame, label: str) -> str:
    """The errata_by_witness row name of the witness source ``label`` belongs to."""
    witness = dict(zip(sources["label"], sources["witness"], strict=True))
    return short_witness_names(sources)[str(witness[label])]


def errata_by_witness(
    errata: pd.DataFrame, paragraphs: pd.DataFrame, sources: pd.DataFrame
) -> pd.DataFrame:
    """Errata per independent witness (rows: "S1+S5", "S2", … in manifest order) × verdict:
    an erratum repeated by both translations of one article counts once for their witness."""
    source_of = dict(zip(paragraphs["paragraph_id"], paragraphs["source_id"], strict=True))
    witness = dict(zip(sources["source_id"], sources["witness"], strict=True))
    names = short_witness_names(sources)
    rows = []
    for e in errata.itertuples(index=False):
        wits = {witness[source_of[p]] for p in split_ids(e.paragraphs) if p in source_of}
        rows += [(names[str(w)], e.verdict) for w in wits]
    table = pd.crosstab(
        pd.Series([r[0] for r in rows], name="witness", dtype=object),
        pd.Series([r[1] for r in rows], name="verdict", dtype=object),
    )
    order = list(dict.fromkeys(names[str(w)] for w in sources["witness"]))
    table = table.reindex(index=order, columns=list(VERDICTS), fill_value=0)
    table.index.name, table.columns.name = "witness", "verdict"
    return table.astype("int64")


def contradictions(
    claims: pd.DataFrame,
    stances: pd.DataFrame,
    sources: pd.DataFrame,
    paragraphs: pd.DataFrame,
    errata: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """One row per claim that some source contradicts: who supports it and who contradicts it
    (source labels and paragraph labels), how many independent witnesses stand on each side,
    the claim's note, and the errata that settle it against the record (errata whose `claims`
    cell names the claim; their ids, verdicts and records).

    Columns: claim_id, theme, claim_en, supports, contradicts, support_paragraphs,
    contradict_paragraphs, n_support_witnesses, n_contradict_witnesses, contested, note,
    errata, verdicts, record."""
    tally = claims_tally(claims, stances, sources).set_index("claim_id")
    plabel = paragraph_labels(paragraphs)
    note = dict(zip(claims["claim_id"], claims["note"], strict=True))
    rows = []
    for claim_id, t in tally.iterrows():
        if not t["contradicts"]:
            continue
        st = stances[stances["claim_id"] == claim_id]
        side = {
            k: [p for cell in st.loc[st["stance"] == k, "paragraphs"] for p in split_ids(cell)]
            for k in ("supports", "contradicts")
        }
        settle = pd.DataFrame(columns=ERRATA_COLUMNS)
        if errata is not None and len(errata):
            settle = errata[[claim_id in split_ids(c) for c in errata["claims"]]]
        rows.append(
            {
                "claim_id": str(claim_id),
                "theme": t["theme"],
                "claim_en": t["claim_en"],
                "supports": ", ".join(t["supports"]),
                "contradicts": ", ".join(t["contradicts"]),
                "support_paragraphs": cite_labels(side["supports"], plabel),
                "contradict_paragraphs": cite_labels(side["contradicts"], plabel),
                "n_support_witnesses": int(t["n_support_witnesses"]),
                "n_contradict_witnesses": int(t["n_contradict_witnesses"]),
                "contested": bool(t["contested"]),
                "note": note.get(claim_id, ""),
                "errata": ", ".join(settle["erratum_id"]),
                "verdicts": ", ".join(settle["verdict"]),
                "record": " / ".join(settle["record_en"]),
            }
        )
    columns = [
        "claim_id",
        "theme",
        "claim_en",
        "supports",
        "contradicts",
        "support_paragraphs",
        "contradict_paragraphs",
        "n_support_witnesses",
        "n_contradict_witnesses",
        "contested",
        "note",
        "errata",
        "verdicts",
        "record",
    ]
    return pd.DataFrame(rows, columns=columns)


SETTLING = ("error", "superseded")


def settled(contra: pd.DataFrame) -> pd.DataFrame:
    """The contradicted claims (``contradictions`` frame) that an erratum settles against the
    record: one naming the claim with the verdict error or superseded. Unconfirmed and
    disputed entries name a claim but settle nothing."""
    keep = [any(v.strip() in SETTLING for v in str(cell).split(",")) for cell in contra["verdicts"]]
    return contra[keep].reset_index(drop=True)
